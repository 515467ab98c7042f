/**
 * Survivorship ranks equally trusted sources by when each row last changed, not when its sheet
 * did: editing one row of a sheet must not flip the merged values of every listing in it.
 * Two Google sheets on the mock Sheets server (Drive's modifiedTime moves on every edit).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate, type AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { SheetsBudget } from '../../../bot/src/google/budget';
import { GoogleSheetSourceReader } from '../../../bot/src/sources/google-sheet';
import { openWorkbook } from '../../../bot/src/workbook';
import { keyDeduper } from '../helpers/key-deduper';
import { steppingClock } from '../helpers/fixture-dir';
import { startMockSheets, type MockSheets } from '../mocks/sheets-server';
import { useTempDir } from '../../helpers/temp-dir';

const HEADER = ['Organization name', 'Street address', 'City', 'State', 'Zip', 'Phone'];
// The same bakery in both sheets (same phone), named differently.
const BAKERY_A = ['Bronzeville Bread Cooperative', '4301 S Cottage Grove Ave', 'Chicago', 'IL', '60653', '312-555-0101'];
const BAKERY_B = ['Bronzeville Bread Co-op', '4301 S Cottage Grove Ave', 'Chicago', 'IL', '60653', '312-555-0101'];
const LIBRARY = ['Uptown Tool Library', '4400 N Broadway', 'Chicago', 'IL', '60640', '312-555-0102'];

const temp = useTempDir('dcc-times-');
let sheets: MockSheets;

beforeEach(async () => {
  sheets = await startMockSheets();
});
afterEach(async () => {
  await sheets.close();
});

function options(): AggregateOptions {
  writeFileSync(join(temp.path, 'sources.csv'),
    'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active\n'
    + 'a,Sheet A,google-sheet,sheet-a,Members,,,signed,,,,US,,\n'
    + 'b,Sheet B,google-sheet,sheet-b,Members,,,signed,,,,US,,\n');
  const budget = new SheetsBudget({ readsPerMinute: 0, writesPerMinute: 0, refillMs: 0 });
  return {
    registryPath: join(temp.path, 'sources.csv'), outDir: join(temp.path, 'out'), deduper: keyDeduper, now: steppingClock(),
    readers: { 'google-sheet': new GoogleSheetSourceReader({ rootUrl: sheets.url, auth: 'key', timeoutMs: 300, budget,
      retry: { sleep: async () => undefined, retries: 2 } }) },
    env: { DCC_ALLOW_PRIVATE_NETWORK: '1' },
  };
}

async function bakeryName(run: AggregateOptions): Promise<string | undefined> {
  await runAggregate(run);
  const master = await (await openWorkbook({ kind: 'local', dir: join(run.outDir, 'workbook') })).readMaster();
  return master.find((row) => row.members.length === 2)?.values.name;
}

describe('survivorship by row change time', () => {
  it('keeps a listing\'s values when another row of the same sheet is edited, and follows an edit of its own row', async () => {
    sheets.put('sheet-a', { Members: [HEADER, BAKERY_A, LIBRARY] });
    sheets.put('sheet-b', { Members: [HEADER, BAKERY_B] });
    const run = options();
    // Sheet B was modified last: its name wins.
    expect(await bakeryName(run)).toBe('Bronzeville Bread Co-op');

    // Someone fixes the library's row in sheet A: sheet A is now the newer file, but not its bakery row.
    sheets.put('sheet-a', { Members: [HEADER, BAKERY_A, [...LIBRARY.slice(0, 5), '312-555-0199']] });
    expect(await bakeryName(run)).toBe('Bronzeville Bread Co-op');

    // Now the bakery's own row in sheet A is edited: it is the most recent word on the bakery.
    sheets.put('sheet-a', { Members: [HEADER, ['Bronzeville Bread Cooperative Inc', ...BAKERY_A.slice(1)], LIBRARY] });
    expect(await bakeryName(run)).toBe('Bronzeville Bread Cooperative Inc');
  });
});
