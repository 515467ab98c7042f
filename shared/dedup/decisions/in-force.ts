/**
 * The decision in force for a pair: the one with the latest `at` (the time of the person's action,
 * not of its recording, so a replayed or delayed older click never undoes a newer decision). The
 * order decisions are listed in never matters; equal times are settled by a fixed order of fields.
 * Every reader of decisions (the dedup engine, the Review tab, Slack) uses this one definition.
 */
import type { Decision } from '../../schema/record';
import { pairKey } from '../../schema/pair-key';

const time = (at: string): number => {
  const parsed = Date.parse(at);
  // An unreadable time (a hand-typed cell) ranks before every real one.
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
};

const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Positive when `x` takes precedence over `y`. At equal times "not-duplicate" wins over "merge"
 * (keeping two listings apart can be undone by a later merge; a wrong merge publishes a mix), then
 * the text of `by`, `at` and `note`, so the answer is the same in any order.
 */
export function compareDecisions(x: Decision, y: Decision): number {
  return (time(x.at) - time(y.at) || 0)
    || (x.outcome === y.outcome ? 0 : x.outcome === 'not-duplicate' ? 1 : -1)
    || compareText(x.at, y.at) || compareText(x.by, y.by) || compareText(x.note ?? '', y.note ?? '');
}

/** The decision in force for each pair, keyed by `pairKey` (shared/schema). */
export function decisionsInForce(decisions: readonly Decision[]): Map<string, Decision> {
  const byPair = new Map<string, Decision>();
  for (const decision of decisions) {
    const key = pairKey(decision.a, decision.b);
    const current = byPair.get(key);
    if (!current || compareDecisions(decision, current) > 0) byPair.set(key, decision);
  }
  return byPair;
}
