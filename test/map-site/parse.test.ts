import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseData } from '../../map-site/src/data/parse';
import { readFixture } from './helpers/fixture';
import { failure } from './helpers/parse-failure';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', 'map', name), 'utf8');

describe('parseData', () => {
  it('ignores blank lines in a CSV', () => {
    const dataset = parseData('name,latitude,longitude\r\nAcme,41.8,-87.6\r\n\r\n,,\r\nZeta,41.9,-87.7\r\n');
    expect(dataset.listings.map((listing) => listing.properties.name)).toEqual(['Acme', 'Zeta']);
  });

  it('reads the published GeoJSON with its attribution member', () => {
    const dataset = parseData(readFixture().text);
    expect(dataset.listings).toHaveLength(20);
    expect(dataset.title).toBe('Cooperatives of the test network');
    expect(dataset.sources.map((source) => source.key)).toEqual(['chi', 'nyc', 'bay']);
    expect(dataset.unplaced).toBe(0);
    const first = dataset.listings[0];
    expect(first?.position).toEqual([41.8781, -87.6298]);
    expect(first?.properties.name).toBe('Sunrise Bakery Cooperative');
    expect(dataset.columns.slice(0, 2)).toEqual(['dcc_id', 'name']);
  });

  it('keeps listings with unusable coordinates, unplaced and counted', () => {
    const dataset = parseData(fixture('bad-coordinates.geojson'));
    expect(dataset.listings).toHaveLength(5);
    expect(dataset.unplaced).toBe(3);
    expect(dataset.listings.filter((listing) => listing.position === null).map((listing) => listing.properties.name))
      .toEqual(['Latitude Out Of Range', 'No Geometry At All', 'Text Coordinates']);
  });

  it('drops private fields even from a GeoJSON file that carries them', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature',
      geometry: { type: 'Point', coordinates: [-90, 40] },
      properties: { name: 'Open Co-op', contact_email: 'boss@example.coop', notes: 'owes dues', city: 'Peoria' } }] });
    expect(parseData(text).listings[0]?.properties).toEqual({ name: 'Open Co-op', city: 'Peoria' });
  });

  it('treats 0,0 as a failed geocode rather than a place', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { name: 'Null Island' } }] });
    expect(parseData(text).unplaced).toBe(1);
  });

  it('survives features without properties or names', () => {
    const dataset = parseData(fixture('missing-fields.geojson'));
    expect(dataset.listings).toHaveLength(4);
    expect(dataset.listings[1]?.properties).toEqual({});
    expect(dataset.unplaced).toBe(0);
  });

  it('reads the CSV form, including rows without coordinates', () => {
    const dataset = parseData(fixture('master.csv'));
    expect(dataset.listings).toHaveLength(7);
    expect(dataset.unplaced).toBe(1);
    expect(dataset.listings[2]?.properties.org_type).toBe('collective; worker cooperative');
    expect(dataset.columns).not.toContain('latitude');
  });

  it('maps a published sheet\'s labels and aliases to field keys', () => {
    const dataset = parseData('Organization name,Town,Lat,Lng\r\nRiver Co-op,Dubuque,42.5,-90.66\r\n');
    expect(dataset.listings[0]?.properties).toEqual({ name: 'River Co-op', city: 'Dubuque' });
    expect(dataset.listings[0]?.position).toEqual([42.5, -90.66]);
  });

  it('never shows private fields, (private) columns or unknown columns of a published sheet', () => {
    const csv = 'Name,Contact email,Internal notes,(Board phone),Favourite colour,dcc_id\r\n'
      + 'River Co-op,boss@example.coop,owes dues,555-0100,teal,dcc-1\r\n';
    expect(parseData(csv).listings[0]?.properties).toEqual({ name: 'River Co-op', dcc_id: 'dcc-1' });
  });

  it.each([
    ['an empty file', '', 'empty'],
    ['whitespace only', ' \n\n ', 'empty'],
    ['broken JSON', '{"type": "FeatureCollection", "features": [', 'format'],
    ['JSON that is not a FeatureCollection', '{"hello": "world"}', 'format'],
    ['a bare array', '[1, 2, 3]', 'format'],
    ['a sign-in page', fixture('not-json.geojson'), 'format'],
    ['binary bytes', '\u0000\u0001\u0002PK', 'format'],
  ])('rejects %s with a visitor-readable message', (_name, text, code) => {
    const error = failure(text);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^The data/);
  });

  it('reads 50,000 features', () => {
    const features = Array.from({ length: 50_000 }, (_, i) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [-120 + (i % 500) / 10, 30 + i / 5000] },
      properties: { dcc_id: `x${i}`, name: `Listing ${i}`, org_type: 'worker cooperative' },
    }));
    const dataset = parseData(JSON.stringify({ type: 'FeatureCollection', features }));
    expect(dataset.listings).toHaveLength(50_000);
    expect(dataset.unplaced).toBe(0);
  });
});
