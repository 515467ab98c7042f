import { PairMemo } from '../../../shared/dedup/compare/pair-memo';
import { Interner } from '../../../shared/dedup/features/interner';
import { buildFeatureTable } from '../../../shared/dedup/features/match-features';
import { record } from './helpers';

describe('Interner', () => {
  it('gives equal strings equal ids, numbered from 1 in order of first appearance', () => {
    const interner = new Interner();
    expect(['b', 'a', 'b', 'c', 'a'].map((value) => interner.id(value))).toEqual([1, 2, 1, 3, 2]);
    expect(interner.values).toEqual(['', 'b', 'a', 'c']);
    expect(interner.size).toBe(3);
  });

  it('gives 0 to missing and empty values, and finds only what was interned', () => {
    const interner = new Interner();
    expect(interner.id(undefined)).toBe(0);
    expect(interner.id('')).toBe(0);
    interner.id('main st');
    expect(interner.find('main st')).toBe(1);
    expect(interner.find('oak st')).toBe(0);
    expect(interner.find('')).toBe(0);
  });

  it('keeps every id stable while growing far beyond its first table', () => {
    const interner = new Interner();
    const values = Array.from({ length: 50000 }, (_, i) => `street ${i * 7919}`);
    const ids = values.map((value) => interner.id(value));
    expect(new Set(ids).size).toBe(values.length);
    expect(values.map((value) => interner.find(value))).toEqual(ids);
    expect(interner.id(values[123] as string)).toBe(ids[123]);
  });
});

describe('PairMemo', () => {
  it('remembers a value for a pair in either order, and -1 for an unknown pair', () => {
    const memo = new PairMemo();
    memo.set(7, 3, 0.91);
    expect(memo.get(3, 7)).toBe(0.91);
    expect(memo.get(7, 3)).toBe(0.91);
    expect(memo.get(3, 8)).toBe(-1);
    memo.set(3, 7, 0.5);
    expect(memo.get(7, 3)).toBe(0.5);
  });

  it('keeps what it remembered while growing', () => {
    const memo = new PairMemo();
    for (let x = 1; x <= 200; x++) for (let y = x + 1; y <= x + 50; y++) memo.set(x, y, (x * y) % 97);
    const wrong: string[] = [];
    for (let x = 1; x <= 200; x++) for (let y = x + 1; y <= x + 50; y++) if (memo.get(y, x) !== (x * y) % 97) wrong.push(`${x},${y}`);
    expect(wrong).toEqual([]);
  });

  it('forgets everything rather than growing past its limit', () => {
    const memo = new PairMemo(4096);
    for (let y = 2; y < 20000; y++) memo.set(1, y, 1);
    const remembered = Array.from({ length: 19998 }, (_, i) => memo.get(1, i + 2)).filter((value) => value === 1).length;
    expect(remembered).toBeGreaterThan(0);
    expect(remembered).toBeLessThanOrEqual(8192);
  });
});

describe('buildFeatureTable', () => {
  it('builds the same nodes and ids whatever the input order', () => {
    const values = [
      { name: 'Harmony Bakery', city: 'Chicago', postal_code: '60615' },
      { name: 'Harmony Bakery', city: 'Chicago', postal_code: '60615' },
      { name: 'Juniper Farm', city: 'Madison' },
      { name: 'Bakery Harmony', city: 'Chicago' },
    ];
    const records = values.map((v, i) => record(`s:${i}`, v));
    const forward = buildFeatureTable(records);
    const backward = buildFeatureTable([...records].reverse());
    expect(backward.members).toEqual(forward.members);
    expect(Array.from(backward.name.ids)).toEqual(Array.from(forward.name.ids));
    expect(Array.from(backward.wordIds)).toEqual(Array.from(forward.wordIds));
    expect(backward.nameWords).toEqual(forward.nameWords);
    expect(forward.size).toBe(3);
  });

  it('keeps an isolated record in a node of its own even when its keys are identical', () => {
    const values = { name: 'Harmony Bakery', city: 'Chicago' };
    const records = [record('s:1', values), record('s:2', values), record('s:3', values)];
    expect(buildFeatureTable(records).members).toEqual([[0, 1, 2]]);
    const table = buildFeatureTable(records, new Set(['s:2']));
    expect(table.size).toBe(2);
    expect([...table.members].sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([[0, 2], [1]]);
  });
});

describe('buildFeatureTable record ids', () => {
  it('accepts an empty id once, like any other id', () => {
    const table = buildFeatureTable([record('b', { name: 'Juniper Farm' }), record('', { name: 'Harmony Bakery' })]);
    expect(table.recordIds).toEqual(['', 'b']);
    expect(table.members).toEqual([[0], [1]]);
  });

  it('rejects a repeated id, the empty one included', () => {
    expect(() => buildFeatureTable([record('a', { name: 'x' }), record('a', { name: 'y' })])).toThrow(/duplicate record id "a"/);
    expect(() => buildFeatureTable([record('', { name: 'x' }), record('', { name: 'y' })])).toThrow(/duplicate record id ""/);
  });
});
