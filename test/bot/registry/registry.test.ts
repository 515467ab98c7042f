import { readRegistry, REGISTRY_COLUMNS } from '../../../bot/src/registry/registry';

const header = [...REGISTRY_COLUMNS];
const good = ['crm', 'Network CRM', 'civicrm', 'https://crm.example.org', '', 'Net', 'a@b.org', 'Signed', '2025-01-01', 'ODbL', 'Net', 'us',
  'Org Name=name; Zip=postal_code', ''];

describe('registry', () => {
  it('reads a row into a Source with its agreement and overrides', () => {
    const { entries, problems } = readRegistry([header, good]);
    expect(problems).toEqual([]);
    expect(entries[0]).toMatchObject({ key: 'crm', kind: 'civicrm', agreement: 'signed', country: 'US', active: true,
      columnMap: { 'Org Name': 'name', Zip: 'postal_code' }, row: 2 });
  });

  it('reports each bad cell with its row and keeps the good rows', () => {
    const bad = ['x y', '', 'excel', '', '', '', '', 'maybe', 'May 1', '', '', 'USA', 'Thing', 'sometimes'];
    const { entries, problems } = readRegistry([header, bad, good]);
    expect(entries.map((entry) => entry.key)).toEqual(['crm']);
    const messages = problems.map((problem) => `${problem.row} ${problem.message}`);
    for (const text of ['2 key', '2 name', '2 kind', '2 location', '2 agreement', '2 agreement_date', '2 country', '2 active']) {
      expect(messages.some((message) => message.startsWith(text))).toBe(true);
    }
  });

  it('rejects a registry that lacks columns, naming them', () => {
    const { problems } = readRegistry([['key', 'name']]);
    expect(problems[0]?.message).toMatch(/missing column\(s\): kind, location/);
  });

  it('flags duplicate keys and unknown column_map fields', () => {
    const other = [...good];
    other[0] = 'crm2';
    other[12] = 'Thing=nonsense';
    const { problems } = readRegistry([header, good, good, other]);
    expect(problems.map((problem) => problem.message)).toEqual(expect.arrayContaining([
      'key "crm" is used by an earlier row', 'column_map: "nonsense" is not a field key']));
  });

  it('treats blank active as yes and no as inactive; blank agreement as none', () => {
    const inactive = [...good];
    inactive[0] = 'off';
    inactive[13] = 'no';
    inactive[7] = '';
    const { entries } = readRegistry([header, inactive]);
    expect(entries[0]).toMatchObject({ active: false, agreement: 'none' });
  });
});
