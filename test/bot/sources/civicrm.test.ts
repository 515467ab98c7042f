import { CiviCrmSourceReader, civicrmKeyVariable, CIVICRM_HEADERS } from '../../../bot/src/sources/civicrm';
import type { SourceSnapshot } from '../../../bot/src/sources/types';
import { validateRows } from '../../../shared/validate';
import { civicrmContacts } from '../helpers/civicrm-data';
import { entry } from '../helpers/entries';
import { startMockCiviCrm, type MockCiviCrm } from '../mocks/civicrm-server';

const KEY = 'secret-key';
let civi: MockCiviCrm;
// The mock listens on 127.0.0.1 over http, which an operator allows for a CiviCRM on the same host.
const LOCAL = { DCC_ALLOW_PRIVATE_NETWORK: '1' };
const env = { ...LOCAL, [civicrmKeyVariable('crm')]: KEY };
const fast = { retry: { sleep: async () => undefined, baseMs: 1 }, timeoutMs: 500 };

afterEach(async () => civi.close());

const crm = (): ReturnType<typeof entry> => entry({ key: 'crm', kind: 'civicrm', location: `${civi.url}/` });

describe('CiviCRM API v4 source', () => {
  it('reads organizations only, with primary address, email, phone and website, page by page', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(12) });
    const reader = new CiviCrmSourceReader({ ...fast, pageSize: 5 });
    const read = await reader.read(crm(), { baseDir: '.', env });
    expect(read.rows[0]).toEqual([...CIVICRM_HEADERS]);
    expect(read.rows).toHaveLength(13);
    const contactCalls = civi.requests.filter((request) => request.entity === 'Contact');
    expect(contactCalls.map((call) => [call.params.limit, call.params.offset])).toEqual([[5, 0], [5, 5], [5, 10]]);
    expect(contactCalls[0]?.params.where).toEqual([['contact_type', '=', 'Organization'], ['is_deleted', '=', false]]);
    expect(contactCalls[0]?.params.select).toEqual(expect.arrayContaining(['address_primary.geo_code_1', 'email_primary.email', 'phone_primary.phone']));
    const first = read.rows[1] ?? [];
    expect(first.slice(0, 3)).toEqual(['101', 'Coop 1 Cooperative', '1 W Lake St']);
    expect(first[CIVICRM_HEADERS.indexOf('website')]).toBe('https://coop1.example.coop');
    expect(first[CIVICRM_HEADERS.indexOf('geo_code_1')]).toBe('41.8801');
    expect(read.rows.some((row) => row[1] === 'Pat Person' || row[1] === 'Gone Coop')).toBe(false);
  });

  it('maps through the shared header mapping: geo_code_1/2 become latitude/longitude', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(2) });
    const read = await new CiviCrmSourceReader(fast).read(crm(), { baseDir: '.', env });
    const result = validateRows(read.rows, { source: 'crm', country: 'US' });
    const record = result.records[0];
    expect(record?.id).toBe('crm:101');
    expect(record?.values).toMatchObject({ name: 'Coop 1 Cooperative', latitude: expect.stringMatching(/^41\.88/), city: 'Chicago' });
    expect(result.findings.filter((finding) => finding.code === 'column_unknown')).toEqual([]);
  });

  it('after the first run asks only for contacts modified since, and counts an unchanged CRM as one request', async () => {
    // Contact 104 has the latest modified_date, 10:04:00.
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(4) });
    const reader = new CiviCrmSourceReader(fast);
    const first = await reader.read(crm(), { baseDir: '.', env });
    const previous: SourceSnapshot = { version: first.version, rows: first.rows, fetchedAt: '', ...(first.extra ? { extra: first.extra } : {}) };
    civi.requests.length = 0;
    const again = await reader.read(crm(), { baseDir: '.', env, previous });
    expect(again.unchanged).toBe(true);
    expect(again.requests).toBe(1);
    expect(civi.requests[0]?.params.where).toEqual([['contact_type', '=', 'Organization'], ['modified_date', '>=', first.version],
      ['OR', [['modified_date', '>', first.version], ['id', 'NOT IN', [104]]]]]);

    const contact = civi.contacts[1];
    if (contact) {
      contact.organization_name = 'Renamed Cooperative';
      contact.modified_date = '2026-02-01 00:00:00';
    }
    const gone = civi.contacts[2];
    if (gone) {
      gone.is_deleted = true;
      gone.modified_date = '2026-02-01 00:00:01';
    }
    const changed = await reader.read(crm(), { baseDir: '.', env, previous });
    expect(changed.unchanged).toBe(false);
    expect(changed.rows.map((row) => row[1])).toEqual(['organization_name', 'Coop 1 Cooperative', 'Renamed Cooperative', 'Coop 4 Cooperative']);
    expect(changed.version).toBe('2026-02-01 00:00:01');
  });

  it('sends the key as X-Civi-Auth and explains a 403', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(1) });
    const reader = new CiviCrmSourceReader(fast);
    await expect(reader.read(crm(), { baseDir: '.', env: { ...LOCAL, [civicrmKeyVariable('crm')]: 'wrong' } }))
      .rejects.toThrow(/HTTP 403: Authorization failed \(check the API key/);
  });

  it('names the environment variable when the key is missing', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY });
    await expect(new CiviCrmSourceReader(fast).read(crm(), { baseDir: '.', env: LOCAL }))
      .rejects.toThrow(/CIVICRM_API_KEY_CRM/);
  });

  it('retries 500s, 429s and timeouts, then gives the whole result', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(30), faults: { rate: 0.3, seed: 7 } });
    const read = await new CiviCrmSourceReader({ ...fast, pageSize: 7, timeoutMs: 200, retry: { ...fast.retry, retries: 10 } })
      .read(crm(), { baseDir: '.', env });
    expect(read.rows).toHaveLength(31);
    const injected = civi.faults?.injected ?? { '429': 0, '500': 0, timeout: 0 };
    expect(injected['429'] + injected['500'] + injected.timeout).toBeGreaterThan(0);
  });

  it('reports a 500 with the error message CiviCRM sent once retries run out', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(1) });
    civi.down = 500;
    await expect(new CiviCrmSourceReader({ ...fast, retry: { ...fast.retry, retries: 2 } }).read(crm(), { baseDir: '.', env }))
      .rejects.toThrow(/HTTP 500: Site down/);
    expect(civi.requests).toHaveLength(3);
  });
});
