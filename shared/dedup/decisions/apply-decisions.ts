/**
 * Stage 6, decisions: what coordinators said about pairs. The decision in force on a pair (in-force.ts) wins;
 * a `merge` is a must-link, a `not-duplicate` a cannot-link. Decisions about records that are
 * not in this run are kept aside and reported, never an error: a sheet may have lost a row.
 */
import type { Decision, DecisionOutcome } from '../../schema/record';
import { pairKey } from '../../schema/pair-key';
import { compareDecisions } from './in-force';

export interface ResolvedDecisions {
  /** The decision in force per pair of known records, keyed by `pairKey`. */
  readonly byPair: ReadonlyMap<string, Decision>;
  readonly mustLinks: readonly Decision[];
  readonly cannotLinks: readonly Decision[];
  /** Records in a cannot-link: they are never folded together with identical rows. */
  readonly isolated: ReadonlySet<string>;
  readonly unknown: readonly Decision[];
}

export function resolveDecisions(decisions: readonly Decision[], known: (id: string) => boolean): ResolvedDecisions {
  const byPair = new Map<string, Decision>();
  const unknown: Decision[] = [];
  for (const decision of decisions) {
    if (decision.a === decision.b) continue;
    if (!known(decision.a) || !known(decision.b)) {
      unknown.push(decision);
      continue;
    }
    const key = pairKey(decision.a, decision.b);
    const earlier = byPair.get(key);
    if (!earlier || compareDecisions(decision, earlier) > 0) byPair.set(key, decision);
  }
  const ofOutcome = (outcome: DecisionOutcome): Decision[] => [...byPair.values()].filter((d) => d.outcome === outcome);
  const cannotLinks = ofOutcome('not-duplicate');
  const isolated = new Set<string>();
  for (const decision of cannotLinks) {
    isolated.add(decision.a);
    isolated.add(decision.b);
  }
  return { byPair, mustLinks: ofOutcome('merge'), cannotLinks, isolated, unknown };
}
