import { resolveDecisions } from '../../../shared/dedup/decisions/apply-decisions';
import { decisionsInForce } from '../../../shared/dedup/decisions/in-force';
import type { Decision } from '../../../shared/schema';
import { latestDecisions } from '../../../bot/src/workbook/tabs';

const decisions: Decision[] = [
  { a: 'a:1', b: 'b:1', outcome: 'not-duplicate', by: 'U2', at: '2026-01-03T10:00:00Z' },
  { a: 'b:1', b: 'a:1', outcome: 'merge', by: 'U1', at: '2026-01-02T10:00:00Z' },
  { a: 'a:2', b: 'b:2', outcome: 'merge', by: 'U1', at: '2026-01-05T10:00:00.000Z' },
  { a: 'a:2', b: 'b:2', outcome: 'not-duplicate', by: 'U3', at: '2026-01-05T10:00:00Z' },
];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('the decision in force', () => {
  it('is the latest by time, whatever order decisions are listed in, with ties settled the same way', () => {
    for (const order of permutations(decisions)) {
      const inForce = [...decisionsInForce(order).values()].map((d) => `${d.a}|${d.b}:${d.outcome}:${d.by}`).sort();
      expect(inForce).toEqual(['a:1|b:1:not-duplicate:U2', 'a:2|b:2:not-duplicate:U3']);
    }
  });

  it('is the same for the dedup engine and the workbook', () => {
    for (const order of permutations(decisions)) {
      const engine = [...resolveDecisions(order, () => true).byPair.values()];
      expect(new Set(latestDecisions(order))).toEqual(new Set(engine));
    }
  });
});
