import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { readTable, useBasicFixture } from '../helpers/fixture-dir';

const basic = useBasicFixture();

describe('aggregate over CSV sources', () => {
  it('merges the same organization across sources into one master row listing every member', async () => {
    const result = await runAggregate(basic.options);
    const master = readTable(join(basic.work.out, 'workbook', 'master.csv'));
    const bread = master.filter((row) => row.name?.startsWith('Bronzeville'));
    expect(bread).toHaveLength(1);
    expect(bread[0]?.members?.split(';').sort()).toEqual(['a:a1', 'b:2']);
    expect(bread[0]?.sources).toBe('a;b');
    expect(result.mergedRecords).toBe(2);
    expect(result.run.status).toBe('ok');
  });

  it('reports rows held back by errors per source and keeps them out of the master', async () => {
    const result = await runAggregate(basic.options);
    const a = result.sources.find((source) => source.key === 'a');
    expect(a?.heldBack).toBe(1);
    expect(a?.problems.join('\n')).toMatch(/row 4/);
    const master = readTable(join(basic.work.out, 'workbook', 'master.csv'));
    expect(master.some((row) => row.members?.includes('a:4'))).toBe(false);
  });

  it('aggregates unsigned sources for review but publishes nothing from them, and says so', async () => {
    const result = await runAggregate(basic.options);
    expect(result.heldBackSources).toEqual(['c']);
    const master = readTable(join(basic.work.out, 'workbook', 'master.csv'));
    const couriers = master.find((row) => row.name === 'Rogers Park Bike Couriers');
    expect(couriers?.publishable).toBe('no');
    const published = readTable(join(basic.work.out, 'public', 'master.csv'));
    expect(published.some((row) => row.name === 'Rogers Park Bike Couriers')).toBe(false);
    // Hyde Park is in b (signed) and c (pending): published, with values only from b.
    const hydePark = published.find((row) => row.name?.startsWith('Hyde Park'));
    expect(hydePark?.name).toBe('Hyde Park Produce Cooperative');
    expect(hydePark?.sources).toBe('b');
  });

  it('skips inactive sources without reading them', async () => {
    const result = await runAggregate(basic.options);
    expect(result.sources.find((source) => source.key === 'off')?.state).toBe('inactive');
    expect(result.run.errors).toEqual([]);
  });

  it('never publishes private fields, (x) columns or ((…)) text', async () => {
    await runAggregate(basic.options);
    const files = ['master.csv', 'master.geojson', 'master.json'].map((file) => readFileSync(join(basic.work.out, 'public', file), 'utf8'));
    for (const text of files) {
      expect(text).not.toMatch(/Ana Ruiz|call back|vote pending|contact_name|notes/);
    }
    expect(readFileSync(join(basic.work.out, 'workbook', 'master.csv'), 'utf8')).not.toMatch(/Ana Ruiz|call back|vote pending/);
  });

  it('writes the public master.csv formula-safe with the public columns by key', async () => {
    await runAggregate(basic.options);
    const text = readFileSync(join(basic.work.out, 'public', 'master.csv'), 'utf8');
    const header = text.split('\r\n')[0]?.split(',');
    expect(header?.slice(0, 3)).toEqual(['dcc_id', 'name', 'street']);
    expect(header?.slice(-2)).toEqual(['sources', 'updated_at']);
    expect(header).not.toContain('contact_name');
    expect(text).toContain(`"'=HYPERLINK(`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('publishes GeoJSON points with the public columns and the dcc foreign member', async () => {
    await runAggregate(basic.options);
    const geojson = JSON.parse(readFileSync(join(basic.work.out, 'public', 'master.geojson'), 'utf8')) as {
      type: string; features: { geometry: { coordinates: number[] }; properties: { [key: string]: string } }[];
      dcc: { generated_at: string; sources: { key: string; name: string; attribution: string; license: string }[] };
    };
    expect(geojson.type).toBe('FeatureCollection');
    const bread = geojson.features.find((feature) => feature.properties.name?.startsWith('Bronzeville'));
    expect(bread?.geometry.coordinates).toEqual([-87.6064, 41.816]);
    expect(bread?.properties).toMatchObject({ sources: 'a;b', dcc_id: expect.stringMatching(/^dcc-\d+$/) });
    expect(bread?.properties.updated_at).toMatch(/^2026-/);
    expect(geojson.dcc.sources.map((source) => source.key)).toEqual(['a', 'b']);
    expect(geojson.dcc.sources[0]).toEqual({ key: 'a', name: 'Alpha Network', attribution: 'Alpha Network', license: 'CC BY 4.0' });
  });

  it('places rows without coordinates by their ZIP code', async () => {
    const result = await runAggregate(basic.options);
    expect(result.geocoded).toBeGreaterThan(0);
    const published = readTable(join(basic.work.out, 'public', 'master.csv'));
    const pilsen = published.find((row) => row.name === 'Pilsen Print Collective');
    expect(Number(pilsen?.latitude)).toBeCloseTo(41.85, 1);
  });

  it('writes Murmurations organization profiles', async () => {
    await runAggregate(basic.options);
    const profiles = JSON.parse(readFileSync(join(basic.work.out, 'public', 'master.json'), 'utf8')) as { [key: string]: unknown }[];
    const bread = profiles.find((profile) => String(profile.name).startsWith('Bronzeville'));
    expect(bread).toMatchObject({
      linked_schemas: ['organizations_schema-v1.0.0'], primary_url: 'https://bronzevillebread.coop', locality: 'Chicago',
      region: 'IL', geolocation: { lat: 41.816, lon: -87.6064 },
    });
  });

  it('appends one Runs row per run, and a dry run writes nothing', async () => {
    await runAggregate(basic.options);
    const before = readFileSync(join(basic.work.out, 'workbook', 'master.csv'), 'utf8');
    writeFileSync(join(basic.work.dir, 'a.csv'), readFileSync(join(basic.work.dir, 'a.csv'), 'utf8').replace('Pilsen Print Collective', 'Pilsen Print Co-op'));
    const dry = await runAggregate({ ...basic.options, dryRun: true });
    expect(dry.run.status).toBe('dry-run');
    expect(readFileSync(join(basic.work.out, 'workbook', 'master.csv'), 'utf8')).toBe(before);
    await runAggregate(basic.options);
    expect(readTable(join(basic.work.out, 'workbook', 'runs.csv'))).toHaveLength(2);
  });
});
