import { SheetsBudget } from '../../../bot/src/google/budget';
import { GoogleWorkbook, type GoogleWorkbookOptions } from '../../../bot/src/workbook/google';
import type { MasterRow, RunRow } from '../../../bot/src/workbook';
import { startMockSheets, type MockSheets, type MockSheetsOptions } from '../mocks/sheets-server';

let sheets: MockSheets;
let workbook: GoogleWorkbook;
const retry = { sleep: async () => undefined, baseMs: 1 };
const unpaced = (): SheetsBudget => new SheetsBudget({ readsPerMinute: 0, writesPerMinute: 0 });

const open = (server: MockSheets, options: GoogleWorkbookOptions = {}): Promise<GoogleWorkbook> =>
  GoogleWorkbook.open({ kind: 'google-sheet', spreadsheetId: 'master-book', rootUrl: server.url, client: { auth: 'key' } },
    { retry, budget: unpaced(), ...options });

async function restart(options: MockSheetsOptions): Promise<void> {
  await sheets.close();
  sheets = await startMockSheets(options);
  sheets.put('master-book', { Sheet1: [] }, { rows: 10, columns: 5 });
}

beforeEach(async () => {
  sheets = await startMockSheets();
  sheets.put('master-book', { Sheet1: [] });
  workbook = await open(sheets);
});
afterEach(async () => sheets.close());

const row = (id: string, name: string, members = [`a:${id}`]): MasterRow => ({
  dcc_id: id, values: { name, city: 'Chicago' }, sources: ['a'], members, updated: '2026-01-01T00:00:00.000Z',
  retired_ids: [], stale_sources: [], publishable: true,
});
const run = (id: string): RunRow => ({ run_id: id, started_at: 's', finished_at: 'f', status: 'ok', sources: 1, records_read: 2, held_back: 0,
  merged: 0, new: 2, master_rows: 2, review_open: 0, stale_sources: [], errors: [] });
const book = () => sheets.spreadsheets.get('master-book');
const titles = (): string[] => book()?.sheets.map((sheet) => sheet.title) ?? [];
const tab = (title: string) => book()?.sheets.find((sheet) => sheet.title === title);
const isBatch = (kind: string) => (method: string, path: string, body: unknown): boolean =>
  path.endsWith(':batchUpdate') && !path.includes('/values') && JSON.stringify(body).includes(`"${kind}"`);

