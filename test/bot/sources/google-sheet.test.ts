import { SheetsBudget } from '../../../bot/src/google/budget';
import { sheetsClient } from '../../../bot/src/google/clients';
import { GoogleSheetSourceReader } from '../../../bot/src/sources/google-sheet';
import type { SourceSnapshot } from '../../../bot/src/sources/types';
import { entry } from '../helpers/entries';
import { startMockSheets, type MockSheets } from '../mocks/sheets-server';

let sheets: MockSheets;
const fast = { sleep: async () => undefined, baseMs: 1 };
const budget = (): SheetsBudget => new SheetsBudget({ readsPerMinute: 0 });
const reader = (): GoogleSheetSourceReader => new GoogleSheetSourceReader({ rootUrl: sheets.url, auth: 'test-key', retry: fast, timeoutMs: 500, budget: budget() });

beforeEach(async () => {
  sheets = await startMockSheets();
});
afterEach(async () => sheets.close());

const ROWS = [['Name', 'City', 'Phone', ''], ['Bread Co-op', 'Chicago', '312-555-0101', ''], ['Print Collective', 'Chicago'], ['', '']];

describe('Google Sheets source', () => {
  it('reads the tab through values.batchGet of exactly its grid, ragged rows and all', async () => {
    sheets.put('sheet-1', { Members: ROWS, Other: [['x']] });
    const read = await reader().read(entry({ key: 'g', kind: 'google-sheet', location: 'https://docs.google.com/spreadsheets/d/sheet-1/edit#gid=0', tab: 'Members' }), { baseDir: '.' });
    expect(read.rows).toEqual([['Name', 'City', 'Phone'], ['Bread Co-op', 'Chicago', '312-555-0101'], ['Print Collective', 'Chicago']]);
    expect(read.requests).toBe(3);
    const batchGet = sheets.requests.find((request) => request.path.endsWith('values:batchGet'));
    expect(batchGet?.query.getAll('ranges')).toEqual(["'Members'!A1:Z1000"]);
  });

  it('reads the first tab of a 26-column sheet without asking past its grid', async () => {
    sheets.put('narrow', { First: ROWS }, { rows: 4, columns: 26 });
    const read = await reader().read(entry({ key: 'g', kind: 'google-sheet', location: 'narrow' }), { baseDir: '.' });
    expect(read.rows[1]?.[0]).toBe('Bread Co-op');
    expect(sheets.requests.every((request) => request.outcome === 200)).toBe(true);
  });

  it('refuses a sheet past the size limit for one source, with the setting to raise it', async () => {
    sheets.put('huge', { Members: [['Name', 'Notes'], ...Array.from({ length: 40 }, (_, i) => [`Co-op ${i}`, 'x'.repeat(1000)])] });
    const small = new GoogleSheetSourceReader({ rootUrl: sheets.url, auth: 'k', retry: fast, budget: budget(), env: { DCC_MAX_SOURCE_MB: '0.02' } });
    await expect(small.read(entry({ key: 'g', kind: 'google-sheet', location: 'huge' }), { baseDir: '.' }))
      .rejects.toThrow(/the sheet huge is larger than the 20971 bytes limit for one source \(raise it with DCC_MAX_SOURCE_MB\)/);
    const read = await reader().read(entry({ key: 'g', kind: 'google-sheet', location: 'huge' }), { baseDir: '.' });
    expect(read.rows).toHaveLength(41);
  });

  it('names a missing tab and the tabs there are', async () => {
    sheets.put('tabs', { Members: ROWS, Archive: [['x']] });
    await expect(reader().read(entry({ key: 'g', kind: 'google-sheet', location: 'tabs', tab: 'Member' }), { baseDir: '.' }))
      .rejects.toThrow('no tab named "Member" (its tabs: "Members", "Archive")');
  });

  it('says a file that is not a spreadsheet must be saved as Google Sheets', async () => {
    sheets.put('upload', { Members: ROWS }).mimeType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await expect(reader().read(entry({ key: 'g', kind: 'google-sheet', location: 'upload' }), { baseDir: '.' }))
      .rejects.toThrow(/not a Google spreadsheet.*Save as Google Sheets/);
  });

  it('names the service account to share a private sheet with, as Viewer', async () => {
    sheets.put('private', { Members: ROWS }).shared = false;
    const env = { GOOGLE_SERVICE_ACCOUNT_JSON: JSON.stringify({ client_email: 'dcc-bot@coop-data.iam.gserviceaccount.com' }) };
    const withEnv = new GoogleSheetSourceReader({ rootUrl: sheets.url, auth: 'k', retry: fast, budget: budget(), env });
    await expect(withEnv.read(entry({ key: 'g', kind: 'google-sheet', location: 'private' }), { baseDir: '.' }))
      .rejects.toThrow('add dcc-bot@coop-data.iam.gserviceaccount.com as a Viewer');
  });

  it('honours GOOGLE_API_ROOT_URL, with GOOGLE_API_KEY standing in for a service account', async () => {
    sheets.put('emulated', { Members: ROWS });
    const client = sheetsClient({ env: { GOOGLE_API_ROOT_URL: sheets.url, GOOGLE_API_KEY: 'emulator-key' } });
    const got = await client.spreadsheets.get({ spreadsheetId: 'emulated' });
    expect(got.data.sheets?.[0]?.properties?.title).toBe('Members');
    expect(sheets.requests.at(-1)?.query.get('key')).toBe('emulator-key');
  });

  it('reads the first tab when none is named', async () => {
    sheets.put('sheet-2', { First: ROWS, Second: [['x']] });
    const read = await reader().read(entry({ key: 'g', kind: 'google-sheet', location: 'sheet-2' }), { baseDir: '.' });
    expect(read.rows[1]?.[0]).toBe('Bread Co-op');
  });

  it('skips an unchanged sheet with one Drive request, and rereads it once edited', async () => {
    sheets.put('sheet-3', { Members: ROWS });
    const source = entry({ key: 'g', kind: 'google-sheet', location: 'sheet-3', tab: 'Members' });
    const first = await reader().read(source, { baseDir: '.' });
    const previous: SourceSnapshot = { version: first.version, rows: first.rows, fetchedAt: '' };
    sheets.requests.length = 0;
    const again = await reader().read(source, { baseDir: '.', previous });
    expect(again).toMatchObject({ unchanged: true, requests: 1 });
    expect(sheets.requests.map((request) => request.path)).toEqual(['/drive/v3/files/sheet-3']);
    const book = sheets.spreadsheets.get('sheet-3');
    book?.sheets[0]?.values.push(['New Co-op', 'Evanston']);
    sheets.touch('sheet-3');
    const edited = await reader().read(source, { baseDir: '.', previous });
    expect(edited.unchanged).toBe(false);
    expect(edited.rows.at(-1)).toEqual(['New Co-op', 'Evanston']);
  });

  it('reports a sheet not shared with the service account', async () => {
    sheets.put('private', { Members: ROWS }).shared = false;
    await expect(reader().read(entry({ key: 'g', kind: 'google-sheet', location: 'private' }), { baseDir: '.' }))
      .rejects.toThrow(/not found/i);
  });

  it('makes exactly the retries it asks for: gaxios retries are off, so a 429 is not sent four times', async () => {
    await sheets.close();
    sheets = await startMockSheets({ faults: { rate: 1, kinds: ['429'] } });
    sheets.put('busy', { Members: ROWS });
    const busy = new GoogleSheetSourceReader({ rootUrl: sheets.url, auth: 'k', retry: { ...fast, retries: 2 }, budget: new SheetsBudget({ maxWaits: 0 }) });
    await expect(busy.read(entry({ key: 'g', kind: 'google-sheet', location: 'busy' }), { baseDir: '.' })).rejects.toThrow();
    expect(sheets.requests).toHaveLength(3);
  });

  it('retries 429, 500 and timeouts through to the full sheet', async () => {
    await sheets.close();
    sheets = await startMockSheets({ faults: { rate: 0.3, seed: 3 } });
    sheets.put('flaky', { Members: ROWS });
    const source = entry({ key: 'g', kind: 'google-sheet', location: 'flaky', tab: 'Members' });
    for (let i = 0; i < 5; i += 1) {
      const read = await new GoogleSheetSourceReader({ rootUrl: sheets.url, auth: 'k', retry: { ...fast, retries: 12 }, timeoutMs: 150,
        budget: new SheetsBudget({ readsPerMinute: 0, refillMs: 0 }) })
        .read(source, { baseDir: '.' });
      expect(read.rows).toHaveLength(3);
    }
    const injected = sheets.faults?.injected ?? { '429': 0, '500': 0, timeout: 0 };
    expect(injected['429'] + injected['500'] + injected.timeout).toBeGreaterThan(0);
  });
});
