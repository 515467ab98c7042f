import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAggregateSummary } from '../../../bot/src/cli/aggregate-summary';
import { runAggregate, type AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { SheetsBudget } from '../../../bot/src/google/budget';
import { CiviCrmSourceReader, civicrmKeyVariable } from '../../../bot/src/sources/civicrm';
import { GoogleSheetSourceReader } from '../../../bot/src/sources/google-sheet';
import { openWorkbook } from '../../../bot/src/workbook';
import type { WorkbookLocation } from '../../../bot/src/workbook/types';
import { decisionDuringRun } from '../helpers/decision-during-run';
import { civicrmContacts } from '../helpers/civicrm-data';
import { steppingClock } from '../helpers/fixture-dir';
import { startMockCiviCrm, type MockCiviCrm } from '../mocks/civicrm-server';
import type { FaultOptions } from '../mocks/faults';
import { startMockSheets, type MockSheets } from '../mocks/sheets-server';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir';

const KEY = 'civi-key';
const MEMBER_SHEET = [
  ['Organization name', 'Street address', 'City', 'State', 'Zip', 'Phone', 'Website'],
  ['Coop 1 Cooperative', '1 W Lake St', 'Chicago', 'IL', '60612', '(312) 555-1001', 'coop1.example.coop'],
  ['Sheet Only Bakery', '5 E Main St', 'Chicago', 'IL', '60602', '312-555-7777', ''],
  ['', 'junk', '', '', '', '', ''],
];

interface Services {
  sheets: MockSheets;
  civi: MockCiviCrm;
  dir: TempDir;
  options: AggregateOptions;
}

async function start(faults?: FaultOptions): Promise<Services> {
  const sheets = await startMockSheets(faults ? { faults } : {});
  const civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(25), ...(faults ? { faults } : {}) });
  sheets.put('member-sheet', { Members: MEMBER_SHEET });
  sheets.put('master-book', { Sheet1: [] });
  const scratch = makeTempDir('dcc-mock-');
  const dir = scratch.path;
  writeFileSync(join(dir, 'sources.csv'),
    'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active\n'
    + 'sheet,Member sheet,google-sheet,member-sheet,Members,,,signed,,,,US,,\n'
    + `crm,Network CRM,civicrm,${civi.url},,,,signed,,,,US,,\n`);
  const retry = { sleep: async () => undefined, baseMs: 1, retries: 15 };
  const client = { rootUrl: sheets.url, auth: 'key', timeoutMs: 300 };
  // The mock keeps no quota here; the budget's pacing has tests of its own.
  const budget = new SheetsBudget({ readsPerMinute: 0, writesPerMinute: 0, refillMs: 0 });
  const options: AggregateOptions = {
    registryPath: join(dir, 'sources.csv'),
    outDir: join(dir, 'out'),
    workbook: { kind: 'google-sheet', spreadsheetId: 'master-book', rootUrl: sheets.url, client, budget },
    readers: {
      'google-sheet': new GoogleSheetSourceReader({ ...client, retry, budget }),
      civicrm: new CiviCrmSourceReader({ pageSize: 10, timeoutMs: 300, retry }),
    },
    // The mocks listen on 127.0.0.1 over http, as a same-host CiviCRM would, which the operator allows.
    env: { DCC_ALLOW_PRIVATE_NETWORK: '1', [civicrmKeyVariable('crm')]: KEY },
    now: steppingClock(),
  };
  return { sheets, civi, dir: scratch, options };
}

async function stop(services: Services): Promise<void> {
  await services.sheets.close();
  await services.civi.close();
  services.dir.remove();
}

const masterOf = async (services: Services): Promise<unknown> =>
  (await openWorkbook(services.options.workbook ?? { kind: 'local', dir: '' })).readMaster();

