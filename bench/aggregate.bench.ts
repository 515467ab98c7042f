/**
 * `npm run bench -- aggregate`: 200 sources × 500 rows (180 Google sheets on one mock Sheets
 * server, 20 CiviCRM sites on mock CiviCRM servers, all on 127.0.0.1) through the whole job:
 * a first run, an unchanged second run, a run where one source of 200 changed, and a first run
 * with 30% of calls failing (429, 500, timeouts). Prints wall time, API requests per source,
 * bytes written under the output folder, peak memory and each run's ratio to the first; checks
 * that the unchanged run leaves the master as it was, and that the
 * faulty run's master equals the fault-free one.
 *
 * The same three runs then go through `dcc aggregate` as a scheduler starts it, a fresh process
 * each time (bin/dcc.js, the built CLI): in one process the later runs find the code already
 * compiled by the first, which a scheduled run never does.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAggregate, type AggregateOptions, type AggregateResult } from '../bot/src/jobs/aggregate';
import { CiviCrmSourceReader, civicrmKeyVariable } from '../bot/src/sources/civicrm';
import { GoogleSheetSourceReader } from '../bot/src/sources/google-sheet';
import { openWorkbook } from '../bot/src/workbook';
import { startMockCiviCrm, type MockCiviCrm, type MockContact } from '../test/bot/mocks/civicrm-server';
import { seededRandom } from '../shared/dedup';
import type { FaultOptions } from '../test/bot/mocks/faults';
import { startMockSheets, type MockSheets } from '../test/bot/mocks/sheets-server';
import heavy from '../bin/heavy-commands.json';

/** `dcc aggregate` runs with these (bin/dcc.js), so the job is measured with them too. */
export const nodeFlags: readonly string[] = heavy.nodeFlags;

const SOURCES = 200;
const CIVICRM_SOURCES = 20;
const ROWS = 500;
const KEY = 'bench-key';

const PLACES = ['Riverside', 'Unity', 'Harvest', 'Prairie', 'Cedar', 'Mission', 'Lakeview', 'Evergreen', 'Solidarity', 'Heartland',
  'Sunrise', 'Liberty', 'Harmony', 'Oak', 'Maple', 'Willow', 'Birch', 'Aspen', 'Summit', 'Meadow', 'Orchard', 'Harbor', 'Beacon',
  'Keystone', 'Granite', 'Copper', 'Emerald', 'Indigo', 'Clover', 'Thistle', 'Lotus', 'Sage', 'Cardinal', 'Heron', 'Falcon', 'Otter'];
const TRADES = ['Bakery', 'Grocery', 'Home Care', 'Printing', 'Cleaning', 'Couriers', 'Tech', 'Farm', 'Housing', 'Childcare', 'Brewing',
  'Carpentry', 'Solar', 'Books', 'Coffee', 'Design', 'Translation', 'Music', 'Electric', 'Auto Repair'];
const CITIES: readonly (readonly [string, string, string, number, number])[] = [
  ['Chicago', 'IL', '60615', 41.80, -87.60], ['Oakland', 'CA', '94612', 37.81, -122.27], ['Madison', 'WI', '53703', 43.08, -89.38],
  ['Detroit', 'MI', '48201', 42.35, -83.06], ['Boston', 'MA', '02118', 42.34, -71.07], ['Austin', 'TX', '78702', 30.26, -97.72],
];

interface Org {
  name: string;
  street: string;
  city: readonly [string, string, string, number, number];
  phone: string;
  website: string;
}

