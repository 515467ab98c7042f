import { CiviCrmSourceReader, civicrmKeyVariable, civicrmSiteKeyVariable, CIVICRM_HEADERS } from '../../../bot/src/sources/civicrm';
import type { SourceRead, SourceSnapshot } from '../../../bot/src/sources/types';
import { validateRows } from '../../../shared/validate';
import { civicrmContacts } from '../helpers/civicrm-data';
import { entry } from '../helpers/entries';
import { startMockCiviCrm, FULL_PERMISSIONS, type MockCiviCrm } from '../mocks/civicrm-server';

const KEY = 'secret-key';
let civi: MockCiviCrm;
// The mock listens on loopback, which an operator allows explicitly for a CiviCRM on the same host.
const LOCAL = { DCC_ALLOW_PRIVATE_NETWORK: '1' };
const env = { ...LOCAL, [civicrmKeyVariable('crm')]: KEY };
const fast = { retry: { sleep: async () => undefined, baseMs: 1 }, timeoutMs: 500 };

afterEach(async () => civi.close());

const crm = (location = `${civi.url}/`, columnMap?: { [header: string]: string }): ReturnType<typeof entry> =>
  entry({ key: 'crm', kind: 'civicrm', location, ...(columnMap ? { columnMap } : {}) });
const snapshot = (read: SourceRead): SourceSnapshot =>
  ({ ...(read.version ? { version: read.version } : {}), rows: read.rows, fetchedAt: '', ...(read.extra ? { extra: read.extra } : {}) });
const names = (read: SourceRead): string[] => read.rows.slice(1).map((row) => row[1] ?? '');
const contactCalls = (): { [key: string]: unknown }[] =>
  civi.requests.filter((request) => request.entity === 'Contact' && request.action === 'get').map((request) => request.params);

describe('CiviCRM API v4 source: reading', () => {
  it('reads organizations only, with primary address, email, phone and website, page by page on id', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(12) });
    const read = await new CiviCrmSourceReader({ ...fast, pageSize: 5 }).read(crm(), { baseDir: '.', env });
    expect(read.rows[0]).toEqual([...CIVICRM_HEADERS]);
    expect(read.rows).toHaveLength(13);
    const calls = contactCalls();
    expect(calls.map((call) => [call.limit, (call.where as unknown[]).at(-1)])).toEqual([
      [5, ['id', '>', 0]], [5, ['id', '>', 105]], [5, ['id', '>', 110]]]);
    expect(calls[0]?.where).toEqual([['contact_type', '=', 'Organization'], ['is_deleted', '=', false], ['id', '>', 0]]);
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
    expect(result.records[0]?.id).toBe('crm:101');
    expect(result.records[0]?.values).toMatchObject({ name: 'Coop 1 Cooperative', latitude: expect.stringMatching(/^41\.88/), city: 'Chicago' });
    expect(result.findings.filter((finding) => finding.code === 'column_unknown')).toEqual([]);
  });

  it('after the first run asks only for contacts modified since, trashed ones included, and counts a quiet CRM as one request', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(4), now: () => new Date('2026-03-02T12:00:00Z') });
    const reader = new CiviCrmSourceReader(fast);
    const first = await reader.read(crm(), { baseDir: '.', env });
    // The watermark is the site's own clock at the read, less the overlap window (70 minutes).
    expect(first.version).toBe('2026-03-02 10:50:00');
    civi.requests.length = 0;
    const again = await reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(again.unchanged).toBe(true);
    expect(again.requests).toBe(1);
    expect(contactCalls()[0]?.where).toEqual([['contact_type', '=', 'Organization'], ['modified_date', '>=', '2026-03-02 10:50:00'],
      ['is_deleted', 'IS NOT NULL'], ['id', '>', 0]]);
    civi.edit(102, (contact) => (contact.organization_name = 'Renamed Cooperative'));
    const changed = await reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(changed.unchanged).toBe(false);
    expect(names(changed)).toEqual(['Coop 1 Cooperative', 'Renamed Cooperative', 'Coop 3 Cooperative', 'Coop 4 Cooperative']);
  });

  it('reads a contact edited one second before the previous run ended, in a site far from UTC', async () => {
    let now = Date.parse('2026-03-02T16:00:00Z'); // 10:00:00 in Chicago
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(10), timeZone: 'America/Chicago', now: () => new Date(now) });
    let pages = 0;
    civi.onRequest = (request) => {
      if (request.entity !== 'Contact' || request.action !== 'get' || (pages += 1) !== 2) return;
      // While the first run pages through: 101 (already read) is edited, then 108 (not yet read) a second later.
      now += 3000;
      civi.edit(101, (contact) => (contact.organization_name = 'Edited Mid-Read'));
      now += 1000;
      civi.edit(108, (contact) => (contact.organization_name = 'Edited Last'));
    };
    const reader = new CiviCrmSourceReader({ ...fast, pageSize: 5 });
    const first = await reader.read(crm(), { baseDir: '.', env });
    civi.onRequest = undefined;
    expect(civi.contacts.find((contact) => contact.id === 101)?.modified_date).toBe('2026-03-02 10:00:03');
    expect(names(first)).toContain('Edited Last');
    expect(names(first)).not.toContain('Edited Mid-Read');
    // modified_date comes as Chicago wall time (UTC-6 in March before the switch); rows carry the UTC instant.
    expect(first.rows.find((row) => row[0] === '108')?.[CIVICRM_HEADERS.indexOf('(modified_date)')]).toBe('2026-03-02T16:00:04Z');
    now += 60_000;
    const next = await reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(names(next)).toContain('Edited Mid-Read');
  });
});

