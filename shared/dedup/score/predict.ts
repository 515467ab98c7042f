/**
 * Match weights for compared pairs (Splink's `predict`): the prior plus the log2 Bayes factor of
 * each comparison level reached.
 */
import type { Model } from './model';
import { levelWeights, priorWeight } from './model';

export function matchWeights(model: Model, gammas: Uint8Array): Float64Array {
  const tables = levelWeights(model);
  const width = tables.length;
  const prior = priorWeight(model);
  const pairs = width === 0 ? 0 : gammas.length / width;
  const weights = new Float64Array(pairs);
  for (let i = 0; i < pairs; i++) {
    let weight = prior;
    for (let c = 0; c < width; c++) weight += (tables[c] as Float64Array)[gammas[i * width + c] as number] as number;
    weights[i] = weight;
  }
  return weights;
}

/** Weight of one comparison vector, for pairs scored outside the candidate set. */
export function vectorWeight(tables: readonly Float64Array[], prior: number, vector: Uint8Array): number {
  let weight = prior;
  for (let c = 0; c < tables.length; c++) weight += (tables[c] as Float64Array)[vector[c] as number] as number;
  return weight;
}
