/**
 * "Not a duplicate" verdicts, kept as Decisions in document properties. A property value holds
 * at most 9 KB, so the list is stored compactly (one short array per decision) across numbered
 * shards; the whole store is capped at 500 KB, which leaves room for thousands of decisions.
 */
import { pairKey, type Decision, type DecisionOutcome } from '../../../shared/schema';
import type { PropertyStore } from '../services/stores';
import { PROPERTY_VALUE_BYTES } from './settings';
import { utf8Length } from './shards';

const COUNT_KEY = 'dcc.decisions.count';
const SHARD_KEY = (index: number): string => `dcc.decisions.${index}`;
/** Leaves most of the 500 KB property store to the settings and to other documents' needs. */
const MAX_SHARDS = 40;

type Compact = [a: string, b: string, outcome: 'n' | 'm', by: string, at: string];

export class DecisionsFullError extends Error {
  constructor() {
    super('This sheet has too many saved duplicate decisions to remember more. Remove rows that are truly duplicates first.');
    this.name = 'DecisionsFullError';
  }
}

export function readDecisions(store: PropertyStore): Decision[] {
  const all = store.getAll();
  const count = Number(all[COUNT_KEY] ?? '0');
  const decisions: Decision[] = [];
  for (let i = 0; i < count; i++) {
    const shard = all[SHARD_KEY(i)];
    if (!shard) continue;
    try {
      for (const item of JSON.parse(shard) as Compact[]) {
        const outcome: DecisionOutcome = item[2] === 'm' ? 'merge' : 'not-duplicate';
        decisions.push({ a: item[0], b: item[1], outcome, by: item[3], at: item[4] });
      }
    } catch {
      // A damaged shard loses its decisions but never blocks the menu.
    }
  }
  return decisions;
}

/** Adds decisions (replacing an earlier verdict on the same pair) and rewrites the shards in one write. */
export function addDecisions(store: PropertyStore, added: readonly Decision[]): Decision[] {
  const byPair = new Map<string, Decision>();
  for (const decision of [...readDecisions(store), ...added]) byPair.set(pairKey(decision.a, decision.b), decision);
  const decisions = [...byPair.values()];
  const previous = Number(store.getAll()[COUNT_KEY] ?? '0');
  const shards = shard(decisions.map(compact));
  if (shards.length > MAX_SHARDS) throw new DecisionsFullError();
  const values: { [key: string]: string } = { [COUNT_KEY]: String(shards.length) };
  shards.forEach((text, index) => (values[SHARD_KEY(index)] = text));
  // Emptied shards are blanked in the same write rather than deleted one call at a time.
  for (let i = shards.length; i < previous; i++) values[SHARD_KEY(i)] = '';
  store.setMany(values);
  return decisions;
}

function compact(decision: Decision): Compact {
  return [decision.a, decision.b, decision.outcome === 'merge' ? 'm' : 'n', decision.by, decision.at];
}

function shard(items: readonly Compact[]): string[] {
  const shards: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const item of items) {
    const text = JSON.stringify(item);
    const size = utf8Length(text) + 1;
    if (size + 2 > PROPERTY_VALUE_BYTES) continue; // A single absurd id cannot be stored; skip it rather than fail all.
    if (bytes + size > PROPERTY_VALUE_BYTES) {
      shards.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(text);
    bytes += size;
  }
  if (current.length > 0) shards.push(`[${current.join(',')}]`);
  return shards;
}
