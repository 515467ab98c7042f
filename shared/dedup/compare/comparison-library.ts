/**
 * Stage 3, compare: the comparisons and their levels (Splink's `comparison_library`). A
 * `ComparisonSpec` is plain data, safe to store in settings; the level a pair falls into is its
 * `gamma` for that comparison. Level 0 is always the null level (a value missing on either
 * side, which counts neither for nor against), level 1 the closest agreement and the last level
 * the disagreement.
 *
 * Street, postal code, city and coordinates are one comparison, `location`, with ordered
 * levels: as separate comparisons they would count the same fact (same place) three times and
 * merge every pair of organizations sharing a building.
 */

export type ComparisonKind = 'name' | 'location' | 'phone' | 'website' | 'email' | 'legal_form';

export interface ComparisonSpec {
  /** Output column, as Splink's `output_column_name`: `gamma_name`, `mw_name`. */
  readonly output: string;
  readonly kind: ComparisonKind;
}

export interface ComparisonLevelSpec {
  /** Stable name of the level within its comparison (`exact`, `sameStreetAddress`): labels may be reworded, names stay. */
  readonly name: string;
  readonly label: string;
  /** What this level means to someone who has never heard of match weights: "same phone". */
  readonly reason: string;
  readonly isNullLevel: boolean;
  /**
   * The measure a pair must reach for this level (a weighted-word share, a distance in km),
   * where the level has one; the label quotes it, so the number is written only here.
   */
  readonly threshold?: number;
  /** A second way into the level: whole values at least this close by Jaro-Winkler. */
  readonly jaroWinkler?: number;
  /**
   * A pair at this level is at most this probable, whatever else agrees. Match weights add up
   * evidence as if comparisons were independent; some facts are not outweighed by any amount
   * of agreement elsewhere (two street addresses in two cities are two places, whatever the
   * name says). Capped pairs above the review floor still go to a person.
   */
  readonly atMost?: number;
}

/** A level whose name is known to the type checker, so that `levelIndex` maps can be typed. */
type Named<N extends string> = ComparisonLevelSpec & { readonly name: N };

const level = <N extends string>(name: N, label: string, reason: string): Named<N> =>
  ({ name, label, reason, isNullLevel: false });
const nullLevel = <N extends string>(name: N, label: string, reason: string): Named<N> =>
  ({ name, label, reason, isNullLevel: true });
const capped = <N extends string>(name: N, label: string, reason: string, atMost: number): Named<N> =>
  ({ name, label, reason, isNullLevel: false, atMost });

/** Where a measured level begins; see ComparisonLevelSpec. */
interface Measure {
  readonly threshold: number;
  readonly jaroWinkler?: number;
}

/** A level reached at a measure, its label written around the measure's numbers. */
const measured = <N extends string, M extends Measure>(name: N, measure: M, label: (measure: M) => string,
  reason: string): Named<N> => ({ name, label: label(measure), reason, isNullLevel: false, ...measure });

/** Probability a capped pair cannot exceed: below any merge threshold, inside the review band. */
export const CAPPED_PROBABILITY = 0.3;

const METRES_PER_KM = 1000;

