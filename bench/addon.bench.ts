/**
 * The add-on under its Apps Script budget: service calls, cells written and compute time for
 * "Check this sheet", "Find duplicates", "Clear marks" and "Apply all safe fixes" on 1k and 10k
 * rows × 30 columns, run through the BUILT bundle in a vm with the counting fakes of
 * test/addon/fakes; times include the fakes, so they bound the add-on's own compute from above.
 * Goal: calls constant in rows; cells written bounded by the cells that change.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dedupe } from '../shared/dedup';
import { parseCsv } from '../shared/read/csv';
import { rowsToRecords } from '../shared/read/records';
import { validateRows } from '../shared/validate';
import { FIELDS } from '../shared/schema/fields';
import { DATA_SERVICES } from '../test/addon/fakes/calls';
import { createEnvironment, sheetFrom } from '../test/addon/fakes/environment';
import { CallLog } from '../test/addon/fakes/calls';
import { FakeSpreadsheetApp } from '../test/addon/fakes/spreadsheet';
import { checkSheet } from '../addon/src/handlers/check';
import { clearMarks } from '../addon/src/handlers/clear';
import { findDuplicates } from '../addon/src/handlers/duplicates';
import type { AddonContext } from '../addon/src/handlers/context';
import { AppsScriptSheet } from '../addon/src/sheet/apps-script-sheet';
import { MemoryProperties } from '../test/addon/fakes/memory-properties';

// The repository's copy of the benchmark generator (v1 output by default), so a clean clone needs nothing beside it.
const GENERATOR = join(__dirname, 'data-gen', 'gen-orgs.mjs');
/** all.csv column → template field; the remaining template columns stay blank, as in most member sheets. */
const FROM_GENERATOR: { [column: string]: string } = {
  name: 'name', street: 'street', city: 'city', state: 'state', zip: 'postal_code', phone: 'phone', email: 'email',
  website: 'website', legal_structure: 'legal_structure', sector: 'sector', lat: 'latitude', lng: 'longitude',
};

/**
 * Realistic member rows (typos, format variants, ~2 listings per organization) from the shared
 * benchmark generator, laid out under 30 template columns. Deterministic for a given size.
 */