describe('CiviCRM API v4 source: trashed, merged and deleted contacts', () => {
  const start = async (permissions = FULL_PERMISSIONS): Promise<{ reader: CiviCrmSourceReader; first: SourceRead }> => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(6), permissions: [...permissions] });
    const reader = new CiviCrmSourceReader({ ...fast, pageSize: 4, idScanEveryHours: 0 });
    return { reader, first: await reader.read(crm(), { baseDir: '.', env }) };
  };

  it('drops a contact moved to the trash', async () => {
    const { reader, first } = await start();
    civi.trash(103);
    const next = await reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(next.rows.map((row) => row[0])).not.toContain('103');
    expect(next.merged).toBeUndefined();
  });

  it('notices the trash through the id scan when the user may not see trashed contacts', async () => {
    const { reader, first } = await start(FULL_PERMISSIONS.filter((permission) => permission !== 'access deleted contacts'));
    civi.trash(103);
    const next = await reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(next.rows.map((row) => row[0])).not.toContain('103');
  });

  it('notices a contact deleted for good through the ids-only scan, and only when the scan is due', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(6) });
    const daily = new CiviCrmSourceReader({ ...fast, pageSize: 4 });
    const first = await daily.read(crm(), { baseDir: '.', env });
    civi.purge(104);
    const soon = await daily.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(soon.rows.map((row) => row[0])).toContain('104');
    civi.requests.length = 0;
    const scanned = await new CiviCrmSourceReader({ ...fast, pageSize: 4, idScanEveryHours: 0 })
      .read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(scanned.rows.map((row) => row[0])).not.toContain('104');
    expect(contactCalls().filter((call) => JSON.stringify(call.select) === '["id"]')).toHaveLength(1);
  });

  it('reports a merged contact with its survivor, following merge chains', async () => {
    const { reader, first } = await start();
    civi.merge(102, 105);
    civi.merge(101, 102);
    const next = await reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(next.merged).toEqual({ 102: '101', 105: '101' });
    expect(next.rows.map((row) => row[0])).toEqual(['contact_id', '101', '103', '104', '106']);
  });

  it('follows a merge even when the loser was then deleted for good', async () => {
    const { reader, first } = await start();
    civi.merge(101, 105);
    civi.purge(105);
    const next = await reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) });
    expect(next.merged).toEqual({ 105: '101' });
  });

  it('removes nothing when the id scan fails part way, or sees no organizations at all', async () => {
    const { reader, first } = await start();
    civi.purge(104);
    civi.onRequest = (request) => {
      if (JSON.stringify(request.params.select) === '["id"]') civi.down = 500;
    };
    await expect(new CiviCrmSourceReader({ ...fast, pageSize: 4, idScanEveryHours: 0, retry: { ...fast.retry, retries: 1 } })
      .read(crm(), { baseDir: '.', env, previous: snapshot(first) })).rejects.toThrow(/HTTP 500/);
    civi.onRequest = undefined;
    civi.down = undefined;
    civi.permissions = civi.permissions.filter((permission) => permission !== 'view all contacts');
    await expect(reader.read(crm(), { baseDir: '.', env, previous: snapshot(first) }))
      .rejects.toThrow(/shows no organizations at all .*nothing was removed.*\*view all contacts\*/);
  });
});

