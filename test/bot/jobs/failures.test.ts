import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { LockedError } from '../../../bot/src/io/lock';
import { readTable, useBasicFixture } from '../helpers/fixture-dir';

const basic = useBasicFixture();

const masterRows = (): { [column: string]: string }[] => readTable(join(basic.work.out, 'workbook', 'master.csv'));
const withoutTimes = (rows: { [column: string]: string }[]): { [column: string]: string }[] =>
  rows.map(({ updated: _updated, stale_sources: _stale, ...rest }) => rest);

describe('a source that fails', () => {
  it('keeps its earlier rows, marked stale, and the run says so', async () => {
    await runAggregate(basic.options);
    const before = masterRows();
    renameSync(join(basic.work.dir, 'b.csv'), join(basic.work.dir, 'b.gone'));
    const result = await runAggregate(basic.options);
    expect(result.run.status).toBe('partial');
    expect(result.staleSources).toEqual(['b']);
    expect(result.sources.find((source) => source.key === 'b')?.message).toMatch(/earlier rows kept/);
    expect(withoutTimes(masterRows())).toEqual(withoutTimes(before));
    const hydePark = masterRows().find((row) => row.name?.startsWith('Hyde Park'));
    expect(hydePark?.stale_sources).toBe('b');
    expect(readTable(join(basic.work.out, 'workbook', 'runs.csv'))[1]?.stale_sources).toBe('b');
  });

  it('with no earlier read carries its master rows over unchanged', async () => {
    await runAggregate(basic.options);
    const before = masterRows();
    // A new machine: the snapshot cache is gone, and the source is down.
    renameSync(join(basic.work.out, 'cache'), join(basic.work.out, 'cache.old'));
    renameSync(join(basic.work.dir, 'c.csv'), join(basic.work.dir, 'c.gone'));
    const result = await runAggregate(basic.options);
    expect(result.sources.find((source) => source.key === 'c')?.state).toBe('failed');
    const couriers = masterRows().find((row) => row.name === 'Rogers Park Bike Couriers');
    expect(couriers?.dcc_id).toBe(before.find((row) => row.name === 'Rogers Park Bike Couriers')?.dcc_id);
    expect(couriers?.stale_sources).toBe('c');
    expect(masterRows()).toHaveLength(before.length);
  });

  it('with no earlier read still merges its carried rows with new rows for the same organization', async () => {
    await runAggregate(basic.options);
    const id = masterRows().find((row) => row.name === 'Rogers Park Bike Couriers')?.dcc_id;
    renameSync(join(basic.work.out, 'cache'), join(basic.work.out, 'cache.old'));
    renameSync(join(basic.work.dir, 'c.csv'), join(basic.work.dir, 'c.gone'));
    writeFileSync(join(basic.work.dir, 'b.csv'), `${readFileSync(join(basic.work.dir, 'b.csv'), 'utf8')}Rogers Park Bike Couriers,7000 N Clark St,Chicago,IL,60626,,312-555-0106,worker coop\n`);
    await runAggregate(basic.options);
    const couriers = masterRows().filter((row) => row.name === 'Rogers Park Bike Couriers');
    expect(couriers).toHaveLength(1);
    expect(couriers[0]).toMatchObject({ dcc_id: id, members: 'b:4;c:3', sources: 'b;c', stale_sources: 'c', publishable: 'yes' });
  });

  it('with broken headers is reported and falls back on its last good rows', async () => {
    await runAggregate(basic.options);
    const before = masterRows();
    writeFileSync(join(basic.work.dir, 'b.csv'), 'garbage,more garbage\nx,y\n');
    const result = await runAggregate(basic.options);
    const b = result.sources.find((source) => source.key === 'b');
    expect(b?.state).toBe('stale');
    expect(b?.message).toMatch(/name/i);
    expect(withoutTimes(masterRows())).toEqual(withoutTimes(before));
    // The broken read was not stored: fixing the sheet later still starts from good rows.
    expect(readFileSync(join(basic.work.out, 'cache', 'sources', 'b.json'), 'utf8')).toContain('Hyde Park');
  });

  it('that suddenly has no rows keeps its earlier rows instead of emptying the master', async () => {
    await runAggregate(basic.options);
    const before = masterRows();
    writeFileSync(join(basic.work.dir, 'b.csv'), 'Org,Address,Town,St,Zip,URL,Telephone,Kind\n');
    const result = await runAggregate(basic.options);
    expect(result.sources.find((source) => source.key === 'b')).toMatchObject({ state: 'stale' });
    expect(withoutTimes(masterRows())).toEqual(withoutTimes(before));
  });

  it('never breaks the other sources', async () => {
    writeFileSync(join(basic.work.dir, 'b.csv'), '\u0000\u0001binary junk');
    const result = await runAggregate(basic.options);
    expect(result.sources.find((source) => source.key === 'b')?.state).toBe('failed');
    expect(result.sources.find((source) => source.key === 'a')?.state).toBe('read');
    expect(masterRows().some((row) => row.name === 'Pilsen Print Collective')).toBe(true);
  });
});

describe('the registry', () => {
  it('reports bad rows with their row numbers and still runs the good ones', async () => {
    const path = join(basic.work.dir, 'sources.csv');
    writeFileSync(path, `${readFileSync(path, 'utf8')}bad key!,X,ftp,,,,,maybe,1/2/2025,,,USA,Name=nonsense,perhaps\n`);
    const result = await runAggregate(basic.options);
    const messages = result.registryProblems.map((problem) => `${problem.row}: ${problem.message}`).join('\n');
    expect(messages).toMatch(/^6: key/m);
    expect(messages).toMatch(/kind must be/);
    expect(messages).toMatch(/agreement must be/);
    expect(result.run.errors.some((line) => line.startsWith('registry row 6'))).toBe(true);
    expect(masterRows().length).toBeGreaterThan(0);
  });

  it('refuses to run on a registry with no usable rows, leaving the master alone', async () => {
    await runAggregate(basic.options);
    const before = readFileSync(join(basic.work.out, 'workbook', 'master.csv'), 'utf8');
    writeFileSync(join(basic.work.dir, 'sources.csv'), 'key,name\nx,y\n');
    await expect(runAggregate(basic.options)).rejects.toThrow(/no usable sources.*missing column/);
    expect(readFileSync(join(basic.work.out, 'workbook', 'master.csv'), 'utf8')).toBe(before);
  });
});

describe('two runs at once', () => {
  it('lets one run and turns the other away cleanly', async () => {
    const outcomes = await Promise.allSettled([runAggregate(basic.options), runAggregate(basic.options)]);
    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toBeInstanceOf(LockedError);
    expect(readTable(join(basic.work.out, 'workbook', 'runs.csv'))).toHaveLength(1);
  });

  it('makes the second wait its turn when asked to', async () => {
    const results = await Promise.all([runAggregate(basic.options), runAggregate({ ...basic.options, waitMs: 20_000 })]);
    expect(results.map((result) => result.run.status)).toEqual(['ok', 'ok']);
    expect(readTable(join(basic.work.out, 'workbook', 'runs.csv'))).toHaveLength(2);
  });
});
