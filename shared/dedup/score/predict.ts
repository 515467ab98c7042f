/**
 * Match weights for compared pairs (Splink's `predict`): the prior plus the log2 Bayes factor of
 * each comparison level reached, no higher than the lowest cap among those levels.
 */
import type { Model } from './model';
import { levelCaps, levelWeights, priorWeight } from './model';

export function matchWeights(model: Model, gammas: Uint8Array): Float64Array {
  const tables = levelWeights(model);
  const caps = levelCaps(model);
  const width = tables.length;
  const prior = priorWeight(model);
  const pairs = width === 0 ? 0 : gammas.length / width;
  const weights = new Float64Array(pairs);
  for (let i = 0; i < pairs; i++) {
    let weight = prior;
    let cap = Infinity;
    for (let c = 0; c < width; c++) {
      const gamma = gammas[i * width + c] as number;
      weight += (tables[c] as Float64Array)[gamma] as number;
      cap = Math.min(cap, (caps[c] as Float64Array)[gamma] as number);
    }
    weights[i] = Math.min(weight, cap);
  }
  return weights;
}

/** Weight of one comparison vector, for pairs scored outside the candidate set. */
export function vectorWeight(tables: readonly Float64Array[], prior: number, vector: Uint8Array,
  caps?: readonly Float64Array[]): number {
  let weight = prior;
  let cap = Infinity;
  for (let c = 0; c < tables.length; c++) {
    weight += (tables[c] as Float64Array)[vector[c] as number] as number;
    if (caps) cap = Math.min(cap, (caps[c] as Float64Array)[vector[c] as number] as number);
  }
  return Math.min(weight, cap);
}
