import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAggregate, type AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { openWorkbook, type MasterRow } from '../../../bot/src/workbook';
import { steppingClock } from '../helpers/fixture-dir';
import { useTempDir } from '../../helpers/temp-dir';

const EXAMPLES = resolve(__dirname, '../../../examples');
const temp = useTempDir('dcc-examples-');
let options: AggregateOptions;

beforeEach(() => {
  cpSync(EXAMPLES, join(temp.path, 'examples'), { recursive: true });
  options = { registryPath: join(temp.path, 'examples', 'sources.csv'), outDir: join(temp.path, 'out'), now: steppingClock() };
});

const idsByMember = (master: readonly MasterRow[]): Map<string, string> =>
  new Map(master.flatMap((row) => row.members.map((member) => [member, row.dcc_id] as const)));

describe('the bundled examples through the shared dedup engine', () => {
  it('keep every id across three runs with an edit and a person\'s decision in between', async () => {
    const workbook = await openWorkbook({ kind: 'local', dir: join(temp.path, 'out', 'workbook') });
    const first = await runAggregate(options);
    expect(first.masterRows).toBeGreaterThan(40);
    expect(first.mergedRecords).toBeGreaterThan(10);
    const ids1 = idsByMember(await workbook.readMaster());

    const sheet = join(temp.path, 'examples', 'worker-coops.csv');
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace('Neighborhood bakery owned by its bakers.', 'Bakery and cafe owned by its bakers.'));
    await runAggregate(options);
    const master2 = await workbook.readMaster();
    expect(idsByMember(master2)).toEqual(ids1);
    expect(master2.find((row) => row.values.name?.startsWith('Bronzeville'))?.values.description).toBe('Bakery and cafe owned by its bakers.');

    const [item] = (await workbook.readReview()).filter((candidate) => candidate.status === 'open');
    if (!item) throw new Error('the examples should leave something to review');
    await workbook.appendDecision({ a: item.a.id, b: item.b.id, outcome: 'not-duplicate', by: 'U0DEMO', at: '2026-01-05T00:00:00Z' });
    await runAggregate(options);
    const ids3 = idsByMember(await workbook.readMaster());
    expect(ids3.get(item.a.id)).not.toBe(ids3.get(item.b.id));
    expect([ids3.get(item.a.id), ids3.get(item.b.id)]).toContain(ids1.get(item.a.id));
    for (const [member, id] of ids1) {
      if (member !== item.a.id && member !== item.b.id) expect(ids3.get(member)).toBe(id);
    }
    expect((await workbook.readReview()).find((candidate) => candidate.pair_id === item.pair_id)?.status).toBe('not-duplicate');
  }, 60_000);
});