const LEVEL_DATA = {
  name: [
    nullLevel('missing', 'name missing', 'name missing'),
    level('exact', 'exact match', 'same name'),
    measured('veryClose', { threshold: 0.85, jaroWinkler: 0.96 },
      ({ threshold, jaroWinkler }) => `very similar (weighted words ≥ ${threshold} or Jaro-Winkler ≥ ${jaroWinkler})`,
      'nearly the same name'),
    measured('close', { threshold: 0.6 }, ({ threshold }) => `similar (weighted words ≥ ${threshold}, or one name inside the other)`,
      'similar name'),
    measured('someWords', { threshold: 0.35 }, ({ threshold }) => `some rare words in common (weighted words ≥ ${threshold})`,
      'some words of the name in common'),
    // A hotel's café and its dining room: a level of its own, so that training weighs it apart
    // from names that are a short form of each other. (Capping it cost more true pairs than it saved.)
    level('ownWords', 'words in common, but each name has words of its own', 'names share words but each has its own'),
    capped('different', 'different', 'different name', CAPPED_PROBABILITY),
  ],
  location: [
    nullLevel('missing', 'location missing', 'location missing'),
    level('sameStreetAddress', 'same house number and street', 'same street address'),
    level('closeStreetAddress', 'close street address (typo in street or number)', 'similar street address'),
    level('sameStreetAddressOtherLocality',
      'same street address, locality named at another level (neighbourhood, suburb, alias)',
      'same street address, neighbourhood or city named differently'),
    level('otherUnit', 'same house number and street, different unit', 'same building but a different suite or unit'),
    // Thresholds in km.
    measured('sameSpot', { threshold: 0.1 }, ({ threshold }) => `within ${threshold * METRES_PER_KM} m on the map, no street to compare`,
      'same spot on the map'),
    level('sameStreet', 'same street, different house number', 'same street, different number'),
    level('samePostalCode', 'same postal code, no street to compare', 'same ZIP code'),
    level('sameCity', 'same city, no street to compare', 'same city'),
    level('differentStreetSameCity', 'same city or postal code, different street', 'different street address in the same city'),
    level('sameState', 'same state only', 'same state'),
    measured('differentCity', { threshold: 2 }, ({ threshold }) => `different city, postal code or state, or over ${threshold} km apart`,
      'different city'),
    capped('differentStreetAnotherCity', 'different street address in a different city',
      'different street address in another city', CAPPED_PROBABILITY),
  ],
  phone: [
    nullLevel('missing', 'phone missing', 'phone missing'),
    level('exact', 'exact match', 'same phone'),
    level('sameLastSeven', 'same last 7 digits', 'same phone number (area code missing)'),
    level('different', 'different', 'different phone'),
  ],
  website: [
    nullLevel('missing', 'website missing', 'website missing'),
    level('sameDomain', 'same registrable domain', 'same website domain'),
    level('different', 'different', 'different website'),
  ],
  email: [
    nullLevel('missing', 'email missing', 'email missing'),
    level('exact', 'exact match', 'same email'),
    level('different', 'different', 'different email'),
  ],
  legal_form: [
    nullLevel('missing', 'legal form missing', 'legal form missing'),
    level('same', 'same legal form words', 'same legal form'),
    level('different', 'different legal form words', 'different legal form'),
  ],
} as const;

/** Levels by kind, closest first after the null level. The compare functions return these indexes. */
export const LEVELS: { readonly [kind in ComparisonKind]: readonly ComparisonLevelSpec[] } = LEVEL_DATA;

export type LevelName<K extends ComparisonKind> = (typeof LEVEL_DATA)[K][number]['name'];

/**
 * Gamma of each level of `kind`, by name: `levelIndex('location').sameStreetAddress` is 1. Built
 * once at module load by the compare functions, which then return plain numbers.
 */
export function levelIndex<K extends ComparisonKind>(kind: K): { readonly [N in LevelName<K>]: number } {
  const index: { [name: string]: number } = {};
  LEVELS[kind].forEach((spec, gamma) => {
    index[spec.name] = gamma;
  });
  return Object.freeze(index) as { readonly [N in LevelName<K>]: number };
}

/** The level of `kind` called `name`. */
export function levelSpec<K extends ComparisonKind>(kind: K, name: LevelName<K>): ComparisonLevelSpec {
  const spec = LEVELS[kind].find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`no ${kind} level named ${name}`);
  return spec;
}

/**
 * A measure of a level that has one (its `threshold`, or its `jaroWinkler`); a level without it
 * is a mistake in LEVEL_DATA, caught when the compare module loads.
 */
export function levelThreshold<K extends ComparisonKind>(kind: K, name: LevelName<K>,
  measure: keyof Measure = 'threshold'): number {
  const value = levelSpec(kind, name)[measure];
  if (value === undefined) throw new Error(`${kind} level ${name} has no ${measure}`);
  return value;
}

export const DEFAULT_COMPARISONS: readonly ComparisonSpec[] = [
  { output: 'name', kind: 'name' },
  { output: 'location', kind: 'location' },
  { output: 'phone', kind: 'phone' },
  { output: 'website', kind: 'website' },
  { output: 'email', kind: 'email' },
  { output: 'legal_form', kind: 'legal_form' },
];
