/**
 * A coordinator's click that lands while a run is under way: the key deduper, which on its
 * `on`-th call first records "not a duplicate" for the two records `pick` chooses, through the
 * workbook as the Slack app would.
 */
import type { Deduper } from '../../../bot/src/jobs/stages/dedup';
import type { Workbook } from '../../../bot/src/workbook/types';
import type { Record } from '../../../shared/schema';
import { keyDeduper } from './key-deduper';

export interface CountingDeduper {
  readonly deduper: Deduper;
  /** How many runs got as far as dedup (an idle run does not). */
  readonly calls: () => number;
}

export function decisionDuringRun(workbook: Workbook, on: number,
  pick: (records: readonly Record[]) => readonly Record[] = (records) => records.slice(0, 2)): CountingDeduper {
  let calls = 0;
  const deduper: Deduper = async (records, decisions) => {
    calls += 1;
    if (calls === on) {
      const [a, b] = pick(records);
      await workbook.appendDecision({ a: a?.id as string, b: b?.id as string, outcome: 'not-duplicate', by: 'a@example.org',
        at: '2026-01-02T00:00:00Z' });
    }
    return keyDeduper(records, decisions);
  };
  return { deduper, calls: () => calls };
}
