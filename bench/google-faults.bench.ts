/**
 * `npm run bench -- google`: the fault soak of the Google backend. 200 member sheets × 500 rows
 * and the master workbook, all in one mock Sheets server on 127.0.0.1, through the whole job:
 * a fault-free run, then the same job against a server where 30% of requests fail (429, 500,
 * timeouts, dropped connections), half of the non-429 failures striking *after* the request took
 * effect. Checks that the faulty master equals the fault-free one, that no record is lost, that
 * dcc_ids do not change over a second faulty run, and that no staging tab or doubled Runs row is
 * left; prints requests per source. DCC_BENCH_GOOGLE_SOURCES / DCC_BENCH_GOOGLE_ROWS scale it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../shared/dedup';
import { SheetsBudget } from '../bot/src/google/budget';
import { runAggregate, type AggregateOptions, type AggregateResult } from '../bot/src/jobs/aggregate';
import { GoogleSheetSourceReader } from '../bot/src/sources/google-sheet';
import { openWorkbook, type MasterRow } from '../bot/src/workbook';
import type { FaultOptions } from '../test/bot/mocks/faults';
import { startMockSheets, type MockSheets } from '../test/bot/mocks/sheets-server';

const SOURCES = Number(process.env.DCC_BENCH_GOOGLE_SOURCES ?? 200);
const ROWS = Number(process.env.DCC_BENCH_GOOGLE_ROWS ?? 500);
const FAULTS: FaultOptions = { rate: 0.3, seed: 7, afterCommit: 0.5, kinds: ['429', '500', 'timeout', 'drop'] };

const WORDS = ['Riverside', 'Unity', 'Harvest', 'Prairie', 'Cedar', 'Mission', 'Lakeview', 'Evergreen', 'Solidarity', 'Heartland', 'Sunrise',
  'Harmony', 'Orchard', 'Harbor', 'Beacon', 'Keystone', 'Granite', 'Copper', 'Clover', 'Thistle'];
const TRADES = ['Bakery', 'Grocery', 'Home Care', 'Printing', 'Cleaning', 'Couriers', 'Tech', 'Farm', 'Housing', 'Childcare'];
const CITIES = [['Chicago', 'IL', '60615'], ['Oakland', 'CA', '94612'], ['Madison', 'WI', '53703'], ['Detroit', 'MI', '48201']] as const;

/** One sheet per source; about a fifth of each sheet's rows also appear, reworded, in the next source. */
function makeSheets(): string[][][] {
  const random = seededRandom(11);
  const org = (n: number): string[] => {
    const [city, state, zip] = CITIES[n % CITIES.length] ?? CITIES[0];
    const word = WORDS[n % WORDS.length] ?? 'Unity';
    // Street numbers and phones are unique per organization, so only the planted copies are duplicates.
    return [`${word} ${TRADES[Math.floor(n / WORDS.length) % TRADES.length] ?? 'Farm'} ${n} Cooperative`, `${100 + n} ${word} Ave`,
      city, state, zip, `(${200 + (Math.floor(n / 10000) % 700)}) 555-${String(n % 10000).padStart(4, '0')}`];
  };
  return Array.from({ length: SOURCES }, (_, s) => [
    ['Organization name', 'Street address', 'City', 'State', 'Zip', 'Phone'],
    ...Array.from({ length: ROWS }, (_, r) => {
      const shared = r % 5 === 0 && s > 0;
      const row = org(shared ? (s - 1) * ROWS + r + 1 : s * ROWS + r);
      return shared && random() < 0.5 ? [row[0]?.replace('Cooperative', 'Co-op') ?? '', ...row.slice(1)] : row;
    }),
  ]);
}

interface Rig {
  readonly sheets: MockSheets;
  readonly dir: string;
  readonly options: AggregateOptions;
}

async function startRig(data: readonly string[][][], faults?: FaultOptions): Promise<Rig> {
  const sheets = await startMockSheets(faults ? { faults } : {});
  data.forEach((rows, i) => sheets.put(`member-${i}`, { Members: rows }, { rows: rows.length + 20, columns: 10 }));
  sheets.put('master-book', { Sheet1: [] }, { rows: 10, columns: 5 });
  const dir = mkdtempSync(join(tmpdir(), 'dcc-bench-google-'));
  const lines = ['key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active'];
  data.forEach((_, i) => lines.push(`s${i},Sheet ${i},google-sheet,member-${i},Members,,,signed,,,,US,,`));
  writeFileSync(join(dir, 'sources.csv'), `${lines.join('\n')}\n`);
  const retry = { retries: 15, baseMs: 20, maxMs: 500 };
  const client = { rootUrl: sheets.url, auth: 'bench', timeoutMs: 2000 };
  // Quota pacing has its own tests; here it is off so the figures are the job's, not the quota's.
  const budget = new SheetsBudget({ readsPerMinute: 0, writesPerMinute: 0 });
  return {
    sheets, dir,
    options: {
      registryPath: join(dir, 'sources.csv'), outDir: join(dir, 'out'), concurrency: 8, alertLog: () => undefined,
      workbook: { kind: 'google-sheet', spreadsheetId: 'master-book', rootUrl: sheets.url, client: { ...client, timeoutMs: 5000 }, budget, retry },
      readers: { 'google-sheet': new GoogleSheetSourceReader({ ...client, retry, budget }) },
    },
  };
}

