import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { readTable, useBasicFixture } from '../helpers/fixture-dir';

const basic = useBasicFixture();

/** A process id no process has: above Linux's pid_max limit (2^22). */
const GONE_PID = 4_194_305;

describe('an aggregation run', () => {
  it('removes the temp files a killed run left behind, and never those of a process still writing', async () => {
    const workbook = join(basic.work.out, 'workbook');
    mkdirSync(join(basic.work.out, 'public'), { recursive: true });
    mkdirSync(workbook, { recursive: true });
    const abandoned = [join(workbook, `master.csv.${GONE_PID}.1767225600000.tmp`), join(basic.work.out, 'public', `master.geojson.${GONE_PID}.1.tmp`)];
    const live = join(workbook, `review.csv.${process.pid}.${Date.now()}.tmp`);
    for (const path of [...abandoned, live]) writeFileSync(path, 'half a file');
    await runAggregate(basic.options);
    expect(abandoned.filter((path) => existsSync(path))).toEqual([]);
    expect(existsSync(live)).toBe(true);
  });

  it('publishes source_id (public in the spec) as the ids owners keep, source by source', async () => {
    await runAggregate(basic.options);
    const published = readTable(join(basic.work.out, 'public', 'master.csv'));
    const bread = published.find((row) => row.name === 'Bronzeville Bread Cooperative' || (row.sources ?? '').startsWith('a'));
    expect(bread?.source_id).toMatch(/^a:a\d+/);
    // Sources without an id column have no ids to show (a row number is not one).
    expect(published.every((row) => !/(^|; )b:/.test(row.source_id ?? ''))).toBe(true);
  });
});
