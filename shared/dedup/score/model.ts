/**
 * The trained model: each comparison level with its m and u probabilities (Splink's
 * `ComparisonLevel`). m = P(level | same organization), u = P(level | different
 * organizations); the level's match weight is log2(m / u).
 */
import type { ComparisonKind, ComparisonLevelSpec, ComparisonSpec } from '../compare/comparison-library';
import { LEVELS } from '../compare/comparison-library';

export interface ComparisonLevel extends ComparisonLevelSpec {
  readonly mProbability: number;
  readonly uProbability: number;
  readonly bayesFactor: number;
  readonly log2BayesFactor: number;
}

export interface Comparison {
  readonly output: string;
  readonly kind: ComparisonKind;
  /** Index = gamma; level 0 is the null level (weight 0). */
  readonly levels: readonly ComparisonLevel[];
}

export interface Model {
  readonly comparisons: readonly Comparison[];
  /** Prior that a candidate pair (one that shares a blocking key) is a match, as estimated by EM. */
  readonly probabilityTwoCandidatesMatch: number;
  /** The same prior over all pairs of records, Splink's `probability_two_random_records_match`. */
  readonly probabilityTwoRandomRecordsMatch: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Pairs the estimates were drawn from, and how many of them carried a person's decision. */
  readonly trainedOn: { readonly candidatePairs: number; readonly decidedPairs: number };
}

/** m and u arrays by comparison, indexed by gamma (index 0, the null level, is ignored). */
export interface Parameters {
  readonly m: Float64Array[];
  readonly u: Float64Array[];
  lambda: number;
}

/**
 * No level may say more than log2(1 / PROBABILITY_FLOOR) bits: with millions of pairs EM can
 * learn that matches "never" have different websites, and one changed domain would then
 * outweigh everything else that agrees.
 */
const PROBABILITY_FLOOR = 0.005;

export function buildModel(specs: readonly ComparisonSpec[], parameters: Parameters,
  extra: Omit<Model, 'comparisons' | 'probabilityTwoCandidatesMatch'>): Model {
  const comparisons = specs.map((spec, c): Comparison => ({
    output: spec.output,
    kind: spec.kind,
    levels: LEVELS[spec.kind].map((level, gamma): ComparisonLevel => {
      if (level.isNullLevel) return { ...level, mProbability: 1, uProbability: 1, bayesFactor: 1, log2BayesFactor: 0 };
      const m = Math.max(parameters.m[c]?.[gamma] as number, PROBABILITY_FLOOR);
      const u = Math.max(parameters.u[c]?.[gamma] as number, PROBABILITY_FLOOR);
      return { ...level, mProbability: m, uProbability: u, bayesFactor: m / u, log2BayesFactor: Math.log2(m / u) };
    }),
  }));
  return { comparisons, probabilityTwoCandidatesMatch: parameters.lambda, ...extra };
}

/** log2 Bayes factor by comparison and gamma, the lookup table behind every match weight. */
export function levelWeights(model: Model): Float64Array[] {
  return model.comparisons.map((comparison) => Float64Array.from(comparison.levels, (level) => level.log2BayesFactor));
}

/**
 * By comparison and gamma, the highest match weight a pair at that level may have (Infinity
 * where a level sets no cap; see ComparisonLevelSpec.atMost).
 */
export function levelCaps(model: Model): Float64Array[] {
  return model.comparisons.map((comparison) => Float64Array.from(comparison.levels,
    (level) => (level.atMost === undefined ? Infinity : weightFromProbability(level.atMost))));
}

export function priorWeight(model: Model): number {
  const lambda = model.probabilityTwoCandidatesMatch;
  return Math.log2(lambda / (1 - lambda));
}

export function probabilityFromWeight(weight: number): number {
  const odds = 2 ** weight;
  return Number.isFinite(odds) ? odds / (1 + odds) : 1;
}

export function weightFromProbability(probability: number): number {
  const p = Math.min(Math.max(probability, 1e-12), 1 - 1e-12);
  return Math.log2(p / (1 - p));
}
