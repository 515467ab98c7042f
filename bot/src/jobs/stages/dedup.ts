/**
 * Stage: dedup. Finds which records are one organization, across every source, with people's
 * decisions honoured (merge = must-link, not-duplicate = cannot-link). The job only needs
 * clusters and the pairs worth a person's look, so the engine sits behind `Deduper`.
 *
 * `engineDeduper` is the shared Fellegi–Sunter engine (shared/dedup), the job's only one; tests
 * may pass a predictable stand-in (test/bot/helpers/key-deduper.ts).
 */
import { dedupe, explainPair, type DedupSettings } from '../../../../shared/dedup';
import type { Decision, Record } from '../../../../shared/schema';

export interface DedupPair {
  readonly a: string;
  readonly b: string;
  readonly probability: number;
  readonly reasons: readonly string[];
}

export interface DedupOutcome {
  /** Every record id exactly once. */
  readonly clusters: string[][];
  /** Probable duplicates that no decision covers, for the Review tab. */
  readonly review: DedupPair[];
}

export type Deduper = (records: readonly Record[], decisions: readonly Decision[]) => DedupOutcome | Promise<DedupOutcome>;

/**
 * The shared engine. Undecided pairs it rates between `reviewAbove` and `sureAbove` go to
 * review with the engine's own plain-language reasons, whether it joined them or not: joined
 * ones stay merged until a person says otherwise.
 */
export function engineDeduper(settings: Partial<DedupSettings> = {}, reviewAbove = 0.1, sureAbove = 0.98): Deduper {
  return (records, decisions) => {
    const result = dedupe(records, { decisions, settings });
    const clusters = result.clusters.map((cluster) => [...cluster.recordIds]);
    const review = result.pairs
      .filter((pair) => !pair.decision && pair.matchProbability >= reviewAbove && pair.matchProbability < sureAbove)
      .map((pair) => ({ a: pair.a, b: pair.b, probability: pair.matchProbability,
        reasons: [...explainPair(pair, result.model).reasons, ...(pair.sameCluster ? ['merged until someone decides'] : [])] }));
    return { clusters, review };
  };
}
