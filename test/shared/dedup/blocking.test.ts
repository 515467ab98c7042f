import fc from 'fast-check';
import { candidatePairs } from '../../../shared/dedup/block/candidate-pairs';
import { DEFAULT_BLOCKING_RULES } from '../../../shared/dedup/block/blocking-rules';
import { buildFeatureTable } from '../../../shared/dedup/features/match-features';
import { record, organizations } from './helpers';

const options = { rules: DEFAULT_BLOCKING_RULES, maxBlockSize: 30, sortedNeighbourhoodWindow: 3 };

function pairSet(result: ReturnType<typeof candidatePairs>): Set<string> {
  return new Set(Array.from(result.a, (a, i) => `${a}-${result.b[i]}`));
}

describe('candidatePairs', () => {
  it('never misses an exact duplicate: identical rows share a node, and a copy with one changed field is a candidate', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 0, max: 1000 }), fc.nat(), (count, seed, pick) => {
      const values = organizations(count, seed);
      const target = pick % count;
      const records = values.map((v, i) => record(`s:${i}`, v));
      records.push(record('copy:1', { ...values[target] }));
      records.push(record('copy:2', { ...values[target], phone: '' }));
      const table = buildFeatureTable(records);
      const nodeOf = (id: string): number => table.members.findIndex((members) => members.some((m) => table.recordIds[m] === id));
      expect(nodeOf('copy:1')).toBe(nodeOf(`s:${target}`));
      const pairs = pairSet(candidatePairs(table, options));
      const [x, y] = [nodeOf('copy:2'), nodeOf(`s:${target}`)].sort((p, q) => p - q);
      expect(pairs.has(`${x}-${y}`)).toBe(true);
    }), { numRuns: 60 });
  });

  it('pairs every node with itself never, and lists each pair once with a < b', () => {
    const table = buildFeatureTable(organizations(300).map((v, i) => record(`s:${i}`, v)));
    const result = candidatePairs(table, options);
    expect(pairSet(result).size).toBe(result.count);
    for (let i = 0; i < result.count; i++) expect(result.a[i]).toBeLessThan(result.b[i] as number);
  });

  it('finds a renamed record through its phone and a misspelled one through its rare words', () => {
    const records = [
      record('a:1', { name: 'Silver Pine Farm Co-op', phone: '503-313-6866', city: 'Portland' }),
      record('b:1', { name: 'Portland Growers', phone: '(503) 313-6866' }),
      record('c:1', { name: 'Zilver Pine Farm', city: 'Portland' }),
      ...organizations(200).map((v, i) => record(`x:${i}`, v)),
    ];
    const table = buildFeatureTable(records);
    const node = (id: string): number => table.members.findIndex((m) => table.recordIds[m[0] as number] === id);
    const pairs = pairSet(candidatePairs(table, options));
    const has = (p: string, q: string): boolean => {
      const [x, y] = [node(p), node(q)].sort((s, t) => s - t);
      return pairs.has(`${x}-${y}`);
    };
    expect(has('a:1', 'b:1')).toBe(true);
    expect(has('a:1', 'c:1')).toBe(true);
  });

  it('caps a giant block: 5,000 records sharing every key give a linear number of pairs', () => {
    const records = Array.from({ length: 5000 }, (_, i) => record(`s:${i}`, {
      name: `Community Cooperative ${i % 2 === 0 ? 'North' : 'South'}`, phone: '312-555-0100', city: 'Chicago',
      street: `${i} Main St`, postal_code: '60601', website: 'https://shared.example.org',
    }));
    const table = buildFeatureTable(records);
    const result = candidatePairs(table, options);
    expect(result.count).toBeLessThan(5000 * 30);
    expect(result.oversizedBlocks).toBeGreaterThan(0);
  });

  it('reports how many pairs each rule produced', () => {
    const table = buildFeatureTable(organizations(100).map((v, i) => record(`s:${i}`, v)));
    const result = candidatePairs(table, options);
    expect(Object.keys(result.pairsByRule).sort()).toEqual([...DEFAULT_BLOCKING_RULES, 'sorted_neighbourhood'].sort());
  });
});
