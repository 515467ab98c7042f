/** Counts as a person reads them: one definition for every part (shared/format/counts.ts). */
export { formatCount as count, plural } from '../../../shared/format/counts';

/**
 * A match probability as a percentage a person can trust: rounding must never show "100%
 * likely" for two rows that are not identical, nor "0%" for a pair that was flagged.
 */
export function likelyPercent(probability: number, identical: boolean): number {
  if (identical) return 100;
  return Math.max(1, Math.min(99, Math.round(probability * 100)));
}
