import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbook, type MasterRow, type ReviewItem, type RunRow, type Workbook } from '../../../bot/src/workbook';
import { useTempDir } from '../../helpers/temp-dir';

const temp = useTempDir('dcc-workbook-');
let workbook: Workbook;

beforeEach(async () => {
  workbook = await openWorkbook({ kind: 'local', dir: temp.path });
});

const master: MasterRow[] = [{
  dcc_id: 'dcc-0001', values: { name: 'Bread & Roses, "Co-op"', city: 'Chicago', description: 'line one\nline two' },
  sources: ['a', 'b'], members: ['a:1', 'b:7'], updated: '2026-01-01T00:00:00.000Z', retired_ids: ['dcc-0009'],
  stale_sources: [], publishable: true,
}];

const item: ReviewItem = {
  pair_id: 'a:1|b:2', probability: 0.8123, reasons: ['same phone', 'names 90% similar'], status: 'open',
  created: '2026-01-01T00:00:00.000Z',
  a: { id: 'a:1', source: 'a', name: 'One', address: '1 Main St, Chicago', phone: '+13125550100', website: '', link: '' },
  b: { id: 'b:2', source: 'b', name: 'One Co-op', address: '', phone: '+13125550100', website: 'https://one.coop', link: 'https://x/y' },
};

describe('local workbook', () => {
  it('reads back an empty master when the folder is new', async () => {
    expect(await workbook.readMaster()).toEqual([]);
    expect(await workbook.readDecisions()).toEqual([]);
  });

  it('round-trips the master, quotes, newlines and lists included', async () => {
    await workbook.writeMaster(master);
    expect(await workbook.readMaster()).toEqual(master);
    expect(readFileSync(join(temp.path, 'master.csv'), 'utf8').split('\r\n')[0]).toMatch(/^dcc_id,name,/);
  });

  it('round-trips review items', async () => {
    await workbook.writeReview([item]);
    const [read] = await workbook.readReview();
    expect(read).toEqual({ ...item, probability: 0.812 });
  });

  it('stores the same decision once, in either order, and marks the review item decided', async () => {
    await workbook.writeReview([item]);
    const decision = { a: 'a:1', b: 'b:2', outcome: 'merge' as const, by: 'U123', at: '2026-01-02T00:00:00Z' };
    expect(await workbook.appendDecision(decision)).toBe(true);
    expect(await workbook.appendDecision({ ...decision, a: 'b:2', b: 'a:1' })).toBe(false);
    expect(await workbook.readDecisions()).toEqual([decision]);
    const [read] = await workbook.readReview();
    expect(read?.status).toBe('merged');
    expect(read?.decided_by).toBe('U123');
  });

  it('appends a changed mind as a new decision', async () => {
    const decision = { a: 'a:1', b: 'b:2', outcome: 'merge' as const, by: 'U1', at: '2026-01-02T00:00:00Z' };
    await workbook.appendDecision(decision);
    expect(await workbook.appendDecision({ ...decision, outcome: 'not-duplicate' })).toBe(true);
    expect((await workbook.readDecisions()).map((d) => d.outcome)).toEqual(['merge', 'not-duplicate']);
  });

  it('never lets a replayed older click undo a newer decision, whatever order they arrive in', async () => {
    const newer = { a: 'a:1', b: 'b:2', outcome: 'not-duplicate' as const, by: 'U2', at: '2026-01-03T00:00:00Z' };
    const older = { a: 'b:2', b: 'a:1', outcome: 'merge' as const, by: 'U1', at: '2026-01-02T00:00:00Z' };
    await workbook.writeReview([item]);
    expect(await workbook.appendDecision(newer)).toBe(true);
    expect(await workbook.appendDecision(older)).toBe(false);
    const [read] = await workbook.readReview();
    expect([read?.status, read?.decided_by]).toEqual(['not-duplicate', 'U2']);
    // Even when an older decision sits below a newer one in the file (typed or merged by hand).
    writeFileSync(join(temp.path, 'decisions.csv'), 'a,b,outcome,by,at,note\r\n'
      + 'a:1,b:2,not-duplicate,U2,2026-01-03T00:00:00Z,\r\nb:2,a:1,merge,U1,2026-01-02T00:00:00Z,\r\n');
    expect((await workbook.readReview())[0]?.status).toBe('not-duplicate');
  });

  it('a decision never rewrites the Review tab, so a click during a run cannot replace what the run wrote', async () => {
    const run = (n: number): ReviewItem[] => Array.from({ length: n }, (_, i) => ({ ...item, pair_id: `a:${i}|b:${i}`,
      a: { ...item.a, id: `a:${i}` }, b: { ...item.b, id: `b:${i}` } }));
    await workbook.writeReview(run(2));
    // The Slack app's own workbook (another process in production). Its rewrite, if it makes one, lands
    // after the run's: the run writes while the click is between reading the tab and writing it back.
    const slack = await openWorkbook({ kind: 'local', dir: temp.path });
    let runWrote: () => void = () => undefined;
    let clickRead: () => void = () => undefined;
    const written = new Promise<void>((resolve) => (runWrote = resolve));
    const read = new Promise<void>((resolve) => (clickRead = resolve));
    const rewrite = slack.writeReview.bind(slack);
    jest.spyOn(slack, 'writeReview').mockImplementation(async (items) => {
      clickRead();
      await written;
      return rewrite(items);
    });
    const click = slack.appendDecision({ a: 'a:1', b: 'b:1', outcome: 'merge', by: 'U1', at: '2026-01-02T00:00:00Z' });
    await Promise.race([read, click]);
    await workbook.writeReview(run(5));
    runWrote();
    await click;
    const review = await workbook.readReview();
    expect(review.map((one) => one.pair_id)).toEqual(run(5).map((one) => one.pair_id));
    expect(review.find((one) => one.pair_id === 'a:1|b:1')?.status).toBe('merged');
  });

  it('appends a decision on its own line when the file was saved without a final line break', async () => {
    writeFileSync(join(temp.path, 'decisions.csv'), 'a,b,outcome,by,at,note\r\nx:1,y:1,merge,U1,2026-01-01T00:00:00Z,');
    await workbook.appendDecision({ a: 'x:2', b: 'y:2', outcome: 'not-duplicate', by: 'U2', at: '2026-01-02T00:00:00Z' });
    expect((await workbook.readDecisions()).map((d) => d.a)).toEqual(['x:1', 'x:2']);
  });

  it('appends runs', async () => {
    const run: RunRow = {
      run_id: 'r1', started_at: 's', finished_at: 'f', status: 'partial', sources: 3, records_read: 10, held_back: 1,
      merged: 2, new: 7, master_rows: 8, review_open: 1, stale_sources: ['b'], errors: ['b: HTTP 500'],
    };
    await workbook.appendRun(run);
    await workbook.appendRun({ ...run, run_id: 'r2' });
    expect((await workbook.readRuns()).map((r) => r.run_id)).toEqual(['r1', 'r2']);
    expect((await workbook.readRuns())[0]).toEqual(run);
  });
});
