/**
 * The add-on's one door into shared/dedup. Everything the add-on knows about matching is the
 * shape of what comes back: pairs of record ids, the engine's verdict and its plain reasons.
 */
import type { Decision, Record } from '../../../shared/schema';
import { DEFAULT_SETTINGS, dedupe, explainPair } from '../../../shared/dedup';

export interface LikelyPair {
  readonly a: string;
  readonly b: string;
  /** 0…1. */
  readonly probability: number;
  readonly reasons: readonly string[];
}

/**
 * Pairs the engine puts in one cluster at or above its own threshold. Weaker pairs that share a
 * cluster only through a third record are left out, so a mark never says "12% likely".
 */
export function likelyDuplicates(records: readonly Record[], decisions: readonly Decision[]): LikelyPair[] {
  const result = dedupe([...records], { decisions: [...decisions] });
  return result.pairs
    .filter((pair) => pair.decision?.outcome !== 'not-duplicate')
    .filter((pair) => pair.decision?.outcome === 'merge' || (pair.sameCluster && pair.matchProbability >= DEFAULT_SETTINGS.threshold))
    .map((pair) => ({ a: pair.a, b: pair.b, probability: pair.matchProbability,
      reasons: explainPair(pair, result.model).reasons }))
    .sort((x, y) => y.probability - x.probability);
}