async function masterOf(rig: Rig): Promise<MasterRow[]> {
  const budget = new SheetsBudget({ readsPerMinute: 0 });
  const location = rig.options.workbook;
  if (location?.kind !== 'google-sheet') throw new Error('the bench writes a Google workbook');
  const faults = rig.sheets.faults;
  const saved = faults ? faults.options.rate : 0;
  if (faults) Object.assign(faults.options, { rate: 0 });
  try {
    return await (await openWorkbook({ ...location, budget })).readMaster();
  } finally {
    if (faults) Object.assign(faults.options, { rate: saved });
  }
}

async function measure(label: string, rig: Rig): Promise<AggregateResult> {
  const before = rig.sheets.requests.length;
  const start = performance.now();
  const result = await runAggregate(rig.options);
  const seconds = (performance.now() - start) / 1000;
  const requests = rig.sheets.requests.slice(before);
  const reads = result.sources.reduce((sum, source) => sum + source.requests, 0);
  const faults = requests.filter((request) => typeof request.outcome === 'string' || request.outcome === 429).length;
  console.log(`| ${label} | ${seconds.toFixed(1)} s | ${result.run.records_read.toLocaleString('en-US')} | ${result.masterRows.toLocaleString('en-US')} | `
    + `${(reads / SOURCES).toFixed(2)} | ${((requests.length - reads) ).toLocaleString('en-US')} | ${faults} | ${result.run.status} |`);
  return result;
}

const strip = (rows: readonly MasterRow[]): string => JSON.stringify(rows.map(({ updated: _u, ...rest }) => rest));

export default async function main(): Promise<void> {
  const data = makeSheets();
  const records = data.reduce((sum, rows) => sum + rows.length - 1, 0);
  console.log(`${SOURCES} Google sheets × ${ROWS} rows (${records.toLocaleString('en-US')} records) and a Google master workbook, one mock server on 127.0.0.1.`);
  console.log('Faulty server: 30% of requests fail (429, 500, timeout, dropped connection); half of the 500s, timeouts and drops after the change was made.\n');
  console.log('| run | wall time | records read | master rows | source requests / source | workbook requests | faults met | status |');
  console.log('|---|---|---|---|---|---|---|---|');
  const clean = await startRig(data);
  let faulty: Rig | undefined;
  try {
    await measure('fault-free', clean);
    const expected = await masterOf(clean);
    await clean.sheets.close();
    faulty = await startRig(data, FAULTS);
    await measure('30% faults, first run', faulty);
    const first = await masterOf(faulty);
    await measure('30% faults, second run', faulty);
    const second = await masterOf(faulty);
    const book = faulty.sheets.spreadsheets.get('master-book');
    const staging = book?.sheets.filter((sheet) => sheet.title.includes('(writing')).length ?? 0;
    const runsTab = book?.sheets.find((sheet) => sheet.title === 'Runs')?.values.slice(1).map((row) => row[0]).filter(Boolean) ?? [];
    const members = new Set(first.flatMap((row) => row.members));
    const lost = data.flatMap((rows, s) => rows.slice(1).map((_, r) => `s${s}:${r + 2}`)).filter((id) => !members.has(id)).length;
    const injected = faulty.sheets.faults?.injected;
    console.log(`\nFaults injected: ${injected ? Object.entries(injected).map(([kind, n]) => `${kind} ${n}`).join(', ') : 0}; `
      + `${faulty.sheets.faults?.afterCommit ?? 0} after the change took effect.`);
    console.log(`Master with faults equals the fault-free master: ${strip(first) === strip(expected) ? 'yes' : 'NO'}.`);
    console.log(`Records lost: ${lost} (source rows missing from every master row's members).`);
    console.log(`dcc_ids unchanged over the second faulty run: ${JSON.stringify(first.map((row) => row.dcc_id)) === JSON.stringify(second.map((row) => row.dcc_id)) ? 'yes' : 'NO'}.`);
    console.log(`Staging tabs left: ${staging}. Runs rows: ${runsTab.length} for 2 runs (${new Set(runsTab).size} distinct).`);
  } finally {
    await faulty?.sheets.close();
    rmSync(clean.dir, { recursive: true, force: true });
    if (faulty) rmSync(faulty.dir, { recursive: true, force: true });
  }
}