describe('Google spreadsheet workbook', () => {
  it('creates the Master tab on first write and reads it back', async () => {
    expect(await workbook.readMaster()).toEqual([]);
    await workbook.writeMaster([row('dcc-000001', '=HYPERLINK("x")'), row('dcc-000002', 'Two')]);
    expect(await workbook.readMaster()).toEqual([row('dcc-000001', '=HYPERLINK("x")'), row('dcc-000002', 'Two')]);
    expect(titles()).toEqual(['Sheet1', 'Master']);
  });

  it('rewrites the Master in place: same sheetId, old rows past the new end gone', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One'), row('dcc-000002', 'Two')]);
    const gid = tab('Master')?.sheetId;
    await workbook.writeMaster([row('dcc-000001', 'One, renamed')]);
    expect(titles()).toEqual(['Sheet1', 'Master']);
    expect(tab('Master')?.sheetId).toBe(gid);
    expect(await workbook.readMaster()).toEqual([row('dcc-000001', 'One, renamed')]);
  });

  it('keeps the gid, a protection, the filter, frozen rows and column widths of Master over two runs', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    const master = tab('Master');
    if (!master) throw new Error('no Master');
    const gid = master.sheetId;
    master.protectedRanges.push({ protectedRangeId: 7, range: { sheetId: gid, startRowIndex: 0, endRowIndex: 1 }, description: 'header' });
    master.frozenRowCount = 1;
    master.columnWidths[1] = 240;
    master.basicFilter = { range: { sheetId: gid } };
    for (const name of ['Two', 'Three']) await (await open(sheets)).writeMaster([row('dcc-000001', name), row('dcc-000002', 'More')]);
    const after = tab('Master');
    expect(after?.sheetId).toBe(gid);
    expect(after?.protectedRanges).toEqual([{ protectedRangeId: 7, range: { sheetId: gid, startRowIndex: 0, endRowIndex: 1 }, description: 'header' }]);
    expect(after?.frozenRowCount).toBe(1);
    expect(after?.columnWidths[1]).toBe(240);
    expect(after?.basicFilter).toEqual({ range: { sheetId: gid } });
    expect((await workbook.readMaster()).map((r) => r.values.name)).toEqual(['Three', 'More']);
  });

  it('leaves the old Master in place when a write fails half-way', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    const before = book();
    await restart({ faults: { rate: 1, kinds: ['500'] } });
    if (before) sheets.spreadsheets.set('master-book', before);
    const failing = await open(sheets, { retry: { ...retry, retries: 1 } });
    await expect(failing.writeMaster([row('dcc-000001', 'Half')])).rejects.toThrow();
    expect(titles()).toEqual(['Sheet1', 'Master']);
    expect(tab('Master')?.values[1]?.[0]).toBe('dcc-000001');
    expect(rowsName()).toBe('One');
  });

  it('survives a lost reply after the swap: Master kept, with the new rows, no orphan', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    const gid = tab('Master')?.sheetId;
    sheets.loseReplyTo(isBatch('deleteSheet'));
    await workbook.writeMaster([row('dcc-000001', 'One, renamed'), row('dcc-000002', 'Two')]);
    expect(titles()).toEqual(['Sheet1', 'Master']);
    expect(tab('Master')?.sheetId).toBe(gid);
    expect((await workbook.readMaster()).map((r) => r.dcc_id)).toEqual(['dcc-000001', 'dcc-000002']);
    expect(sheets.requests.some((request) => request.outcome === 'fault-after')).toBe(true);
  });

  it('survives a lost reply (dropped connection) after the first swap, which renames the staging tab', async () => {
    sheets.loseReplyTo(isBatch('updateSheetProperties'), 'drop');
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    expect(titles()).toEqual(['Sheet1', 'Master']);
    expect((await workbook.readMaster()).map((r) => r.dcc_id)).toEqual(['dcc-000001']);
  });

  it('survives a lost reply after addSheet: no "already exists" failure, no orphan tab', async () => {
    sheets.loseReplyTo(isBatch('addSheet'));
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    expect(titles()).toEqual(['Sheet1', 'Master']);
    expect((await workbook.readMaster()).map((r) => r.values.name)).toEqual(['One']);
  });

  it('survives a lost reply after append: the run row is written once', async () => {
    await workbook.appendRun(run('r1'));
    sheets.loseReplyTo((method, path) => path.endsWith(':append'));
    await workbook.appendRun(run('r2'));
    sheets.loseReplyTo((method, path) => path.endsWith(':append'), 'drop');
    await workbook.appendRun(run('r3'));
    expect((await workbook.readRuns()).map((r) => r.run_id)).toEqual(['r1', 'r2', 'r3']);
  });

  it('appends after the table even when a person left a blank row in it', async () => {
    await workbook.appendRun(run('r1'));
    await workbook.appendRun(run('r2'));
    const runs = tab('Runs');
    runs?.values.splice(2, 0, []);
    if (runs) runs.rowCount += 1;
    await workbook.appendRun(run('r3'));
    expect((await workbook.readRuns()).map((r) => r.run_id)).toEqual(['r1', 'r2', 'r3']);
    expect(runs?.values.at(-1)?.[0]).toBe('r3');
  });

  it('after a run killed between staging and swap, the next run removes the orphan and ends like a clean run', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    // What a killed run leaves: a half-written staging tab beside the old Master.
    const killed = book();
    killed?.sheets.push({ sheetId: 4242, title: 'Master (writing lx2k9z)', values: [['dcc_id'], ['dcc-000009']], rowCount: 50, columnCount: 30,
      protectedRanges: [], columnWidths: {} });
    const next = [row('dcc-000001', 'One'), row('dcc-000002', 'Two')];
    await (await open(sheets)).writeMaster(next);
    expect(titles()).toEqual(['Sheet1', 'Master']);

    const clean = await startMockSheets();
    try {
      clean.put('master-book', { Sheet1: [] });
      await (await open(clean)).writeMaster([row('dcc-000001', 'One')]);
      await (await open(clean)).writeMaster(next);
      expect(tab('Master')?.values).toEqual(clean.spreadsheets.get('master-book')?.sheets.find((s) => s.title === 'Master')?.values);
    } finally {
      await clean.close();
    }
  });

  it('never deletes a tab it did not re-check: a staging tab renamed by a person is kept', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    book()?.sheets.push({ sheetId: 777, title: 'Master (writing notes)x', values: [], rowCount: 1, columnCount: 1, protectedRanges: [], columnWidths: {} });
    await (await open(sheets)).writeMaster([row('dcc-000001', 'Two')]);
    expect(titles()).toEqual(['Sheet1', 'Master', 'Master (writing notes)x']);
  });

  it('keeps every cell under 50,000 characters and every link of a 60,000-character member list', async () => {
    const members = Array.from({ length: 3500 }, (_, i) => `source-${String(i).padStart(4, '0')}:${String(i).padStart(6, '0')}`);
    expect(members.join(';').length).toBeGreaterThan(60_000);
    await workbook.writeMaster([row('dcc-000001', 'Big', members), row('dcc-000002', 'Small')]);
    expect((await workbook.readMaster()).map((r) => r.members)).toEqual([members, ['a:dcc-000002']]);
    const longest = Math.max(...(tab('Master')?.values.flat().map((cell) => cell.length) ?? [0]));
    expect(longest).toBeLessThan(50_000);
  });

  it('stops before passing the cell limit, saying how many rows fit, and changes nothing', async () => {
    await restart({ cellLimit: 4000 });
    const small = await open(sheets, { cellLimit: 4000 });
    await small.writeMaster([row('dcc-000001', 'One')]);
    const before = JSON.stringify(book());
    const many = Array.from({ length: 200 }, (_, i) => row(`dcc-${String(i).padStart(6, '0')}`, `Org ${i}`));
    const refused = await small.writeMaster(many).then(() => undefined, (error: unknown) => error as Error);
    expect(refused?.message).toMatch(/can hold at most \d+ rows .*4,000 cells per spreadsheet/);
    expect(JSON.stringify(book())).toBe(before);
    // The number it gives is the number that fits.
    const fit = Number(/at most (\d+) rows/.exec(refused?.message ?? '')?.[1]);
    await expect(small.writeMaster(many.slice(0, fit + 1))).rejects.toThrow(/at most/);
    await small.writeMaster(many.slice(0, fit));
    expect(await small.readMaster()).toHaveLength(fit);
    const capacity = await small.capacity();
    expect(capacity.limit).toBe(4000);
    expect(capacity.cells).toBeGreaterThan(0);
  });

  it('rides out 429 bursts by waiting for the quota to refill, on an injected clock', async () => {
    let now = 0;
    await restart({ quota: { readsPerMinute: 4, writesPerMinute: 3, clock: () => now } });
    const budget = new SheetsBudget({ clock: () => now, sleep: async (ms) => { now += ms; } });
    const busy = await open(sheets, { budget, retry: { ...retry, retries: 2 } });
    await busy.writeMaster([row('dcc-000001', 'One')]);
    await busy.writeMaster([row('dcc-000001', 'Two')]);
    await busy.appendRun(run('r1'));
    expect(sheets.throttled.read + sheets.throttled.write).toBeGreaterThan(0);
    expect(budget.throttled.read + budget.throttled.write).toBeGreaterThan(0);
    expect((await busy.readMaster()).map((r) => r.values.name)).toEqual(['Two']);
    expect(now).toBeGreaterThanOrEqual(60_000);
  });

  it('sends no request over quota when its budget matches the quota', async () => {
    let now = 0;
    await restart({ quota: { readsPerMinute: 4, writesPerMinute: 3, clock: () => now } });
    const budget = new SheetsBudget({ readsPerMinute: 4, writesPerMinute: 3, clock: () => now, sleep: async (ms) => { now += ms; } });
    const paced = await open(sheets, { budget });
    await paced.writeMaster([row('dcc-000001', 'One')]);
    await paced.writeMaster([row('dcc-000001', 'Two')]);
    expect(sheets.throttled).toEqual({ read: 0, write: 0 });
    expect(budget.throttled).toEqual({ read: 0, write: 0 });
  });

  it('appends decisions once and marks the review item in place, without replacing the Review tab', async () => {
    await workbook.writeReview([{
      pair_id: 'a:1|b:2', status: 'open', probability: 0.7, reasons: ['same phone'], created: 't',
      a: { id: 'a:1', source: 'a', name: 'One', address: '', phone: '', website: '', link: '' },
      b: { id: 'b:2', source: 'b', name: 'One Co-op', address: '', phone: '', website: '', link: '' },
    }]);
    const gid = tab('Review')?.sheetId;
    const decision = { a: 'b:2', b: 'a:1', outcome: 'not-duplicate' as const, by: 'U9', at: '2026-01-03T00:00:00Z' };
    sheets.loseReplyTo((method, path) => path.endsWith(':append'));
    expect(await workbook.appendDecision(decision)).toBe(true);
    expect(await workbook.appendDecision(decision)).toBe(false);
    expect(await workbook.readDecisions()).toEqual([decision]);
    expect((await workbook.readReview())[0]).toMatchObject({ status: 'not-duplicate', decided_by: 'U9' });
    expect(tab('Review')?.sheetId).toBe(gid);
  });
});

function rowsName(): string | undefined {
  const values = tab('Master')?.values ?? [];
  return values[1]?.[(values[0] ?? []).indexOf('name')];
}
