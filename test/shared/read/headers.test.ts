import { FIELDS } from '../../../shared/schema/fields';
import { headerKey, mapHeaders } from '../../../shared/read/headers';

describe('mapHeaders', () => {
  it('maps aliases ignoring case, spacing and punctuation', () => {
    const mapping = mapHeaders(['ORGANIZATION NAME', 'e-mail', ' Zip Code ', 'City/Town', 'geo_code_1', 'Lng']);
    expect(mapping.columns.map((column) => column.field)).toEqual(['name', 'email', 'postal_code', 'city', 'latitude', 'longitude']);
  });

  it('reports unknown columns, keeps them and suggests the closest field', () => {
    const mapping = mapHeaders(['Name', 'Websit', 'Favourite colour']);
    const unknown = mapping.findings.filter((item) => item.code === 'column_unknown');
    expect(unknown.map((item) => item.field)).toEqual(['Websit', 'Favourite colour']);
    expect(unknown[0]?.fix).toBe('Website');
    expect(unknown[1]?.fix).toBeUndefined();
    expect(mapping.columns).toHaveLength(3);
  });

  it('uses the first of two columns for the same field and reports the second', () => {
    const mapping = mapHeaders(['Name', 'Phone', 'Telephone']);
    expect(mapping.byField.get('phone')).toBe(1);
    const duplicate = mapping.findings.find((item) => item.code === 'column_duplicate');
    expect(duplicate?.message).toMatch(/B \("Phone"\) and C \("Telephone"\)/);
    expect(duplicate?.column).toBe(3);
  });

  it('reports a missing name column as an error for the whole sheet', () => {
    const mapping = mapHeaders(['City', 'State']);
    const missing = mapping.findings.find((item) => item.code === 'required_column_missing');
    expect(missing).toMatchObject({ row: 0, field: 'name', severity: 'error' });
  });

  it('applies per-source overrides before aliases', () => {
    const mapping = mapHeaders(['Site name', 'Location'], { 'Site name': 'name', location: 'street' });
    expect(mapping.columns.map((column) => column.field)).toEqual(['name', 'street']);
  });

  it('reports an override that names no field', () => {
    const mapping = mapHeaders(['Name'], { Foo: 'no_such_field' });
    expect(mapping.findings.some((item) => item.code === 'override_unknown_field')).toBe(true);
  });

  it('treats a (parenthesized) header as private whatever its name', () => {
    const mapping = mapHeaders(['Name', '(Phone)', '(notes)']);
    expect(mapping.columns[1]?.private).toBe(true);
    expect(mapping.columns[1]?.field).toBeUndefined();
    expect(mapping.byField.has('phone')).toBe(false);
  });

  it('gives no alias to two fields', () => {
    const owner = new Map<string, string>();
    for (const def of FIELDS) {
      for (const name of [def.key, def.label, ...def.aliases]) {
        const key = headerKey(name);
        const other = owner.get(key);
        if (other && other !== def.key) throw new Error(`"${name}" is an alias of both ${other} and ${def.key}`);
        owner.set(key, def.key);
      }
    }
  });

  it('survives 10,000 columns of hostile headers', () => {
    const headers = Array.from({ length: 10000 }, (_, index) => (index % 3 ? `=cmd|' /C calc'!A${index}` : `<b>${'x'.repeat(index % 50)}</b>`));
    const mapping = mapHeaders(['Name', ...headers]);
    expect(mapping.columns).toHaveLength(10001);
    expect(mapping.byField.get('name')).toBe(0);
  });
});
