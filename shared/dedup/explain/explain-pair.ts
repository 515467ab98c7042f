/**
 * Stage 7, explain: why a pair scored as it did, read off the pair's gamma vector and the
 * model, never re-computed. `reasons` is what the add-on and Slack show to people who have
 * never heard of match weights.
 */
import type { Model } from '../score/model';
import type { ScoredPair } from '../types';

export interface FieldExplanation {
  /** Comparison output name: "name", "phone", "place"… */
  readonly field: string;
  readonly gamma: number;
  /** The comparison level, e.g. "same last 7 digits". */
  readonly level: string;
  /** log2 Bayes factor of that level: positive for, negative against, 0 when a value is missing. */
  readonly weight: number;
  readonly reason: string;
}

export interface PairExplanation {
  readonly matchWeight: number;
  readonly matchProbability: number;
  readonly fields: readonly FieldExplanation[];
  /** Plain-language reasons, strongest first: evidence for, then evidence against. */
  readonly reasons: readonly string[];
}

/** Fields whose weight is smaller than this hardly moved the score and are left out of `reasons`. */
const NOTABLE_WEIGHT = 1;
const MAX_REASONS = 5;

export function explainPair(pair: ScoredPair, model: Model): PairExplanation {
  const fields = model.comparisons.map((comparison, c): FieldExplanation => {
    const gamma = pair.gamma[c] ?? 0;
    const level = comparison.levels[gamma] ?? comparison.levels[0];
    return { field: comparison.output, gamma, level: level?.label ?? '', weight: level?.log2BayesFactor ?? 0,
      reason: level?.reason ?? '' };
  });
  const notable = fields.filter((field) => Math.abs(field.weight) >= NOTABLE_WEIGHT);
  const reasons = [
    ...notable.filter((field) => field.weight > 0).sort((x, y) => y.weight - x.weight),
    ...notable.filter((field) => field.weight < 0).sort((x, y) => x.weight - y.weight),
  ].slice(0, MAX_REASONS).map((field) => field.reason);
  if (pair.decision) {
    reasons.unshift(pair.decision.outcome === 'merge' ? `marked the same by ${pair.decision.by}`
      : `marked not a duplicate by ${pair.decision.by}`);
  }
  return { matchWeight: pair.matchWeight, matchProbability: pair.matchProbability, fields, reasons };
}
