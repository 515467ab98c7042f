import { GoogleWorkbook } from '../../../bot/src/workbook/google';
import type { MasterRow } from '../../../bot/src/workbook';
import { startMockSheets, type MockSheets } from '../mocks/sheets-server';

let sheets: MockSheets;
let workbook: GoogleWorkbook;
const retry = { sleep: async () => undefined, baseMs: 1 };

beforeEach(async () => {
  sheets = await startMockSheets();
  sheets.put('master-book', { Sheet1: [] });
  workbook = await GoogleWorkbook.open({ kind: 'google-sheet', spreadsheetId: 'master-book', rootUrl: sheets.url, client: { auth: 'key' } }, retry);
});
afterEach(async () => sheets.close());

const row = (id: string, name: string): MasterRow => ({
  dcc_id: id, values: { name, city: 'Chicago' }, sources: ['a'], members: [`a:${id}`], updated: '2026-01-01T00:00:00.000Z',
  retired_ids: [], stale_sources: [], publishable: true,
});
const titles = (): string[] => sheets.spreadsheets.get('master-book')?.sheets.map((sheet) => sheet.title) ?? [];

describe('Google spreadsheet workbook', () => {
  it('creates the Master tab on first write and reads it back', async () => {
    expect(await workbook.readMaster()).toEqual([]);
    await workbook.writeMaster([row('dcc-000001', '=HYPERLINK("x")'), row('dcc-000002', 'Two')]);
    expect(await workbook.readMaster()).toEqual([row('dcc-000001', '=HYPERLINK("x")'), row('dcc-000002', 'Two')]);
    expect(titles()).toEqual(['Sheet1', 'Master']);
  });

  it('replaces the Master through a staging tab swapped in one batchUpdate', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    sheets.requests.length = 0;
    await workbook.writeMaster([row('dcc-000001', 'One, renamed')]);
    const calls = sheets.requests.map((request) => `${request.method} ${request.path.replace(/\(writing \d+\)/, '(writing)')}`);
    expect(calls).toEqual([
      'GET /v4/spreadsheets/master-book',
      'POST /v4/spreadsheets/master-book:batchUpdate',
      "PUT /v4/spreadsheets/master-book/values/'Master (writing)'!A1",
      'POST /v4/spreadsheets/master-book:batchUpdate',
    ]);
    expect(titles()).toEqual(['Sheet1', 'Master']);
    expect((await workbook.readMaster())[0]?.values.name).toBe('One, renamed');
  });

  it('leaves the old Master in place when a write fails half-way', async () => {
    await workbook.writeMaster([row('dcc-000001', 'One')]);
    await sheets.close();
    sheets = await startMockSheets({ faults: { rate: 1, kinds: ['500'] } });
    const book = sheets.put('master-book', { Sheet1: [] });
    book.sheets.push({ sheetId: 1, title: 'Master', values: [['dcc_id', 'name'], ['dcc-000001', 'One']] });
    const failing = await GoogleWorkbook.open({ kind: 'google-sheet', spreadsheetId: 'master-book', rootUrl: sheets.url, client: { auth: 'key' } },
      { ...retry, retries: 1 });
    await expect(failing.writeMaster([row('dcc-000001', 'Half')])).rejects.toThrow();
    expect(titles()).toEqual(['Sheet1', 'Master']);
    expect(book.sheets.find((sheet) => sheet.title === 'Master')?.values[1]).toEqual(['dcc-000001', 'One']);
  });

  it('appends decisions once and marks the review item', async () => {
    await workbook.writeReview([{
      pair_id: 'a:1|b:2', status: 'open', probability: 0.7, reasons: ['same phone'], created: 't',
      a: { id: 'a:1', source: 'a', name: 'One', address: '', phone: '', website: '', link: '' },
      b: { id: 'b:2', source: 'b', name: 'One Co-op', address: '', phone: '', website: '', link: '' },
    }]);
    const decision = { a: 'b:2', b: 'a:1', outcome: 'not-duplicate' as const, by: 'U9', at: '2026-01-03T00:00:00Z' };
    expect(await workbook.appendDecision(decision)).toBe(true);
    expect(await workbook.appendDecision(decision)).toBe(false);
    expect(await workbook.readDecisions()).toEqual([decision]);
    expect((await workbook.readReview())[0]?.status).toBe('not-duplicate');
  });

  it('appends runs under the header', async () => {
    const run = { run_id: 'r1', started_at: 's', finished_at: 'f', status: 'ok' as const, sources: 1, records_read: 2, held_back: 0,
      merged: 0, new: 2, master_rows: 2, review_open: 0, stale_sources: [], errors: [] };
    await workbook.appendRun(run);
    await workbook.appendRun({ ...run, run_id: 'r2' });
    expect((await workbook.readRuns()).map((r) => r.run_id)).toEqual(['r1', 'r2']);
  });
});
