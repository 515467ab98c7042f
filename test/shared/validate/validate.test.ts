import fc from 'fast-check';
import { FIELDS } from '../../../shared/schema/fields';
import { validateRows } from '../../../shared/validate';

const now = new Date('2026-06-01T00:00:00Z');
const header = ['Name', 'Address', 'City', 'State', 'Zip', 'Phone', 'Website', 'Type', 'Lat', 'Lng', 'Workers', 'Worker owners'];
const row = (cells: Partial<Record<string, string>>): string[] => header.map((column) => cells[column] ?? '');

describe('validateRows', () => {
  it('finds nothing wrong with a tidy row', () => {
    const result = validateRows([header, row({ Name: 'River Co-op', Address: '1 Main St', City: 'Chicago', State: 'IL',
      Zip: '60615', Phone: '312-555-0142', Website: 'river.coop', Type: 'worker cooperative', Lat: '41.8', Lng: '-87.6' })], { now });
    expect(result.findings).toEqual([]);
    expect(result.records[0]?.values).toMatchObject({ phone: '+13125550142', website: 'https://river.coop', state: 'IL' });
  });

  it('holds back a row without a name as an error, pointing at the name cell', () => {
    const result = validateRows([header, row({ City: 'Chicago', State: 'IL' })], { now });
    expect(result.findings).toEqual([expect.objectContaining({ row: 2, column: 1, field: 'name', severity: 'error', code: 'name_missing' })]);
    expect(result.blocked.size).toBe(1);
  });

  it('holds back a row whose name is only ((private)) text, since the listing would be nameless', () => {
    const result = validateRows([header, row({ Name: '((Ana\'s home kitchen))', City: 'Chicago', State: 'IL', Zip: '60615', Type: 'union' })], { now });
    expect(result.findings).toEqual([expect.objectContaining({ field: 'name', severity: 'error', code: 'name_private' })]);
    expect(result.blocked.size).toBe(1);
  });

  it('warns about an unclosed "((" and keeps the rest of the cell private', () => {
    const result = validateRows([header, row({ Name: 'River Co-op ((ask Ana', City: 'Chicago', State: 'IL', Zip: '60615', Type: 'union' })], { now });
    expect(result.findings).toEqual([expect.objectContaining({ field: 'name', column: 1, severity: 'warning', code: 'private_text_unclosed' })]);
    expect(result.blocked.size).toBe(0);
  });

  it('keeps a row with a bad phone, unpublished value, as a warning', () => {
    const result = validateRows([header, row({ Name: 'Acme', City: 'Chicago', State: 'IL', Phone: 'call us', Type: 'union' })], { now });
    expect(result.findings.map((item) => [item.code, item.severity])).toEqual([['phone_invalid', 'warning']]);
    expect(result.blocked.size).toBe(0);
    expect(result.records[0]?.values.phone).toBeUndefined();
  });

  it('warns when a listing cannot be placed on the map', () => {
    const result = validateRows([header, row({ Name: 'Acme', Address: '1 Main St', Type: 'union' })], { now });
    expect(result.findings.map((item) => item.code)).toEqual(['not_on_map']);
  });

  it('detects swapped coordinates and offers both fixes', () => {
    const result = validateRows([header, row({ Name: 'Acme', City: 'Chicago', State: 'IL', Lat: '-87.6', Lng: '41.8', Type: 'union' })], { now });
    const swapped = result.findings.filter((item) => item.code === 'coordinates_swapped');
    expect(swapped.map((item) => [item.field, item.fix])).toEqual([['latitude', '41.8'], ['longitude', '-87.6']]);
    expect(result.records[0]?.values.latitude).toBeUndefined();
  });

  it('checks worker-owners against workers', () => {
    const result = validateRows([header, row({ Name: 'Acme', City: 'X', State: 'IL', Workers: '5', 'Worker owners': '9', Type: 'union' })], { now });
    expect(result.findings.map((item) => item.code)).toEqual(['worker_owners_exceed_workers']);
  });

  it('does not treat a closed organization as an error', () => {
    const result = validateRows([['Name', 'City', 'State', 'Status'], ['Acme', 'X', 'IL', 'closed']], { now });
    expect(result.findings.filter((item) => item.severity === 'error')).toEqual([]);
  });

  it('reports a row of placeholders once, as an error', () => {
    const result = validateRows([header, row({ Name: 'n/a', Address: '-', City: '#REF!' })], { now });
    expect(result.findings).toEqual([expect.objectContaining({ code: 'row_junk', severity: 'error' })]);
  });

  it('warns on an empty recommended field only when its column exists', () => {
    const withType = validateRows([header, row({ Name: 'Acme', City: 'X', State: 'IL' })], { now });
    expect(withType.findings.map((item) => item.code)).toEqual(['org_type_missing']);
    const without = validateRows([['Name', 'City', 'State'], ['Acme', 'X', 'IL']], { now });
    expect(without.findings.map((item) => item.code)).toEqual(['recommended_column_missing']);
  });
});