/** Organizations appear in one to three sources with small differences, so dedup has real work. */
function makeData(): { sheets: string[][][]; civi: MockContact[][] } {
  const random = seededRandom(42);
  const orgs: Org[] = [];
  const total = Math.round((SOURCES * ROWS) / 1.4);
  for (let i = 0; i < total; i += 1) {
    const city = CITIES[i % CITIES.length] as Org['city'];
    const place = PLACES[Math.floor(random() * PLACES.length)] ?? 'Unity';
    const trade = TRADES[Math.floor(random() * TRADES.length)] ?? 'Bakery';
    orgs.push({
      name: `${place} ${trade} ${i} Cooperative`, street: `${100 + (i % 9000)} ${place} Ave`, city,
      phone: `${200 + (i % 700)}555${String(i % 10000).padStart(4, '0')}`, website: `${place.toLowerCase()}${i}.coop`,
    });
  }
  const appearances: Org[][] = Array.from({ length: SOURCES }, () => []);
  let cursor = 0;
  for (const org of orgs) {
    const copies = random() < 0.55 ? 1 : random() < 0.7 ? 2 : 3;
    for (let c = 0; c < copies; c += 1) {
      let source = (cursor + c * 37) % SOURCES;
      while ((appearances[source]?.length ?? ROWS) >= ROWS) source = (source + 1) % SOURCES;
      appearances[source]?.push(org);
    }
    cursor = (cursor + 1) % SOURCES;
    if (appearances.every((list) => list.length >= ROWS)) break;
  }
  const sheets = appearances.slice(0, SOURCES - CIVICRM_SOURCES).map((list, s) => [
    ['Organization name', 'Street address', 'City', 'State', 'Zip', 'Phone', 'Website', 'Lat', 'Lng'],
    ...list.map((org, r) => [
      s % 3 === 0 ? org.name.replace('Cooperative', 'Co-op') : org.name, org.street, org.city[0], org.city[1], org.city[2],
      r % 4 === 0 ? '' : `(${org.phone.slice(0, 3)}) ${org.phone.slice(3, 6)}-${org.phone.slice(6)}`,
      r % 3 === 0 ? '' : org.website, r % 2 ? String(org.city[3]) : '', r % 2 ? String(org.city[4]) : '',
    ]),
  ]);
  const civi = appearances.slice(SOURCES - CIVICRM_SOURCES).map((list) => list.map((org, r): MockContact => ({
    id: r + 1, contact_type: 'Organization', organization_name: org.name, modified_date: '2026-01-01 00:00:00',
    address: { street_address: org.street, city: org.city[0], state: org.city[1], postal_code: org.city[2], country: 'US',
      geo_code_1: org.city[3], geo_code_2: org.city[4] },
    phone: org.phone, websites: [`https://${org.website}`],
  })));
  return { sheets, civi };
}

interface Rig {
  sheets: MockSheets;
  civis: MockCiviCrm[];
  dir: string;
  options: AggregateOptions;
}

async function startRig(data: ReturnType<typeof makeData>, faults?: FaultOptions): Promise<Rig> {
  const sheets = await startMockSheets(faults ? { faults } : {});
  data.sheets.forEach((rows, i) => sheets.put(`sheet-${i}`, { Members: rows }));
  const civis = await Promise.all(data.civi.map((contacts, i) =>
    startMockCiviCrm({ apiKey: KEY, contacts, ...(faults ? { faults: { ...faults, seed: (faults.seed ?? 1) + i } } : {}) })));
  const dir = mkdtempSync(join(tmpdir(), 'dcc-bench-'));
  const env: { [name: string]: string } = { DCC_ALLOW_PRIVATE_NETWORK: '1' };
  const lines = ['key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active'];
  data.sheets.forEach((_, i) => lines.push(`s${i},Sheet ${i},google-sheet,sheet-${i},Members,,,signed,,,,US,,`));
  civis.forEach((civi, i) => {
    lines.push(`crm${i},CRM ${i},civicrm,${civi.url},,,,signed,,,,US,,`);
    env[civicrmKeyVariable(`crm${i}`)] = KEY;
  });
  writeFileSync(join(dir, 'sources.csv'), `${lines.join('\n')}\n`);
  const retry = { retries: 12, baseMs: 50, maxMs: 2000 };
  return {
    sheets, civis, dir,
    options: {
      registryPath: join(dir, 'sources.csv'), outDir: join(dir, 'out'), env, concurrency: 8,
      readers: {
        'google-sheet': new GoogleSheetSourceReader({ rootUrl: sheets.url, auth: 'bench', retry, timeoutMs: 1000, readsPerMinute: 0 }),
        civicrm: new CiviCrmSourceReader({ pageSize: 250, timeoutMs: 1000, retry }),
      },
    },
  };
}

