/**
 * u probabilities from random pairs (Splink's `estimate_u_using_random_sampling`): almost every
 * random pair is two different organizations, so level frequencies among them estimate u. Used
 * to start EM. The sample is drawn with a seeded generator, so results never vary between runs.
 */
import type { ComparisonSpec } from '../compare/comparison-library';
import { LEVELS } from '../compare/comparison-library';
import { comparisonVector, type CompareContext } from '../compare/comparison-vectors';
import { normalizeNonNull, startingU } from './starting-values';

/** mulberry32: small, fast and the same in every JavaScript engine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function estimateU(context: CompareContext, specs: readonly ComparisonSpec[],
  options: { maxPairs: number; seed: number }): Float64Array[] {
  const size = context.table.size;
  const counts = specs.map((spec) => new Float64Array(LEVELS[spec.kind].length).fill(1));
  const vector = new Uint8Array(specs.length);
  const tally = (): void => {
    for (let c = 0; c < specs.length; c++) {
      const row = counts[c] as Float64Array;
      const gamma = vector[c] as number;
      row[gamma] = (row[gamma] as number) + 1;
    }
  };
  const allPairs = (size * (size - 1)) / 2;
  if (allPairs === 0) return startingU(specs);
  if (allPairs <= options.maxPairs) {
    for (let a = 0; a < size; a++) {
      for (let b = a + 1; b < size; b++) {
        comparisonVector(context, specs, a, b, vector, 0);
        tally();
      }
    }
  } else {
    const random = seededRandom(options.seed);
    for (let i = 0; i < options.maxPairs; i++) {
      const a = Math.floor(random() * size);
      let b = Math.floor(random() * (size - 1));
      if (b >= a) b++;
      comparisonVector(context, specs, a, b, vector, 0);
      tally();
    }
  }
  return counts.map(normalizeNonNull);
}