describe('validateRows on hostile sheets', () => {
  const hostileCell = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom('=cmd|\' /C calc\'!A0', '<img src=x onerror=alert(1)>', '\u0000\u0007\u001b', '((secret))', '#REF!', '😀🏳️‍🌈', 'n/a'),
    fc.string({ minLength: 5000, maxLength: 6000 }),
  );

  it('never throws and gives every unusable cell a finding', () => {
    const labels = FIELDS.map((def) => def.label);
    fc.assert(fc.property(fc.array(fc.array(hostileCell, { maxLength: labels.length }), { maxLength: 15 }), (body) => {
      const result = validateRows([labels, ...body], { now });
      for (const record of result.records) {
        const flagged = new Set(result.findings.filter((item) => item.row === record.row).map((item) => item.field));
        if (result.findings.some((item) => item.row === record.row && item.code === 'row_junk')) continue;
        // Every field present in the row but left out of the publishable values was reported.
        const rawFields = new Set(Object.keys(result.records.find((other) => other.id === record.id)?.values ?? {}));
        for (const def of FIELDS) {
          const raw = body[record.row - 2]?.[FIELDS.indexOf(def)]?.trim();
          if (raw && !rawFields.has(def.key) && !/^[\s\u0000-\u001f\u007f\u200b-\u200d\u2028\u2029\ufeff]*$/.test(raw)) {
            expect(flagged.has(def.key)).toBe(true);
          }
        }
      }
    }), { numRuns: 150 });
  });

  it('handles 10,000 columns and 5,000-character cells', () => {
    const wide = [['Name', ...Array.from({ length: 10000 }, (_, index) => `c${index}`)], ['A', ...Array.from({ length: 10000 }, () => 'x'.repeat(10))]];
    expect(validateRows(wide, { now }).records[0]?.values.name).toBe('A');
    const long = validateRows([['Name', 'Description'], ['x'.repeat(5000), 'y'.repeat(5000)]], { now });
    expect(long.findings.map((item) => item.code).sort()).toEqual(['description_too_long', 'name_too_long', 'not_on_map', 'recommended_column_missing']);
  });
});

describe('one-line addresses', () => {
  it('splits a whole address into the empty address fields and shows the member how', () => {
    const result = validateRows([['Name', 'Address', 'Type'], ['Acme', '221 E. 51st St. Chicago IL 60615', 'union']], { now });
    expect(result.records[0]?.values).toMatchObject({ street: '221 E. 51st St.', city: 'Chicago', state: 'IL', postal_code: '60615' });
    const finding = result.findings.find((item) => item.code === 'address_one_line');
    expect(finding).toMatchObject({ column: 2, severity: 'warning', fix: '221 E. 51st St.' });
    expect(finding?.message).toContain('"Chicago" in City');
    expect(result.findings.map((item) => item.code)).not.toContain('not_on_map');
  });

  it('leaves a plain street line alone', () => {
    const result = validateRows([['Name', 'Address', 'City', 'State', 'Type'], ['Acme', '221 E 51st St', 'Chicago', 'IL', 'union']], { now });
    expect(result.findings).toEqual([]);
  });
});
