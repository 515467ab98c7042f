/**
 * A scheduled run when nothing changed redoes nothing and rewrites nothing: same master, same
 * files byte for byte and untouched on disk, only its line in Runs. Any change runs in full.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import type { Deduper } from '../../../bot/src/jobs/stages/dedup';
import { decisionDuringRun } from '../helpers/decision-during-run';
import { keyDeduper } from '../helpers/key-deduper';
import { openWorkbook } from '../../../bot/src/workbook';
import { useBasicFixture } from '../helpers/fixture-dir';

const basic = useBasicFixture();

/** Every file under `dir` with its size, modification time and inode: a rewrite changes at least one. */
function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else out.set(full.slice(dir.length), `${stat.size}:${stat.mtimeMs}:${stat.ino}`);
    }
  };
  walk(dir);
  return out;
}

const changed = (before: Map<string, string>, after: Map<string, string>): string[] =>
  [...after].filter(([path, state]) => before.get(path) !== state).map(([path]) => path).sort();

describe('idle runs', () => {
  let dedupCalls = 0;
  const counting: Deduper = (records, decisions) => {
    dedupCalls += 1;
    return keyDeduper(records, decisions);
  };
  beforeEach(() => {
    dedupCalls = 0;
  });

  it('when nothing changed, finds no duplicates again and rewrites nothing but the Runs line', async () => {
    const options = { ...basic.options, deduper: counting };
    const first = await runAggregate(options);
    const before = files(basic.work.out);
    const second = await runAggregate(options);
    expect(dedupCalls).toBe(1);
    expect(changed(before, files(basic.work.out))).toEqual([join('/workbook', 'runs.csv')]);
    expect(second.masterRows).toBe(first.masterRows);
    expect(second.sources.map((source) => source.state)).toEqual(first.sources.map((source) => source.state === 'read' ? 'unchanged' : source.state));
    expect(second.run.run_id).not.toBe(first.run.run_id);
    const runs = await (await openWorkbook({ kind: 'local', dir: join(basic.work.out, 'workbook') })).readRuns();
    expect(runs).toHaveLength(2);
  });

  it('runs in full when a source changed, a decision was added, the master was edited by hand or a public file is gone', async () => {
    const options = { ...basic.options, deduper: counting };
    await runAggregate(options);
    appendFileSync(join(basic.work.dir, 'a.csv'), 'Uptown Tool Library,4400 N Broadway,Chicago,IL,60640\n');
    const grown = await runAggregate(options);
    expect(dedupCalls).toBe(2);
    expect(grown.masterRows).toBeGreaterThan(0);

    const workbook = await openWorkbook({ kind: 'local', dir: join(basic.work.out, 'workbook') });
    const master = await workbook.readMaster();
    const [x, y] = master.flatMap((row) => row.members);
    await workbook.appendDecision({ a: x as string, b: y as string, outcome: 'not-duplicate', by: 'a@example.org', at: '2026-01-02T00:00:00Z' });
    await runAggregate(options);
    expect(dedupCalls).toBe(3);

    // A hand edit of the Master tab's file.
    const masterFile = join(basic.work.out, 'workbook', 'master.csv');
    writeFileSync(masterFile, readFileSync(masterFile, 'utf8').replace(/Chicago/, 'Chicago '));
    await runAggregate(options);
    expect(dedupCalls).toBe(4);

    rmSync(join(basic.work.out, 'public', 'master.geojson'));
    await runAggregate(options);
    expect(dedupCalls).toBe(5);
    expect(statSync(join(basic.work.out, 'public', 'master.geojson')).size).toBeGreaterThan(0);
    await runAggregate(options);
    expect(dedupCalls).toBe(5);
  });
  it('runs in full after a run during which someone recorded a decision (the run did not see it)', async () => {
    // A Slack click lands while the first run is between reading the decisions and finishing.
    const { deduper, calls } = decisionDuringRun(await openWorkbook({ kind: 'local', dir: join(basic.work.out, 'workbook') }), 1);
    const options = { ...basic.options, deduper };
    await runAggregate(options);
    await runAggregate(options);
    expect(calls()).toBe(2);
    await runAggregate(options);
    expect(calls()).toBe(2);
  });
});

describe('runs where something changed', () => {
  it('rewrite only the tabs whose content changed', async () => {
    await runAggregate(basic.options);
    const before = files(basic.work.out);
    appendFileSync(join(basic.work.dir, 'a.csv'), 'Uptown Tool Library,4400 N Broadway,Chicago,IL,60640\n');
    await runAggregate(basic.options);
    const rewritten = changed(before, files(basic.work.out));
    expect(rewritten).toContain(join('/workbook', 'master.csv'));
    expect(rewritten).not.toContain(join('/workbook', 'sources.csv'));
  });
});
