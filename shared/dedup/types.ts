/** The shapes `dedupe` returns; see index.ts for how to read them. */
import type { Decision } from '../schema/record';
import type { Model } from './score/model';

export interface ScoredPair {
  /** Record ids, a < b. */
  readonly a: string;
  readonly b: string;
  /** Splink's match weight: log2 of the odds that the two records are one organization. */
  readonly matchWeight: number;
  readonly matchProbability: number;
  /** Level reached per comparison, aligned with `model.comparisons` (Splink's `gamma_` columns). */
  readonly gamma: readonly number[];
  /** log2 Bayes factor per comparison, aligned with `model.comparisons` (Splink's `mw_` columns). */
  readonly weights: readonly number[];
  /** A person's decision on this pair; it overrides the score and the pair is never asked again. */
  readonly decision?: Decision;
  /** True when both records ended in the same cluster. */
  readonly sameCluster: boolean;
}

export interface Cluster {
  /** Deterministic: derived from the smallest member id (see cluster/cluster-id.ts). */
  readonly id: string;
  /** Member record ids, sorted. A record alone is a cluster of one. */
  readonly recordIds: readonly string[];
  /** Lowest probability among the links that hold the cluster together; absent for a single record. */
  readonly weakestLink?: number;
}

export interface DedupeStats {
  readonly records: number;
  /** Distinct records after folding rows whose match keys are identical. */
  readonly distinctRecords: number;
  readonly candidatePairs: number;
  readonly pairsByRule: { readonly [rule: string]: number };
  readonly oversizedBlocks: number;
  /** Decisions naming a record that is not in the input; they are kept for later runs. */
  readonly unknownDecisions: number;
}

export interface DedupeResult {
  /** Every input record is in exactly one cluster; records with no duplicate are clusters of one. */
  readonly clusters: Cluster[];
  /** Compared pairs with probability ≥ `settings.reportPairsAbove`, plus every decided pair, strongest first. */
  readonly pairs: ScoredPair[];
  /** How many pairs each record was compared in, by record id. */
  readonly candidatePairsPerRecord: Map<string, number>;
  /** Probability of each record's best link inside its cluster; absent for records alone. */
  readonly bestMatchProbability: Map<string, number>;
  /** Cluster id by record id. */
  readonly clusterOf: Map<string, string>;
  readonly model: Model;
  readonly stats: DedupeStats;
}

export type ProgressFn = (stage: string, done: number, total: number) => void;