async function stopServers(rig: Rig): Promise<void> {
  await rig.sheets.close();
  await Promise.all(rig.civis.map((civi) => civi.close()));
}

function requestCount(rig: Rig): number {
  return rig.sheets.requests.length + rig.civis.reduce((sum, civi) => sum + civi.requests.length, 0);
}

/** Size and modification time of every file under `dir`, to tell what a run wrote. */
function fileStates(dir: string): Map<string, string> {
  const states = new Map<string, string>();
  const walk = (path: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const name of entries) {
      const full = join(path, name);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else states.set(full, `${stat.size}:${stat.mtimeMs}:${stat.ino}`);
    }
  };
  walk(dir);
  return states;
}

/** Files created or replaced since `before`, and their bytes. */
function written(dir: string, before: Map<string, string>): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const [path, state] of fileStates(dir)) {
    if (before.get(path) === state) continue;
    files += 1;
    bytes += Number(state.split(':')[0]);
  }
  return { files, bytes };
}

interface Figures {
  readonly seconds: number;
  readonly requests: number;
  readonly bytes: number;
}

/** Resident memory of a process and its descendants (bin/dcc.js runs heavy commands in a child), from /proc. */
function treeRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return rss + children.reduce((sum, child) => sum + treeRss(child), 0);
  } catch {
    // Gone, or no /proc here: nothing to count.
    return 0;
  }
}

/** One `dcc aggregate --json` in a new process, pointed at the rig's mock servers through the variables an operator would set. */
async function runCli(rig: Rig, started: (pid: number) => void): Promise<AggregateResult> {
  const env = { ...process.env, ...rig.options.env, GOOGLE_API_ROOT_URL: rig.sheets.url, GOOGLE_API_KEY: 'bench', DCC_SHEETS_READS_PER_MINUTE: '0' };
  const child = spawn(process.execPath, [join(__dirname, '..', 'bin', 'dcc.js'), 'aggregate', '--registry', rig.options.registryPath as string,
    '--out', rig.options.outDir, '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.pid) started(child.pid);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('exit', done);
  });
  // 3 is a partial run (some source failed), which the fault-free rig must not see either.
  if (code !== 0) throw new Error(`dcc aggregate exited with ${code}`);
  return JSON.parse(output) as AggregateResult;
}

/**
 * One aggregate run, in this process or (`scheduled`) as a `dcc aggregate` process, printed as a
 * table row; peak memory is this process's RSS, or the RSS of the `dcc` process tree.
 */
async function measure(label: string, rig: Rig, first?: Figures, scheduled = false): Promise<AggregateResult & { figures: Figures }> {
  const files = fileStates(rig.options.outDir);
  const before = requestCount(rig);
  let pid: number | undefined;
  const rss = (): number => (scheduled ? (pid ? treeRss(pid) : 0) : process.memoryUsage().rss);
  let peak = rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 25);
  const start = performance.now();
  const result = scheduled ? await runCli(rig, (started) => {
    pid = started;
  }) : await runAggregate(rig.options);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  const requests = requestCount(rig) - before;
  const wrote = written(rig.options.outDir, files);
  const perSource = result.sources.map((source) => source.requests);
  const ratio = first ? `${((seconds / first.seconds) * 100).toFixed(1)}%` : '100%';
  console.log(`| ${label} | ${seconds.toFixed(1)} s | ${ratio} | ${result.run.records_read.toLocaleString('en-US')} | ${result.masterRows.toLocaleString('en-US')} | `
    + `${requests} (${(requests / SOURCES).toFixed(2)} / source, max ${Math.max(...perSource)}) | ${wrote.files} files, `
    + `${(wrote.bytes / 2 ** 20).toFixed(2)} MB | ${(peak / 2 ** 20).toFixed(0)} MB | ${result.run.status} |`);
  return { ...result, figures: { seconds, requests, bytes: wrote.bytes } };
}

