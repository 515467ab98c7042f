import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { readTable, useBasicFixture } from '../helpers/fixture-dir';

const basic = useBasicFixture();

describe('a revoked agreement', () => {
  it('unpublishes the source\'s rows even when its file and cache are gone and its rows are carried over', async () => {
    await runAggregate(basic.options);
    const before = readTable(join(basic.work.out, 'public', 'master.csv'));
    expect(before.filter((row) => (row.sources ?? '').split(';').includes('a')).length).toBeGreaterThan(0);

    // The coordinator sets source a to "none"; its file is gone and so is the cache.
    const registry = join(basic.work.dir, 'sources.csv');
    writeFileSync(registry, readFileSync(registry, 'utf8').replace(/^a,Alpha Network,csv,a\.csv,,Alpha,a@example\.org,signed/m,
      'a,Alpha Network,csv,a.csv,,Alpha,a@example.org,none'));
    rmSync(join(basic.work.dir, 'a.csv'));
    rmSync(join(basic.work.out, 'cache'), { recursive: true, force: true });
    const result = await runAggregate(basic.options);

    expect(result.carried).toBeGreaterThan(0);
    const published = readTable(join(basic.work.out, 'public', 'master.csv'));
    expect(published.filter((row) => (row.sources ?? '').split(';').includes('a'))).toEqual([]);
    const master = readTable(join(basic.work.out, 'workbook', 'master.csv')).filter((row) => row.sources === 'a');
    expect(master.length).toBeGreaterThan(0);
    expect(master.map((row) => row.publishable)).toEqual(master.map(() => 'no'));
  });
});
