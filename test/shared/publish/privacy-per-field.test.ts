import { FIELDS } from '../../../shared/schema';
import { publicCsvRows, publicValues, toFeatureCollection, toMurmurationsProfile, type PublishRow } from '../../../shared/publish';

// One case per private field, each leaking alone: a test that sets every private field at once
// passes as long as any one of them is filtered, which says nothing about the others.
const PRIVATE_KEYS = FIELDS.filter((def) => def.visibility === 'private').map((def) => def.key);

function rowWith(key: string, secret: string): PublishRow {
  return {
    dcc_id: 'dcc-000001',
    values: { name: 'Bread Co-op', latitude: '41.8', longitude: '-87.6', website: 'https://bread.coop', [key]: secret },
    sources: ['a'],
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

function everyPublishedText(row: PublishRow): string {
  const collection = toFeatureCollection([row], { generatedAt: 'now', sources: [] });
  return [
    JSON.stringify(publicValues(row.values)),
    JSON.stringify(publicCsvRows([row])),
    JSON.stringify(collection),
    JSON.stringify(toMurmurationsProfile(row)),
  ].join('\n');
}

describe('every private field is kept out of every published file on its own', () => {
  it('the schema has private fields to test', () => {
    expect(PRIVATE_KEYS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(PRIVATE_KEYS)('%s alone never reaches master.csv, master.geojson or a Murmurations profile', (key) => {
    const secret = `SECRET-${key.toUpperCase()}-7f3a`;
    const row = rowWith(key, secret);
    // The row must still be published, or the test would pass by publishing nothing.
    expect(everyPublishedText(row)).toContain('Bread Co-op');
    expect(everyPublishedText(row)).not.toContain(secret);
  });

  it.each(FIELDS.filter((def) => def.visibility === 'public').map((def) => def.key))(
    'a ((…)) aside in the public field %s is cut out of every published file', (key) => {
      const base = rowWith('notes', '');
      const row: PublishRow = { ...base, values: { ...base.values, [key]: `${base.values[key] ?? 'x'} ((ASIDE-${key}))` } };
      expect(everyPublishedText(row)).not.toContain(`ASIDE-${key}`);
    });
});
