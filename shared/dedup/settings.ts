/**
 * Everything the engine can be told, with defaults chosen on synthetic multi-source data and
 * meant to hold for any directory: callers usually pass only `threshold`.
 */
import type { BlockingRuleName } from './block/blocking-rules';
import { DEFAULT_BLOCKING_RULES } from './block/blocking-rules';
import type { ComparisonSpec } from './compare/comparison-library';
import { DEFAULT_COMPARISONS } from './compare/comparison-library';

export interface DedupSettings {
  /** Match probability at or above which two records are the same organization. */
  readonly threshold: number;
  readonly comparisons: readonly ComparisonSpec[];
  /** Splink's `blocking_rules_to_generate_predictions`, by name. */
  readonly blockingRules: readonly BlockingRuleName[];
  /** Blocks with more records than this are walked as a sorted neighbourhood instead of compared in full. */
  readonly maxBlockSize: number;
  /** Each record is also compared with this many neighbours in name order. */
  readonly sortedNeighbourhoodWindow: number;
  readonly maxIterations: number;
  readonly emConvergence: number;
  /** Random pairs compared to start u (Splink's `max_pairs`). */
  readonly uSamplePairs: number;
  /** Seed of the random pair sample: same seed, same result. */
  readonly seed: number;
  /** Pairs below this probability are left out of `DedupeResult.pairs` (decided pairs are always in). */
  readonly reportPairsAbove: number;
  /** Members per side compared when checking that two groups cohere before merging them. */
  readonly coherenceSample: number;
}

export const DEFAULT_SETTINGS: DedupSettings = {
  threshold: 0.5,
  comparisons: DEFAULT_COMPARISONS,
  blockingRules: DEFAULT_BLOCKING_RULES,
  maxBlockSize: 30,
  sortedNeighbourhoodWindow: 3,
  maxIterations: 100,
  emConvergence: 1e-5,
  uSamplePairs: 20000,
  seed: 1,
  reportPairsAbove: 0.05,
  coherenceSample: 8,
};

export function resolveSettings(partial: Partial<DedupSettings> = {}): DedupSettings {
  const settings = { ...DEFAULT_SETTINGS, ...partial };
  if (!(settings.threshold > 0 && settings.threshold < 1)) {
    throw new RangeError(`threshold must be a probability between 0 and 1 (exclusive), got ${settings.threshold}`);
  }
  return settings;
}
