import { parseCsv } from '../../shared/read/csv';
import { parseData } from '../../map-site/src/data/parse';
import { listingsToCsv, listingsToGeoJson } from '../../map-site/src/export/download';
import { readFixture } from './helpers/fixture';

const dataset = parseData(readFixture().text);

describe('downloads', () => {
  it('writes CSV with the published columns plus coordinates', () => {
    const rows = parseCsv(listingsToCsv(dataset, dataset.listings.slice(0, 2)));
    expect(rows[0]?.slice(0, 3)).toEqual(['dcc_id', 'name', 'street']);
    expect(rows[0]?.slice(-2)).toEqual(['latitude', 'longitude']);
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(-2)).toEqual(['41.8781', '-87.6298']);
  });

  it('writes coordinates once even when the properties carry them too', () => {
    const withCoordinates = parseData(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature',
      geometry: { type: 'Point', coordinates: [-90.5, 40.25] }, properties: { name: 'A', latitude: '40.25', longitude: '-90.5' } }] }));
    expect(parseCsv(listingsToCsv(withCoordinates, withCoordinates.listings))).toEqual([
      ['name', 'latitude', 'longitude'], ['A', '40.25', '-90.5']]);
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    const hostile = dataset.listings.filter((listing) => listing.properties.name?.startsWith('='));
    const rows = parseCsv(listingsToCsv(dataset, hostile));
    const header = rows[0] ?? [];
    const row = rows[1] ?? [];
    expect(row[header.indexOf('name')]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(row[header.indexOf('description')]).toBe('\'+1 formula-looking description');
    expect(row[header.indexOf('longitude')]).toBe('-87.64');
  });

  it('writes GeoJSON that reads back with the same listings and attribution', () => {
    const back = parseData(listingsToGeoJson(dataset, dataset.listings.slice(5, 9)));
    expect(back.listings.map((listing) => listing.properties)).toEqual(dataset.listings.slice(5, 9).map((l) => l.properties));
    expect(back.listings.map((listing) => listing.position)).toEqual(dataset.listings.slice(5, 9).map((l) => l.position));
    expect(back.sources).toEqual(dataset.sources);
  });
});
