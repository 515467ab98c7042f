/**
 * Where training starts, and the prior it never strays far from when pairs are few: m and u
 * rows per comparison, indexed by gamma (index 0, the null level, is always 1 and never used).
 */
import type { ComparisonSpec } from '../compare/comparison-library';
import { LEVELS } from '../compare/comparison-library';

/** Scales levels 1… to sum to 1; level 0 (null) is left at 1 and never used. */
export function normalizeNonNull(row: Float64Array): Float64Array {
  let total = 0;
  for (let g = 1; g < row.length; g++) total += row[g] as number;
  const out = new Float64Array(row.length);
  out[0] = 1;
  for (let g = 1; g < row.length; g++) out[g] = total > 0 ? (row[g] as number) / total : 1 / (row.length - 1);
  return out;
}

/** Starting u, for when there are no random pairs to measure: different organizations rarely agree. */
export function startingU(specs: readonly ComparisonSpec[]): Float64Array[] {
  return specs.map((spec) => {
    const levels = LEVELS[spec.kind].length;
    const row = new Float64Array(levels);
    row[0] = 1;
    for (let g = 1; g < levels - 1; g++) row[g] = 0.02;
    row[levels - 1] = 1 - 0.02 * (levels - 2);
    return row;
  });
}

/** Starting m: most matches agree exactly, a few partly, very few disagree. */
export function startingM(specs: readonly ComparisonSpec[]): Float64Array[] {
  return specs.map((spec) => {
    const levels = LEVELS[spec.kind].length;
    const row = new Float64Array(levels);
    row[0] = 1;
    const middle = levels - 3;
    row[1] = middle > 0 ? 0.6 : 0.85;
    for (let g = 2; g < levels - 1; g++) row[g] = 0.3 / middle;
    row[levels - 1] = middle > 0 ? 0.1 : 0.15;
    return row;
  });
}