async function readMasterOf(rig: Rig): Promise<string> {
  const rows = await (await openWorkbook({ kind: 'local', dir: join(rig.options.outDir, 'workbook') })).readMaster();
  return JSON.stringify(rows);
}

export default async function main(): Promise<void> {
  const data = makeData();
  console.log(`${SOURCES} sources (${SOURCES - CIVICRM_SOURCES} Google sheets, ${CIVICRM_SOURCES} CiviCRM) × ${ROWS} rows, mock servers on 127.0.0.1.`);
  console.log('Requests are counted at the servers, retries included; peak memory is the RSS of this process (servers included).');
  console.log('The Sheets read pacing (60 per minute by default, the per-user quota) is off here, to time the job itself.\n');
  console.log('| run | wall time | of first run | records read | master rows | requests | written under out/ | peak RSS | status |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  // One rig at a time, so the figures are not inflated by the other rig's servers.
  const clean = await startRig(data);
  let faulty: Rig | undefined;
  let scheduled: Rig | undefined;
  try {
    const first = await measure('first run', clean);
    const masterAfterFirst = await readMasterOf(clean);
    await measure('second run, nothing changed', clean, first.figures);
    const unchangedMaster = (await readMasterOf(clean)) === masterAfterFirst;
    // One source of 200 edited: one row renamed, as a member would.
    const edited = (data.sheets[0] ?? []).map((row, index) => (index === 1 ? [`${row[0]} Renamed`, ...row.slice(1)] : row));
    clean.sheets.put('sheet-0', { Members: edited });
    await measure('third run, one source of 200 changed', clean, first.figures);
    console.log(`\nMaster after the unchanged run equals the master before it: ${unchangedMaster ? 'yes' : 'NO'}.`);
    await stopServers(clean);

    console.log('\nThe same runs as a scheduler starts them: `dcc aggregate` in a new process each time, peak RSS of that process tree.\n');
    console.log('| run | wall time | of first run | records read | master rows | requests | written under out/ | peak RSS | status |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    scheduled = await startRig(data);
    const firstCli = await measure('first run', scheduled, undefined, true);
    await measure('second run, nothing changed', scheduled, firstCli.figures, true);
    scheduled.sheets.put('sheet-0', { Members: edited });
    await measure('third run, one source of 200 changed', scheduled, firstCli.figures, true);
    await stopServers(scheduled);

    // AGGREGATE_BENCH_FAULTS=0 leaves out the runs with failing calls (they take as long as two first runs).
    if (process.env.AGGREGATE_BENCH_FAULTS === '0') return;
    faulty = await startRig(data, { rate: 0.3, seed: 5 });
    await measure('first run, 30% of calls fail', faulty);
    await measure('second run, 30% of calls fail', faulty);
    await stopServers(faulty);
    const a = await (await openWorkbook({ kind: 'local', dir: join(clean.options.outDir, 'workbook') })).readMaster();
    const b = await (await openWorkbook({ kind: 'local', dir: join(faulty.options.outDir, 'workbook') })).readMaster();
    const strip = (rows: typeof a): string => JSON.stringify(rows.map(({ updated: _u, ...rest }) => rest));
    const injected = [faulty.sheets.faults, ...faulty.civis.map((civi) => civi.faults)]
      .reduce((sum, f) => sum + (f ? f.injected['429'] + f.injected['500'] + f.injected.timeout : 0), 0);
    console.log(`\nFaults injected: ${injected}. Master with faults equals master without: ${strip(a) === strip(b) ? 'yes' : 'NO'}.`);
  } finally {
    rmSync(clean.dir, { recursive: true, force: true });
    if (faulty) rmSync(faulty.dir, { recursive: true, force: true });
    if (scheduled) rmSync(scheduled.dir, { recursive: true, force: true });
  }
}
