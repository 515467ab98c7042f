import { civicrmContacts } from '../helpers/civicrm-data';
import { startMockCiviCrm, type MockCiviCrm, type Permission, FULL_PERMISSIONS } from './civicrm-server';

let civi: MockCiviCrm;
afterEach(async () => civi.close());

async function call(entity: string, action: string, params: object, headers: { [name: string]: string } = {})
  : Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${civi.endpoint}/${entity}/${action}`, {
    method: 'POST',
    headers: { 'X-Civi-Auth': 'Bearer k', 'X-Requested-With': 'XMLHttpRequest', ...headers },
    body: new URLSearchParams({ params: JSON.stringify(params) }),
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}
const values = async (entity: string, params: object): Promise<{ id: number }[]> =>
  (JSON.parse((await call(entity, 'get', params)).body) as { values: { id: number }[] }).values;

describe('mock CiviCRM, as civicrm-core answers', () => {
  it('leaves trashed contacts out unless the where names is_deleted or fetches by id, and only with the permission', async () => {
    civi = await startMockCiviCrm({ apiKey: 'k', contacts: civicrmContacts(2) });
    expect((await values('Contact', { select: ['id'] })).map((row) => row.id)).toEqual([101, 102, 9001]);
    expect((await values('Contact', { select: ['id'], where: [['is_deleted', '=', true]] })).map((row) => row.id)).toEqual([9002]);
    expect((await values('Contact', { select: ['id'], where: [['id', '=', 9002]] })).map((row) => row.id)).toEqual([9002]);
    civi.permissions = FULL_PERMISSIONS.filter((permission: Permission) => permission !== 'access deleted contacts');
    expect(await values('Contact', { select: ['id'], where: [['is_deleted', '=', true]] })).toEqual([]);
  });

  it('pages with limit and offset, and gives NOW() in the site zone', async () => {
    civi = await startMockCiviCrm({ apiKey: 'k', contacts: civicrmContacts(5), timeZone: 'Asia/Kolkata',
      now: () => new Date('2026-01-01T00:00:00Z') });
    const page = await values('Contact', { select: ['id', 'NOW() AS now'], limit: 2, offset: 2, where: [['contact_type', '=', 'Organization']] });
    expect(page).toEqual([{ id: 103, now: '2026-01-01 05:30:00' }, { id: 104, now: '2026-01-01 05:30:00' }]);
  });

  it('answers unknown entities and fields with a 500 whose message only debug users see', async () => {
    civi = await startMockCiviCrm({ apiKey: 'k', contacts: civicrmContacts(1) });
    const unknown = await call('Nope', 'get', {});
    expect(unknown.status).toBe(500);
    expect(JSON.parse(unknown.body)).toMatchObject({ error_code: '1', status: 500,
      error_message: expect.stringMatching(/^Sorry an error occurred and your request was not completed\. \(Error ID: /) });
    civi.permissions = [...FULL_PERMISSIONS, 'view debug output'];
    expect(JSON.parse((await call('Nope', 'get', {})).body).error_message).toMatch(/API \(Nope, get\) does not exist/);
    expect(JSON.parse((await call('Contact', 'get', { where: [['nope', '=', 1]] })).body).error_message).toMatch(/Invalid field 'nope'/);
  });

  it('answers authx failures with a 401 in plain text, and an unknown route with an HTML page and 200', async () => {
    civi = await startMockCiviCrm({ apiKey: 'k', contacts: civicrmContacts(1) });
    expect(await call('Contact', 'get', {}, { 'X-Civi-Auth': 'Bearer bad' })).toMatchObject({ status: 401, body: 'HTTP 401 Invalid credential' });
    const page = await fetch(`${civi.url}/civicrm/ajax/api3/Contact/get`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });
});
