import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dedupe, explainPair, type DedupeResult } from '../../../shared/dedup';
import { parseCsv } from '../../../shared/read/csv';
import { rowsToRecords } from '../../../shared/read/records';
import type { Decision, Record } from '../../../shared/schema/record';
import { numbers, organizations, record, withBackground } from './helpers';

const fixture = (): Record[] => rowsToRecords(parseCsv(readFileSync(join(__dirname, '../../fixtures/dedup/orgs.csv'), 'utf8')),
  { source: 'sheet', headerRowIndex: 0 }).records;

/** Row numbers (header = 1) grouped as the result clusters them, for readable expectations. */
const rowGroups = (result: DedupeResult): number[][] => result.clusters
  .map((cluster) => cluster.recordIds.map((id) => Number(id.split(':')[1])).sort((a, b) => a - b))
  .sort((a, b) => (a[0] as number) - (b[0] as number));

const decision = (a: string, b: string, outcome: Decision['outcome'], at = '2026-01-01T00:00:00Z'): Decision =>
  ({ a, b, outcome, by: 'coordinator@example.coop', at });


describe('dedupe', () => {
  it('finds the same organizations across differently written rows and keeps look-alikes apart', () => {
    expect(rowGroups(dedupe(fixture()))).toEqual([[2, 3, 4], [5, 6], [7], [8], [9], [10]]);
  });

  it('puts every record in exactly one cluster, singletons included', () => {
    const records = fixture();
    const result = dedupe(records);
    const seen = result.clusters.flatMap((cluster) => cluster.recordIds);
    expect(seen.sort()).toEqual(records.map((r) => r.id).sort());
    for (const r of records) expect(result.clusterOf.get(r.id)).toBeDefined();
  });

  it('gives the same clusters and ids whatever the input order', () => {
    const records = withBackground(fixture());
    const first = dedupe(records);
    const random = numbers(99);
    const shuffled = records.map((r) => [random(), r] as const).sort((x, y) => x[0] - y[0]).map(([, r]) => r);
    const second = dedupe(shuffled);
    expect(second.clusters).toEqual(first.clusters);
    expect([...second.clusterOf].sort()).toEqual([...first.clusterOf].sort());
  });

  it('keeps runs independent: an earlier run on other data does not change the result', () => {
    const fresh = dedupe(fixture());
    dedupe(organizations(200, 9).map((values, i) => record(`other:${i}`, values)));
    const after = dedupe(fixture());
    expect(after.clusters).toEqual(fresh.clusters);
    expect(after.pairs.map((p) => p.matchWeight)).toEqual(fresh.pairs.map((p) => p.matchWeight));
  });

  it('derives cluster ids from member ids only', () => {
    const result = dedupe(fixture());
    const again = dedupe(fixture().reverse());
    expect(again.clusters.map((c) => c.id)).toEqual(result.clusters.map((c) => c.id));
    expect(new Set(result.clusters.map((c) => c.id)).size).toBe(result.clusters.length);
  });

  it('reports the best link of each clustered record and nothing for records alone', () => {
    const result = dedupe(fixture());
    expect(result.bestMatchProbability.get('sheet:2')).toBeGreaterThan(0.5);
    expect(result.bestMatchProbability.has('sheet:10')).toBe(false);
    expect(result.candidatePairsPerRecord.get('sheet:2')).toBeGreaterThan(0);
  });

  it('explains a pair with per-field levels and plain reasons', () => {
    const result = dedupe(fixture());
    const pair = result.pairs.find((p) => p.a === 'sheet:2' && p.b === 'sheet:3');
    expect(pair).toBeDefined();
    const explanation = explainPair(pair!, result.model);
    expect(explanation.fields.map((f) => f.field)).toEqual(result.model.comparisons.map((c) => c.output));
    expect(explanation.reasons).toEqual(expect.arrayContaining(['same phone', 'same street address']));
    const phone = explanation.fields.find((f) => f.field === 'phone');
    expect(phone).toMatchObject({ level: 'exact match', reason: 'same phone' });
    expect(phone!.weight).toBeGreaterThan(0);
  });

  describe('decisions', () => {
    it('a cannot-link decision splits a cluster, and the pair carries the decision', () => {
      const before = dedupe(fixture());
      expect(before.clusterOf.get('sheet:2')).toBe(before.clusterOf.get('sheet:4'));
      const after = dedupe(fixture(), { decisions: [decision('sheet:4', 'sheet:2', 'not-duplicate')] });
      expect(after.clusterOf.get('sheet:2')).not.toBe(after.clusterOf.get('sheet:4'));
      const pair = after.pairs.find((p) => p.a === 'sheet:2' && p.b === 'sheet:4');
      expect(pair?.decision?.outcome).toBe('not-duplicate');
      expect(explainPair(pair!, after.model).reasons[0]).toBe('marked not a duplicate by coordinator@example.coop');
    });

    it('a must-link decision merges records the score keeps apart', () => {
      const after = dedupe(fixture(), { decisions: [decision('sheet:7', 'sheet:8', 'merge')] });
      expect(after.clusterOf.get('sheet:7')).toBe(after.clusterOf.get('sheet:8'));
      expect(after.bestMatchProbability.get('sheet:7')).toBe(1);
    });

    it('the latest decision on a pair wins', () => {
      const decisions = [decision('sheet:7', 'sheet:8', 'merge', '2026-01-01T00:00:00Z'),
        decision('sheet:8', 'sheet:7', 'not-duplicate', '2026-02-01T00:00:00Z')];
      const result = dedupe(fixture(), { decisions });
      expect(result.clusterOf.get('sheet:7')).not.toBe(result.clusterOf.get('sheet:8'));
    });

    it('can keep apart two rows that are identical', () => {
      const same = { name: 'Harmony Childcare Co-op', city: 'Madison', phone: '608-326-9955' };
      const records = withBackground([record('a:1', same), record('a:2', same)]);
      expect(dedupe(records).clusterOf.get('a:1')).toBe(dedupe(records).clusterOf.get('a:2'));
      const split = dedupe(records, { decisions: [decision('a:1', 'a:2', 'not-duplicate')] });
      expect(split.clusterOf.get('a:1')).not.toBe(split.clusterOf.get('a:2'));
    });

    it('ignores decisions about records that are not in the input, and counts them', () => {
      const result = dedupe(fixture(), { decisions: [decision('sheet:2', 'gone:1', 'merge')] });
      expect(result.stats.unknownDecisions).toBe(1);
    });

    it('feeds decided pairs into training', () => {
      const result = dedupe(fixture(), { decisions: [decision('sheet:7', 'sheet:8', 'not-duplicate')] });
      expect(result.model.trainedOn.decidedPairs).toBe(1);
    });
  });

  describe('hostile input', () => {
    it('handles no records and one record', () => {
      expect(dedupe([]).clusters).toEqual([]);
      const one = dedupe([record('a:1', { name: 'Solo' })]);
      expect(one.clusters).toHaveLength(1);
      expect(one.pairs).toEqual([]);
    });

    it('does not link records that have no values at all, or only empty names', () => {
      const records = Array.from({ length: 50 }, (_, i) => record(`e:${i}`, i % 2 ? {} : { name: '   ', street: '' }));
      const result = dedupe(records);
      expect(result.clusters).toHaveLength(50);
      expect(result.bestMatchProbability.size).toBe(0);
    });

    it('links identical rows that carry a name, without comparing them pairwise', () => {
      const values = { name: 'Harmony Childcare Co-op', city: 'Madison' };
      const result = dedupe(withBackground([record('h:1', values), record('h:2', values), record('h:3', values)]));
      expect(result.clusterOf.get('h:1')).toBe(result.clusterOf.get('h:3'));
      expect(result.pairs.filter((p) => p.a.startsWith('h:'))).toHaveLength(2);
    });

    it('links 10,000 identical rows into one cluster, comparing them once', () => {
      const values = { name: 'Harmony Childcare Co-op', street: '47 Woodward Ave', city: 'Madison', postal_code: '53718' };
      const records = Array.from({ length: 10000 }, (_, i) => record(`dup:${i}`, values));
      const result = dedupe(records);
      expect(result.clusters).toHaveLength(1);
      expect(result.stats.distinctRecords).toBe(1);
      expect(result.pairs).toHaveLength(9999);
    });

    it('keeps one giant block bounded and still separates different organizations', () => {
      const records = Array.from({ length: 4000 }, (_, i) => record(`g:${i}`, {
        name: 'Community Cooperative', city: 'Chicago', state: 'IL', phone: `312-555-${String(i).padStart(4, '0')}`,
        street: `${i + 1} Main St`, postal_code: '60601',
      }));
      const result = dedupe(records);
      expect(result.stats.candidatePairs).toBeLessThan(4000 * 40);
      expect(result.clusters.length).toBeGreaterThan(100);
    });

    it('rejects duplicate record ids', () => {
      expect(() => dedupe([record('a:1', { name: 'X' }), record('a:1', { name: 'Y' })])).toThrow(/duplicate record id/);
    });

    it('rejects a threshold that is not a probability', () => {
      expect(() => dedupe(fixture(), { settings: { threshold: 1.5 } })).toThrow(RangeError);
    });

    it('survives absurd values', () => {
      const records = [
        record('x:1', { name: '\u0000\u200b💥'.repeat(100), phone: '+'.repeat(500), website: 'http://', email: '@@@',
          latitude: 'NaN', longitude: '1e400', postal_code: '-', street: '#'.repeat(1000) }),
        record('x:2', { name: 'a'.repeat(100000), street: '1 '.repeat(10000), city: ',,,' }),
      ];
      expect(dedupe(records).clusters).toHaveLength(2);
    });
  });

  it('reports progress through every stage', () => {
    const stages = new Set<string>();
    dedupe(fixture(), { onProgress: (stage) => stages.add(stage) });
    expect([...stages]).toEqual(['normalize', 'block', 'compare', 'train', 'cluster']);
  });
});