describe('CiviCRM API v4 source: sites on every CMS', () => {
  for (const cms of ['drupal', 'backdrop', 'standalone', 'wordpress', 'joomla'] as const) {
    it(`finds the API on ${cms} from the base URL, and takes the documented end-point as given`, async () => {
      civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(3), cms });
      const reader = new CiviCrmSourceReader(fast);
      const fromBase = await reader.read(crm(`${civi.url}/`), { baseDir: '.', env });
      expect(fromBase.rows).toHaveLength(4);
      // Routes tried before the right one answered a web page (one request each), then the read itself.
      const tried = { drupal: 0, backdrop: 0, standalone: 0, wordpress: 1, joomla: 2 }[cms];
      expect(fromBase.requests).toBe(tried + 2);
      const again = await reader.read(crm(`${civi.url}/`), { baseDir: '.', env, previous: snapshot(fromBase) });
      expect(again.requests).toBe(1);
      const explicit = await reader.read(crm(`${civi.endpoint}/Contact/get`), { baseDir: '.', env });
      expect(explicit.rows).toEqual(fromBase.rows);
      expect(explicit.requests).toBe(2);
      expect(reader.linkTo(crm(`${civi.url}/`), 2, '101', fromBase.extra)).toContain(
        { drupal: '/civicrm/contact/view?', backdrop: '/civicrm/contact/view?', standalone: '/civicrm/contact/view?',
          wordpress: '/wp-admin/admin.php?page=CiviCRM&q=civicrm/contact/view&', joomla: '/administrator/index.php?option=com_civicrm&task=civicrm/contact/view&' }[cms]);
    });
  }
});

describe('CiviCRM API v4 source: errors people can act on', () => {
  it('says a web page answered instead of the API', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(1) });
    const reader = new CiviCrmSourceReader(fast);
    await expect(reader.read(crm(`${civi.url}/crm`), { baseDir: '.', env })).rejects.toThrow(
      'this address answered a web page, not the CiviCRM API: check the URL and that the API key\'s user has *access AJAX API*');
    civi.permissions = ['view all contacts', 'authenticate with api key'];
    await expect(reader.read(crm(civi.endpoint), { baseDir: '.', env })).rejects.toThrow(/answered a web page, not the CiviCRM API/);
  });

  it('explains a 401 for a wrong key, and a guard that wants the site key', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, siteKey: 'site-key', guards: ['site_key'], contacts: civicrmContacts(1) });
    const reader = new CiviCrmSourceReader(fast);
    await expect(reader.read(crm(), { baseDir: '.', env: { ...LOCAL, [civicrmKeyVariable('crm')]: 'wrong' } }))
      .rejects.toThrow(/HTTP 401: Invalid credential: CiviCRM refused the API key/);
    await expect(reader.read(crm(), { baseDir: '.', env })).rejects.toThrow(/Must satisfy guard \(site_key\).*CIVICRM_SITE_KEY_CRM/);
    const read = await reader.read(crm(), { baseDir: '.', env: { ...env, [civicrmSiteKeyVariable('crm')]: 'site-key' } });
    expect(read.rows).toHaveLength(2);
  });

  it('names the missing permission on a 403', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY, contacts: civicrmContacts(1), permissions: ['access AJAX API', 'authenticate with api key'] });
    await expect(new CiviCrmSourceReader(fast).read(crm(), { baseDir: '.', env }))
      .rejects.toThrow(/HTTP 403: .*give it \*access CiviCRM\* and \*view all contacts\*/);
  });

  it('names a column_map field the site does not have, and reads the ones it has', async () => {
    const contacts = civicrmContacts(2);
    for (const contact of contacts) contact.custom = { 'Network_info.Sector': 'food' };
    civi = await startMockCiviCrm({ apiKey: KEY, contacts, customFields: ['Network_info.Sector'] });
    const reader = new CiviCrmSourceReader(fast);
    await expect(reader.read(crm(undefined, { 'Network_info.Sectr': 'sector' }), { baseDir: '.', env }))
      .rejects.toThrow(/column_map names "Network_info.Sectr", which CiviCRM at .* has no Contact field for/);
    const read = await reader.read(crm(undefined, { 'Network_info.Sector': 'sector' }), { baseDir: '.', env });
    const result = validateRows(read.rows, { source: 'crm', country: 'US', overrides: { 'Network_info.Sector': 'sector' } });
    expect(result.records[0]?.values.sector).toBe('agriculture & food');
  });

  it('names the environment variable when the key is missing', async () => {
    civi = await startMockCiviCrm({ apiKey: KEY });
    await expect(new CiviCrmSourceReader(fast).read(crm(), { baseDir: '.', env: LOCAL })).rejects.toThrow(/CIVICRM_API_KEY_CRM/);
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
