import { publicCsvRows, publicValues, toFeatureCollection, toMurmurationsProfile, type PublishRow } from '../../../shared/publish';

const row: PublishRow = {
  dcc_id: 'dcc-000001',
  values: { name: 'Bread Co-op ((ask about the loan))', contact_name: 'Ana', notes: 'secret', latitude: '41.8', longitude: '-87.6',
    website: 'https://bread.coop', social_links: 'https://www.instagram.com/bread', org_type: 'worker cooperative', sector: 'retail & grocery' },
  sources: ['a', 'b'],
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('publish builders', () => {
  it('publishes no private text from nested or unclosed asides', () => {
    const values = publicValues({ name: 'Bread Co-op', description: 'Ovens ((a ((b)) SECRET-TAIL)) daily', street: '1 Main St ((back door' });
    expect(values).toEqual({ name: 'Bread Co-op', description: 'Ovens daily', street: '1 Main St' });
  });
  it('let only public fields through, without ((…)) asides', () => {
    expect(publicValues(row.values)).toEqual(expect.not.objectContaining({ contact_name: expect.anything(), notes: expect.anything() }));
    expect(publicValues(row.values).name).toBe('Bread Co-op');
  });

  it('build master.csv rows: dcc_id, public fields by key, sources, updated_at', () => {
    const [header, first] = publicCsvRows([row]);
    expect(header?.[0]).toBe('dcc_id');
    expect(header?.slice(-2)).toEqual(['sources', 'updated_at']);
    expect(header).not.toContain('notes');
    expect(first?.[header?.indexOf('sources') ?? -1]).toBe('a;b');
  });

  it('build GeoJSON points only for rows with valid coordinates', () => {
    const collection = toFeatureCollection([row, { ...row, dcc_id: 'dcc-000002', values: { name: 'No point' } },
      { ...row, dcc_id: 'dcc-000003', values: { name: 'Bad', latitude: '200', longitude: '0' } }],
    { generatedAt: 'now', sources: [{ key: 'a', name: 'A', attribution: 'A net', license: 'CC BY 4.0' }] });
    expect(collection.features.map((feature) => feature.id)).toEqual(['dcc-000001']);
    expect(collection.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [-87.6, 41.8] });
    expect(collection.features[0]?.properties).toMatchObject({ dcc_id: 'dcc-000001', sources: 'a;b', updated_at: row.updated_at });
    expect(collection.dcc).toEqual({ generated_at: 'now', sources: [{ key: 'a', name: 'A', attribution: 'A net', license: 'CC BY 4.0' }] });
  });

  it('build Murmurations organization profiles', () => {
    expect(toMurmurationsProfile(row)).toEqual({
      linked_schemas: ['organizations_schema-v1.0.0'], name: 'Bread Co-op', primary_url: 'https://bread.coop',
      urls: [{ name: 'Website', url: 'https://bread.coop' }, { name: 'instagram.com', url: 'https://www.instagram.com/bread' }],
      geolocation: { lat: 41.8, lon: -87.6 }, tags: ['worker cooperative', 'retail & grocery'], unique_id: 'dcc-000001',
    });
  });
});
