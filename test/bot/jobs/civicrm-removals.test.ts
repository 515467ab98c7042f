import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate, type AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { keyDeduper } from '../helpers/key-deduper';
import { CiviCrmSourceReader, civicrmKeyVariable } from '../../../bot/src/sources/civicrm';
import { civicrmContacts } from '../helpers/civicrm-data';
import { readTable, steppingClock } from '../helpers/fixture-dir';
import { startMockCiviCrm, type MockCiviCrm } from '../mocks/civicrm-server';
import { useTempDir } from '../../helpers/temp-dir';

const KEY = 'civi-key';
const fast = { sleep: async () => undefined, baseMs: 1, retries: 1 };
let civi: MockCiviCrm;
const temp = useTempDir('dcc-civi-');

beforeEach(async () => {
  // No websites: the test coops all share one web domain, which would join them.
  civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(6).map((contact) => ({ ...contact, websites: [] })) });
  // A member list that knows Coop 5 by the same phone, so it shares Coop 5's master row.
  writeFileSync(join(temp.path, 'members.csv'), 'ID,Organization name,City,State,Phone\nm1,Coop Five,Chicago,IL,3125551005\n');
  writeFileSync(join(temp.path, 'sources.csv'), 'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active\n'
    + `crm,Network CRM,civicrm,${civi.url},,,,signed,,,,US,,\n`
    + 'm,Member list,csv,members.csv,,,,signed,,,,US,,\n');
});

afterEach(async () => {
  await civi.close();
});

const options = (reader = new CiviCrmSourceReader({ retry: fast, timeoutMs: 500, idScanEveryHours: 0 })): AggregateOptions => ({
  registryPath: join(temp.path, 'sources.csv'), outDir: join(temp.path, 'out'), deduper: keyDeduper, now: steppingClock(),
  readers: { civicrm: reader }, env: { DCC_ALLOW_PRIVATE_NETWORK: '1', [civicrmKeyVariable('crm')]: KEY },
});
const master = (): { [column: string]: string }[] => readTable(join(temp.path, 'out', 'workbook', 'master.csv'));
const rowWith = (member: string): { [column: string]: string } | undefined =>
  master().find((row) => (row.members ?? '').split(';').includes(member));
const published = (): string => readFileSync(join(temp.path, 'out', 'public', 'master.csv'), 'utf8');

describe('removals in CiviCRM reach the master', () => {
  it('retires a trashed contact on the next incremental run', async () => {
    await runAggregate(options());
    const gone = rowWith('crm:103');
    expect(gone).toBeDefined();
    civi.trash(103);
    const result = await runAggregate(options());
    expect(result.sources.find((source) => source.key === 'crm')?.state).toBe('read');
    expect(rowWith('crm:103')).toBeUndefined();
    expect(master().some((row) => row.dcc_id === gone?.dcc_id)).toBe(false);
    expect(published()).not.toContain('Coop 3 Cooperative');
  });

  it('moves a merged contact\'s records to the survivor\'s row and keeps the old id in retired_ids', async () => {
    await runAggregate(options());
    const loser = rowWith('crm:105');
    const survivor = rowWith('crm:101');
    expect(loser?.members).toBe('crm:105;m:m1');
    civi.merge(101, 105);
    await runAggregate(options());
    const after = rowWith('crm:101');
    expect(after?.dcc_id).toBe(survivor?.dcc_id);
    expect(after?.members).toBe('crm:101;m:m1');
    expect(after?.retired_ids?.split(';')).toContain(loser?.dcc_id);
    expect(rowWith('crm:105')).toBeUndefined();
  });

  it('notices a contact deleted for good through the id scan', async () => {
    await runAggregate(options());
    expect(rowWith('crm:106')).toBeDefined();
    civi.purge(106);
    await runAggregate(options());
    expect(rowWith('crm:106')).toBeUndefined();
  });

  it('retires nothing while the site cannot be read, then catches up', async () => {
    await runAggregate(options());
    civi.trash(104);
    civi.down = 503;
    const failed = await runAggregate(options());
    expect(failed.staleSources).toEqual(['crm']);
    expect(rowWith('crm:104')).toBeDefined();
    civi.down = undefined;
    await runAggregate(options());
    expect(rowWith('crm:104')).toBeUndefined();
  });
});
