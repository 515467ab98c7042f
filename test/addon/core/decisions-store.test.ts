import { addDecisions, DecisionsFullError, readDecisions } from '../../../addon/src/core/decisions-store';
import { MemoryProperties } from '../fakes/memory-properties';
import type { Decision } from '../../../shared/schema';

const decision = (i: number): Decision => ({ a: `sheet:${i}`, b: `sheet:${i + 1}`, outcome: 'not-duplicate', by: 'user-key-1', at: '2026-11-25T12:00:00.000Z' });

describe('the decisions store', () => {
  it('reads back what was added', () => {
    const store = new MemoryProperties();
    addDecisions(store, [decision(1), decision(5)]);
    expect(readDecisions(store)).toEqual([decision(1), decision(5)]);
  });

  it('shards under the 9 KB per value limit', () => {
    const store = new MemoryProperties();
    addDecisions(store, Array.from({ length: 2000 }, (_, i) => decision(i * 2)));
    const values = Object.values(store.getAll());
    expect(Number(store.getAll()['dcc.decisions.count'])).toBeGreaterThan(5);
    for (const value of values) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(9 * 1024);
    expect(readDecisions(store)).toHaveLength(2000);
  });

  it('replaces an earlier verdict on the same pair, in either order', () => {
    const store = new MemoryProperties();
    addDecisions(store, [decision(1)]);
    addDecisions(store, [{ ...decision(1), a: 'sheet:2', b: 'sheet:1', outcome: 'merge' }]);
    expect(readDecisions(store)).toEqual([expect.objectContaining({ outcome: 'merge' })]);
  });

  it('survives a damaged shard', () => {
    const store = new MemoryProperties({ 'dcc.decisions.count': '2', 'dcc.decisions.0': '{broken', 'dcc.decisions.1': '[["a","b","n","u","t"]]' });
    expect(readDecisions(store)).toEqual([{ a: 'a', b: 'b', outcome: 'not-duplicate', by: 'u', at: 't' }]);
  });

  it('refuses with a plain message when the store would overflow', () => {
    const store = new MemoryProperties();
    const huge = Array.from({ length: 20_000 }, (_, i) => ({ ...decision(i * 2), a: `sheet:${'x'.repeat(20)}${i}` }));
    expect(() => addDecisions(store, huge)).toThrow(DecisionsFullError);
  });
});
