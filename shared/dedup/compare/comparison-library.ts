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
  readonly label: string;
  /** What this level means to someone who has never heard of match weights: "same phone". */
  readonly reason: string;
  readonly isNullLevel: boolean;
  /**
   * A pair at this level is at most this probable, whatever else agrees. Match weights add up
   * evidence as if comparisons were independent; some facts are not outweighed by any amount
   * of agreement elsewhere (two street addresses in two cities are two places, whatever the
   * name says). Capped pairs above the review floor still go to a person.
   */
  readonly atMost?: number;
}

const level = (label: string, reason: string, isNullLevel = false): ComparisonLevelSpec => ({ label, reason, isNullLevel });
const capped = (label: string, reason: string, atMost: number): ComparisonLevelSpec => ({ label, reason, isNullLevel: false, atMost });

/** Probability a capped pair cannot exceed: below any merge threshold, inside the review band. */
export const CAPPED_PROBABILITY = 0.3;

/** Levels by kind, closest first after the null level. The compare functions return these indexes. */
export const LEVELS: { readonly [kind in ComparisonKind]: readonly ComparisonLevelSpec[] } = {
  name: [
    level('name missing', 'name missing', true),
    level('exact match', 'same name'),
    level('very similar (weighted words ≥ 0.85 or Jaro-Winkler ≥ 0.96)', 'nearly the same name'),
    level('similar (weighted words ≥ 0.6, or one name inside the other)', 'similar name'),
    level('some rare words in common (weighted words ≥ 0.35)', 'some words of the name in common'),
    // A hotel's café and its dining room: a level of its own, so that training weighs it apart
    // from names that are a short form of each other. (Capping it cost more true pairs than it saved.)
    level('words in common, but each name has words of its own', 'names share words but each has its own'),
    capped('different', 'different name', CAPPED_PROBABILITY),
  ],
  location: [
    level('location missing', 'location missing', true),
    level('same house number and street', 'same street address'),
    level('close street address (typo in street or number)', 'similar street address'),
    level('same street address, locality named at another level (neighbourhood, suburb, alias)',
      'same street address, neighbourhood or city named differently'),
    level('same house number and street, different unit', 'same building but a different suite or unit'),
    level('within 100 m on the map, no street to compare', 'same spot on the map'),
    level('same street, different house number', 'same street, different number'),
    level('same postal code, no street to compare', 'same ZIP code'),
    level('same city, no street to compare', 'same city'),
    level('same city or postal code, different street', 'different street address in the same city'),
    level('same state only', 'same state'),
    level('different city, postal code or state, or over 2 km apart', 'different city'),
    capped('different street address in a different city', 'different street address in another city', CAPPED_PROBABILITY),
  ],
  phone: [
    level('phone missing', 'phone missing', true),
    level('exact match', 'same phone'),
    level('same last 7 digits', 'same phone number (area code missing)'),
    level('different', 'different phone'),
  ],
  website: [
    level('website missing', 'website missing', true),
    level('same registrable domain', 'same website domain'),
    level('different', 'different website'),
  ],
  email: [
    level('email missing', 'email missing', true),
    level('exact match', 'same email'),
    level('different', 'different email'),
  ],
  legal_form: [
    level('legal form missing', 'legal form missing', true),
    level('same legal form words', 'same legal form'),
    level('different legal form words', 'different legal form'),
  ],
};

export const DEFAULT_COMPARISONS: readonly ComparisonSpec[] = [
  { output: 'name', kind: 'name' },
  { output: 'location', kind: 'location' },
  { output: 'phone', kind: 'phone' },
  { output: 'website', kind: 'website' },
  { output: 'email', kind: 'email' },
  { output: 'legal_form', kind: 'legal_form' },
];
