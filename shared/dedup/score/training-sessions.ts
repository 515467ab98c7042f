/**
 * Training in sessions, as Splink recommends. One EM over every candidate pair can settle on the
 * wrong split: in a large directory most candidates share a name because names repeat (branches,
 * common words), and EM then calls "same name" a match, whatever the city. So m is learned
 * where the split is clear, with the comparison that defined the session left out:
 *
 * 1. pairs with the same or nearly the same name → m of every comparison but the name;
 * 2. pairs at the same street address → m of the name;
 *
 * and a last EM over all candidates keeps those m fixed and estimates u and the match rate
 * among candidates, which is what the scores are computed with.
 */
import { levelIndex, type ComparisonSpec } from '../compare/comparison-library';
import { expectationMaximisation, sessionPatterns, type EmOptions, type PatternCounts } from './expectation-maximisation';
import type { Parameters } from './model';

const NAME = levelIndex('name');
const LOCATION = levelIndex('location');
const CLOSE_NAMES = new Set([NAME.exact, NAME.veryClose]);
const SAME_ADDRESSES = new Set([LOCATION.sameStreetAddress, LOCATION.closeStreetAddress]);

export interface TrainingResult {
  readonly parameters: Parameters;
  readonly iterations: number;
  readonly converged: boolean;
}

export function trainModel(patterns: PatternCounts, specs: readonly ComparisonSpec[], start: Parameters,
  options: EmOptions): TrainingResult {
  const width = specs.length;
  const nameIndex = specs.findIndex((spec) => spec.kind === 'name');
  const locationIndex = specs.findIndex((spec) => spec.kind === 'location');
  const m: Float64Array[] = start.m.map((row) => Float64Array.from(row));
  let iterations = 0;

  if (nameIndex >= 0) {
    const byName = sessionPatterns(patterns, width, (vector) => CLOSE_NAMES.has(vector[nameIndex] as number), [nameIndex]);
    const session = expectationMaximisation(byName, specs, start, options);
    iterations += session.iterations;
    specs.forEach((_, c) => {
      if (c !== nameIndex) m[c] = session.parameters.m[c] as Float64Array;
    });
  }
  if (nameIndex >= 0 && locationIndex >= 0) {
    const blank = specs.map((_, c) => c).filter((c) => c !== nameIndex);
    const byAddress = sessionPatterns(patterns, width, (vector) => SAME_ADDRESSES.has(vector[locationIndex] as number), [locationIndex]);
    // The name's m is learned from everything else agreeing or not, so only the location is blanked
    // for the E-step; every comparison but the name keeps the m from the first session.
    const fixed = new Map(blank.filter((c) => c !== locationIndex).map((c) => [c, m[c] as Float64Array]));
    const session = expectationMaximisation(byAddress, specs, { ...start, m }, { ...options, fixedM: fixed });
    iterations += session.iterations;
    m[nameIndex] = session.parameters.m[nameIndex] as Float64Array;
  }

  const fixedM = new Map(m.map((row, c) => [c, row]));
  const final = expectationMaximisation(patterns, specs, { ...start, m }, { ...options, fixedM });
  return { parameters: final.parameters, iterations: iterations + final.iterations, converged: final.converged };
}