function sheet(rows: number): string[][] {
  const columns = FIELDS.slice(0, 30);
  const out = mkdtempSync(join(tmpdir(), 'addon-bench-'));
  try {
    execFileSync(process.execPath, [GENERATOR, '--entities', String(Math.ceil(rows / 2.1)), '--seed', '7', '--out', out, '--scale-only'], { stdio: 'pipe' });
    const [header = [], ...body] = parseCsv(readFileSync(join(out, 'all.csv'), 'utf8'));
    const fieldAt = header.map((column) => FROM_GENERATOR[column]);
    const data = body.slice(0, rows).map((record) => {
      const byField: { [key: string]: string } = {};
      record.forEach((cell, index) => {
        const field = fieldAt[index];
        if (field) byField[field] = cell;
      });
      return columns.map((def) => byField[def.key] ?? '');
    });
    if (data.length < rows) throw new Error(`the generator gave ${data.length} rows, not ${rows}`);
    return [columns.map((def) => def.label), ...data];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

interface Figures {
  readonly data: number;
  readonly total: number;
  readonly cells: number;
  readonly ms: number;
}

/** Calls and cells are the same every run; time is the best of three, as the machine is shared. */
function measure(name: string, rows: readonly string[][]): Figures {
  const env = createEnvironment(sheetFrom(rows, rows.length));
  env.run(name); // warm-up: JIT, lazily built indexes
  let best = Infinity;
  let figures = { data: 0, total: 0, cells: 0 };
  for (let round = 0; round < 3; round++) {
    // Clear marks is measured on a checked sheet; the others on a cleared one, so they write every mark.
    env.run(name === 'clearMarks' ? 'checkSheet' : 'clearMarks');
    env.calls.reset();
    env.app.cellsWritten = 0;
    const start = performance.now();
    env.run(name);
    best = Math.min(best, performance.now() - start);
    figures = { data: env.calls.data(), total: env.calls.total(), cells: env.app.cellsWritten };
  }
  return { ...figures, ms: best };
}

/** Apply all safe fixes changes the sheet, so each measurement starts from a fresh copy, checked and confirmed. */
function measureFixes(rows: readonly string[][]): Figures & { fixes: number } {
  const env = createEnvironment(sheetFrom(rows, rows.length));
  env.run('checkSheet');
  const fixes = (env.lastSidebar() as { safeFixes: number }).safeFixes;
  env.calls.reset();
  env.app.cellsWritten = 0;
  const start = performance.now();
  env.run('applyAllSafeFixes', env.sheet().getSheetId(), fixes);
  return { data: env.calls.data(), total: env.calls.total(), cells: env.app.cellsWritten, ms: performance.now() - start, fixes };
}

function best(run: () => void): number {
  run();
  let fastest = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

export default async function run(): Promise<void> {
  console.log(`data calls = ${DATA_SERVICES.join(' + ')}; all calls add LockService, HtmlService, Ui and Session`);
  console.log('cells written = cells covered by setValues / setBackgrounds / setNotes / setDataValidations (a colour and a note of one cell count 2)');
  console.log('| handler | rows × cols | data calls | all calls | cells written | time (ms) |');
  console.log('|---|---|---|---|---|---|');
  const sheets = [1_000, 10_000].map((rows) => ({ rows, data: sheet(rows) }));
  const line = (name: string, rows: number, figures: Figures, extra = ''): void => {
    console.log(`| ${name}${extra} | ${rows.toLocaleString('en-US')} × 30 | ${figures.data} | ${figures.total} | ` +
      `${figures.cells.toLocaleString('en-US')} | ${figures.ms.toFixed(0)} |`);
  };
  for (const name of ['checkSheet', 'findDuplicates', 'clearMarks']) {
    for (const { rows, data } of sheets) line(name, rows, measure(name, data));
  }
  for (const { rows, data } of sheets) {
    const figures = measureFixes(data);
    line('applyAllSafeFixes', rows, figures, ` (${figures.fixes.toLocaleString('en-US')} fixes)`);
  }
  // Node's vm routes every global lookup (Math, typed arrays…) of contextified code through an
  // interceptor, which makes the bundle several times slower there than anywhere else; the same
  // handlers imported as modules show the add-on's own compute.
  console.log('\nThe same handlers as plain modules (no vm), compute in Node:');
  for (const { rows, data } of sheets) {
    const calls = new CallLog();
    const app = new FakeSpreadsheetApp(calls, { menus: [], sidebars: [], alerts: [] }, () => undefined);
    // AppsScriptSheet reads the ProtectionType enum from the global, as in Apps Script.
    (globalThis as { SpreadsheetApp?: unknown }).SpreadsheetApp = app;
    const fake = app.addSheet('Directory', sheetFrom(data, data.length));
    const ctx: AddonContext = { sheet: new AppsScriptSheet(fake.self as unknown as GoogleAppsScript.Spreadsheet.Sheet), props: new MemoryProperties() };
    const check = best(() => { clearMarks(ctx); checkSheet(ctx); });
    const duplicates = best(() => { clearMarks(ctx); findDuplicates(ctx); });
    console.log(`- ${rows.toLocaleString('en-US')} rows: Check ${check.toFixed(0)} ms, Find duplicates ${duplicates.toFixed(0)} ms (each with a Clear marks first)`);
  }
  console.log('\nOf which shared/ (same rows, outside the vm):');
  for (const { rows, data } of sheets) {
    const validate = best(() => validateRows(data, { country: 'US', headerRowIndex: 0 }));
    const records = rowsToRecords(data, { source: 'sheet', headerRowIndex: 0 }).records;
    const dedup = best(() => dedupe(records, {}));
    console.log(`- ${rows.toLocaleString('en-US')} rows: validateRows ${validate.toFixed(0)} ms, dedupe ${dedup.toFixed(0)} ms`);
  }
}