describe('aggregate through mock Google Sheets and CiviCRM', () => {
  it('builds the master in the spreadsheet from both services, merging across them', async () => {
    const services = await start();
    try {
      const result = await runAggregate(services.options);
      expect(result.run.status).toBe('ok');
      const master = await (await openWorkbook(services.options.workbook ?? { kind: 'local', dir: '' })).readMaster();
      expect(master).toHaveLength(26);
      const coop1 = master.find((row) => row.values.name === 'Coop 1 Cooperative');
      expect(coop1?.members).toEqual(['crm:101', 'sheet:2']);
      expect(coop1?.values.latitude).toBe('41.8801');
      expect(result.sources.find((source) => source.key === 'sheet')?.heldBack).toBe(1);
      expect(services.sheets.spreadsheets.get('master-book')?.sheets.map((sheet) => sheet.title))
        .toEqual(['Sheet1', 'Master', 'Review', 'Sources', 'Runs']);
      const grids = services.sheets.spreadsheets.get('master-book')?.sheets.reduce((sum, sheet) => sum + sheet.rowCount * sheet.columnCount, 0);
      expect(result.capacity).toEqual({ cells: grids, limit: 10_000_000 });
      expect(formatAggregateSummary(result)).toContain(`(${(grids ?? 0).toLocaleString('en-US')} of its 10,000,000 cells used,`);
    } finally {
      await stop(services);
    }
  });

  it('with 30% of calls failing (429, 500, timeouts) ends with the same master as without faults', async () => {
    const clean = await start();
    const faulty = await start({ rate: 0.3, seed: 11 });
    try {
      await runAggregate(clean.options);
      const result = await runAggregate(faulty.options);
      expect(result.run.status).toBe('ok');
      expect(await masterOf(faulty)).toEqual(await masterOf(clean));
      const injected = [faulty.sheets.faults, faulty.civi.faults].map((f) => (f ? f.injected['429'] + f.injected['500'] + f.injected.timeout : 0));
      const [sheetFaults = 0, civiFaults = 0] = injected;
      expect(sheetFaults).toBeGreaterThan(0);
      expect(sheetFaults + civiFaults).toBeGreaterThan(3);
    } finally {
      await stop(clean);
      await stop(faulty);
    }
  }, 60_000);

  it('with 30% of Sheets calls failing before or after they take effect, ends with the fault-free master and the same ids', async () => {
    const clean = await start();
    const faulty = await start({ rate: 0.3, seed: 5, afterCommit: 0.5, kinds: ['429', '500', 'timeout', 'drop'] });
    try {
      await runAggregate(clean.options);
      const first = await runAggregate(faulty.options);
      expect(first.run.status).toBe('ok');
      expect(await masterOf(faulty)).toEqual(await masterOf(clean));
      const ids = ((await masterOf(faulty)) as { dcc_id: string }[]).map((row) => row.dcc_id);
      const again = await runAggregate(faulty.options);
      expect(again.run.status).toBe('ok');
      expect(((await masterOf(faulty)) as { dcc_id: string }[]).map((row) => row.dcc_id)).toEqual(ids);
      expect(faulty.sheets.faults?.afterCommit).toBeGreaterThan(0);
      const titles = faulty.sheets.spreadsheets.get('master-book')?.sheets.map((sheet) => sheet.title) ?? [];
      expect(titles.filter((title) => title.includes('(writing'))).toEqual([]);
      const runs = await (await openWorkbook(faulty.options.workbook ?? { kind: 'local', dir: '' })).readRuns();
      expect(new Set(runs.map((run) => run.run_id)).size).toBe(runs.length);
    } finally {
      await stop(clean);
      await stop(faulty);
    }
  }, 60_000);

  it('loses no rows when a service is down: its rows stay, marked stale', async () => {
    const services = await start();
    try {
      await runAggregate(services.options);
      const before = (await masterOf(services)) as { dcc_id: string; members: string[] }[];
      services.civi.down = 503;
      const result = await runAggregate({ ...services.options, readers: { ...services.options.readers,
        civicrm: new CiviCrmSourceReader({ pageSize: 10, timeoutMs: 300, retry: { sleep: async () => undefined, retries: 2 } }) } });
      expect(result.staleSources).toEqual(['crm']);
      expect(result.sources.find((source) => source.key === 'crm')).toMatchObject({ state: 'stale', requests: 3 });
      const after = (await masterOf(services)) as { dcc_id: string; members: string[]; stale_sources: string[] }[];
      expect(after.map((row) => [row.dcc_id, row.members])).toEqual(before.map((row) => [row.dcc_id, row.members]));
      expect(after.filter((row) => row.stale_sources.includes('crm'))).toHaveLength(25);
    } finally {
      await stop(services);
    }
  });

  it('on a spreadsheet workbook, runs idle when nothing changed, and in full after a decision recorded during a run', async () => {
    const services = await start();
    try {
      // A coordinator's click reaches the Decisions tab while the first run is under way.
      const { deduper, calls } = decisionDuringRun(await openWorkbook(services.options.workbook as WorkbookLocation), 1);
      const options = { ...services.options, deduper };
      await runAggregate(options);
      await runAggregate(options);
      expect(calls()).toBe(2);
      const writes = services.sheets.requests.length;
      await runAggregate(options);
      expect(calls()).toBe(2);
      // The idle run appends its Runs line and changes nothing else.
      const changes = services.sheets.requests.slice(writes).filter((request) => request.method !== 'GET');
      expect(changes.map((request) => decodeURIComponent(request.path))).toEqual([expect.stringMatching(/'Runs'!.*:append$/)]);
    } finally {
      await stop(services);
    }
  });

  it('keeps a decision recorded during a run in the Review tab the run rewrites', async () => {
    const services = await start();
    try {
      const workbook = await openWorkbook(services.options.workbook as WorkbookLocation);
      const bakery = (city: string, phone: string): string[] => ['Same Name Bakery', '1 Main St', city, 'IL', '', phone, ''];
      const cafe = (city: string, phone: string): string[] => ['Other Name Cafe', '2 Main St', city, 'IL', '', phone, ''];
      services.sheets.put('member-sheet', { Members: [MEMBER_SHEET[0] as string[], bakery('Peoria', '309-555-0101'), bakery('Joliet', '815-555-0102')] });
      // During the second run a coordinator decides the bakery pair the first run queued.
      const { deduper } = decisionDuringRun(workbook, 2, (records) => records.filter((record) => record.values.name === 'Same Name Bakery'));
      const options = { ...services.options, deduper };
      await runAggregate(options);
      const statusOf = async (name: string): Promise<string | undefined> =>
        (await workbook.readReview()).find((item) => item.a.name === name)?.status;
      expect(await statusOf('Same Name Bakery')).toBe('open');
      // A new pair makes the second run rewrite the Review tab.
      services.sheets.put('member-sheet', { Members: [MEMBER_SHEET[0] as string[], bakery('Peoria', '309-555-0101'),
        bakery('Joliet', '815-555-0102'), cafe('Peoria', '309-555-0103'), cafe('Joliet', '815-555-0104')] });
      await runAggregate(options);
      expect(await statusOf('Other Name Cafe')).toBe('open');
      expect(await statusOf('Same Name Bakery')).toBe('not-duplicate');
    } finally {
      await stop(services);
    }
  });

  it('costs at most two requests for an unchanged source on the next run', async () => {
    const services = await start();
    try {
      await runAggregate(services.options);
      const result = await runAggregate(services.options);
      for (const source of result.sources) expect(source.requests).toBeLessThanOrEqual(2);
      expect(result.sources.map((source) => source.state)).toEqual(['unchanged', 'unchanged']);
    } finally {
      await stop(services);
    }
  });
});
