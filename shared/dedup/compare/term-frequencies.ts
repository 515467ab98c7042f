/**
 * Term-frequency weights for name words (Splink's `tf_` adjustments, applied per word): a rare
 * word shared by two names says far more than "cooperative" or "community" does.
 */
import type { FeatureTable } from '../features/match-features';

/** Inverse document frequency of every name word, scaled down for very short words. */
export function nameWordWeights(table: FeatureTable): Float64Array {
  const counts = new Float64Array(table.nameWords.length);
  for (const id of table.wordIds) counts[id] = (counts[id] as number) + 1;
  const total = Math.max(table.size, 1);
  const weights = new Float64Array(counts.length);
  for (let id = 1; id < counts.length; id++) {
    const idf = Math.log((total + 1) / ((counts[id] as number) + 0.5));
    // One- and two-letter words are mostly initials and typo fragments ("oC-op" → "oc", "op").
    const length = (table.nameWords[id] as string).length;
    weights[id] = Math.max(idf, 0.1) * (length >= 4 ? 1 : length === 3 ? 0.75 : 0.4);
  }
  return weights;
}

/** How often each word appears, for blocking on the rarest words of a name. */
export function nameWordCounts(table: FeatureTable): Int32Array {
  const counts = new Int32Array(table.nameWords.length);
  for (const id of table.wordIds) counts[id] = (counts[id] as number) + 1;
  return counts;
}
