/**
 * Stage: the Review tab. Probable duplicates from dedup become review items with enough of each
 * side to judge them; items already decided stay as the record of the decision; open items keep
 * the time they were first queued.
 */
import { pairKey, type Decision, type Record } from '../../../../shared/schema';
import { latestDecisions } from '../../workbook/tabs';
import type { ReviewItem, ReviewSide } from '../../workbook/types';
import type { DedupPair } from './dedup';

export interface ReviewStageInput {
  readonly pairs: readonly DedupPair[];
  readonly records: ReadonlyMap<string, Record>;
  readonly previous: readonly ReviewItem[];
  readonly decisions: readonly Decision[];
  readonly dccIdOf: ReadonlyMap<string, string>;
  readonly linkTo: (record: Record) => string;
  readonly now: Date;
}

function side(record: Record | undefined, id: string, input: ReviewStageInput): ReviewSide {
  const values = record?.values ?? {};
  const address = [values.street, values.city, [values.state, values.postal_code].filter(Boolean).join(' ')]
    .filter((part) => part && part.trim() !== '').join(', ');
  const dccId = input.dccIdOf.get(id);
  return {
    id, source: record?.source ?? id.slice(0, id.indexOf(':')), name: values.name ?? '', address,
    phone: values.phone ?? '', website: values.website ?? '', link: record ? input.linkTo(record) : '',
    ...(dccId ? { dcc_id: dccId } : {}),
  };
}

export function reviewStage(input: ReviewStageInput): ReviewItem[] {
  const decided = new Map(latestDecisions(input.decisions).map((decision) => [pairKey(decision.a, decision.b), decision]));
  const previous = new Map(input.previous.map((item) => [item.pair_id, item]));
  const items = new Map<string, ReviewItem>();
  for (const item of input.previous) {
    const decision = decided.get(item.pair_id);
    if (decision) {
      items.set(item.pair_id, { ...item, status: decision.outcome === 'merge' ? 'merged' : 'not-duplicate',
        decided_by: decision.by, decided_at: decision.at });
    }
  }
  const ordered = [...input.pairs].sort((x, y) => y.probability - x.probability);
  for (const pair of ordered) {
    const pairId = pairKey(pair.a, pair.b);
    if (items.has(pairId) || decided.has(pairId)) continue;
    const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
    items.set(pairId, {
      pair_id: pairId,
      a: side(input.records.get(a), a, input),
      b: side(input.records.get(b), b, input),
      probability: pair.probability,
      reasons: [...pair.reasons],
      status: 'open',
      created: previous.get(pairId)?.created || input.now.toISOString(),
    });
  }
  return [...items.values()];
}
