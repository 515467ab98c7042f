/**
 * The map's published format (shared/publish/map-data.ts → map-site/src/data/columns.ts): what the
 * site reads from master.map.json plus master.map-details.json is what it reads from the GeoJSON;
 * hostile or damaged files give strings or a clear DataError, never code, prototypes or a crash;
 * and the publish step writes the files with compressed copies a server can send as they are.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { toMapData, type DccFeatureCollection } from '../../shared/publish';
import {
  CODE_OFFSET, codeChar, decodePosition, encodePositions, frontCode, frontDecode, MAP_DATA_VERSION, MAX_CHAR_CODES, POSITION_DIGITS,
} from '../../shared/publish/map-data';
import { writeMapFiles } from '../../bot/src/jobs/stages/publish-map';
import { attachDetails, datasetOf, decodeMapData, decodeMapDetails } from '../../map-site/src/data/columns';
import { cellsOf } from '../../map-site/src/data/listing';
import { FacetIndex } from '../../map-site/src/state/filters';
import { parseData } from '../../map-site/src/data/parse';
import type { Dataset } from '../../map-site/src/data/listing';
import { readFixture } from './helpers/fixture';
import { failure } from './helpers/parse-failure';
import { makeTempDir } from '../helpers/temp-dir';

const collection = JSON.parse(readFixture().text) as DccFeatureCollection;

/** Both files as the site reads them: the map file parsed, then the details attached. */
function readBoth(source: DccFeatureCollection): Dataset {
  const { map, details } = toMapData(source);
  const dataset = parseData(JSON.stringify(map), 'https://example.org/data/master.map.json');
  const columns = decodeMapDetails(JSON.parse(JSON.stringify(details)), { count: map.count, generatedAt: map.generated_at });
  if (!columns) throw new Error('details not accepted');
  attachDetails(dataset, columns);
  return dataset;
}

const byId = (dataset: Dataset): Map<string, { properties: object; position: readonly [number, number] | null }> =>
  new Map(dataset.listings.map((listing) => [listing.properties.dcc_id ?? '', { properties: { ...listing.properties }, position: listing.position }]));

describe('the map format', () => {
  it('round-trips the published GeoJSON: same listings, properties and positions (to 1e-5 degrees)', () => {
    const fromGeoJson = byId(parseData(readFixture().text));
    const fromMap = readBoth(collection);
    expect(fromMap.listings).toHaveLength(fromGeoJson.size);
    for (const [id, expected] of byId(fromMap)) {
      const original = fromGeoJson.get(id);
      expect(expected.properties).toEqual(original?.properties);
      expect(expected.position?.[0]).toBeCloseTo(original?.position?.[0] ?? NaN, 5);
      expect(expected.position?.[1]).toBeCloseTo(original?.position?.[1] ?? NaN, 5);
    }
    expect(fromMap.sources.map((source) => source.key)).toEqual(['chi', 'nyc', 'bay']);
    // Downloads keep the publication's column order, dcc_id first, though dcc_id travels with the details.
    expect(fromMap.columns).toEqual(parseData(readFixture().text).columns);
  });

  it('lists rows in the order the site shows them (lower-cased name), and leaves details out of the first file', () => {
    const { map } = toMapData(collection);
    const dataset = parseData(JSON.stringify(map));
    const names = dataset.listings.map((listing) => (listing.properties.name ?? '').toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(Object.keys(map.columns)).not.toContain('description');
    expect(Object.keys(map.columns)).not.toContain('dcc_id');
    expect(dataset.listings[0]?.properties.description).toBeUndefined();
  });

  it('writes dictionary codes one character per row and reads them back, past the surrogate range', () => {
    const { map } = toMapData(collection);
    const status = map.columns.status as { dict: string[]; codes: unknown };
    expect(typeof status.codes).toBe('string');
    expect((status.codes as string).length).toBe(map.count);
    // A dictionary as large as one character per row allows; codes either side of the surrogates, and a lone surrogate.
    const dict = Array.from({ length: MAX_CHAR_CODES }, (_, i) => `v${i}`);
    const wanted = [0, 0xd7ff - CODE_OFFSET, 0xd800 - CODE_OFFSET, MAX_CHAR_CODES - 1];
    const codes = `${wanted.map(codeChar).join('')}\ud800${String.fromCharCode(CODE_OFFSET - 1)}`;
    const count = codes.length;
    const file = { format: 'dcc-map', version: MAP_DATA_VERSION, generated_at: 'g', sources: [], count,
      lat: new Array<number>(count).fill(4188000), lng: new Array<number>(count).fill(-8763000), details: '',
      columns: { status: { dict, codes } } };
    const dataset = datasetOf(decodeMapData(JSON.parse(JSON.stringify(file)) as unknown));
    expect(dataset.listings.map((listing) => listing.properties.status ?? '')).toEqual([...wanted.map((code) => `v${code}`), '', '']);
  });

  it('writes positions as four ASCII digits each, exact to 1e-5 degrees at the ends of the range', () => {
    const units = [0, 1, -1, 9_000_000, -9_000_000, 18_000_000, -18_000_000, 4_188_123, -8_763_456];
    const text = encodePositions(units);
    expect(text).toHaveLength(units.length * POSITION_DIGITS);
    expect(text).toMatch(/^[\x23-\x5b\x5d-\x7e]*$/);
    expect(units.map((_, row) => decodePosition(text, row))).toEqual(units);
    expect(() => encodePositions([18_000_001])).toThrow(RangeError);
    expect(() => encodePositions([0.5])).toThrow(RangeError);
    // A digit that is no digit (a backslash, a space, past the end) gives no position, not a wrong one.
    expect(decodePosition('\\###', 0)).toBeNaN();
    expect(decodePosition(' ###', 0)).toBeNaN();
    expect(decodePosition('###', 0)).toBeNaN();
  });

  it('front-codes the sorted names and reads them back, surrogate pairs and hostile text included', () => {
    const names = ['', 'a', 'ab', 'abc co-op', 'abc cooperative', 'abd', '😀 one', '😁 two', '😁 two', 'x'.repeat(60_000), '"\\</script>'];
    const text = frontCode(names);
    expect(text).not.toBeNull();
    expect(frontDecode(JSON.parse(JSON.stringify(text)) as string, names.length)).toEqual(names);
    // Each piece is well-formed: a shared prefix never ends between the halves of a surrogate pair.
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text ?? '')).toBe(false);
    // A rest longer than one code character can say is not front-coded at all.
    expect(frontCode(['', 'y'.repeat(MAX_CHAR_CODES)])).toBeNull();
    const good = frontCode(['abc', 'abd']) ?? '';
    for (const broken of [good.slice(0, -1), `${good}z`, `${codeChar(5)}${codeChar(0)}`, String.fromCharCode(CODE_OFFSET - 1)]) {
      expect(frontDecode(broken, broken === `${codeChar(5)}${codeChar(0)}` ? 1 : 2)).toBeNull();
    }
    // The publisher picks it for the name column when it is shorter, and never for another column.
    const features = Array.from({ length: 40 }, (_, i) => ({
      type: 'Feature' as const, id: `r${i}`, geometry: { type: 'Point' as const, coordinates: [-87 - i / 100, 41] as const },
      properties: { dcc_id: `r${i}`, name: `Riverside Workers Cooperative ${1000 + i}`, city: `Riverside Workers Cooperative ${1000 + i}` },
    }));
    const { map } = toMapData({ ...collection, features } as unknown as DccFeatureCollection);
    expect(Object.keys(map.columns.name ?? {})).toEqual(['front']);
    expect(Object.keys(map.columns.city ?? {})).toEqual(['values']);
    expect(datasetOf(decodeMapData(JSON.parse(JSON.stringify(map)) as unknown)).listings.map((listing) => listing.properties.name))
      .toEqual(features.map((feature) => feature.properties.name));
  });

  it('builds a listing\'s properties when first read, and again once the details arrive', () => {
    const { map, details } = toMapData(collection);
    const dataset = parseData(JSON.stringify(map), 'https://example.org/data/master.map.json');
    const first = dataset.listings[0];
    if (!first) throw new Error('no listing');
    // Columns are read without building properties, and give what the properties give.
    for (const key of ['name', 'org_type', 'city', 'status']) {
      const cells = cellsOf(dataset, key);
      expect(dataset.listings.map((listing) => cells(listing.index))).toEqual(dataset.listings.map((listing) => listing.properties[key] ?? ''));
    }
    expect(first.properties.description).toBeUndefined();
    const columns = decodeMapDetails(JSON.parse(JSON.stringify(details)), { count: map.count, generatedAt: map.generated_at });
    if (!columns) throw new Error('details not accepted');
    attachDetails(dataset, columns);
    const id = first.properties.dcc_id;
    expect(id).toBeDefined();
    expect(first.properties).toEqual(byId(readBoth(collection)).get(id ?? '')?.properties);
    expect(first.properties.description).toBeDefined();
    // The facet index reads columns: the same facets and results as from the listings' properties.
    const fromCells = new FacetIndex(dataset.listings, dataset.cells);
    const fromProperties = new FacetIndex(dataset.listings);
    expect(fromCells.facets).toEqual(fromProperties.facets);
    const state = { selected: { org_type: [fromCells.facets[0]?.options[0]?.value ?? ''] }, query: '' };
    expect(fromCells.apply(state)).toEqual(fromProperties.apply(state));
  });

  it('keeps hostile values as plain strings and drops hostile keys', () => {
    const hostile = ['</script><script>alert(1)</script>', '"quoted" \\ back', '=HYPERLINK("http://x","y")', 'line\u2028sep\u2029', '😀 \u0000 nul'];
    const features = hostile.map((name, i) => ({
      type: 'Feature' as const, id: `h${i}`, geometry: { type: 'Point' as const, coordinates: [-87 - i / 10, 41] as const },
      // JSON.parse makes __proto__ an own key, as a hostile file would carry it.
      properties: { dcc_id: `h${i}`, name, description: name, ...JSON.parse('{"__proto__": {"polluted": 1}, "toString": "x"}') as object },
    }));
    const source = { ...collection, features } as unknown as DccFeatureCollection;
    expect(JSON.stringify(toMapData(source).details)).toContain('__proto__');
    const dataset = readBoth(source);
    expect(dataset.listings.map((listing) => listing.properties.name).sort()).toEqual([...hostile].sort());
    expect(dataset.listings.map((listing) => listing.properties.description).sort()).toEqual([...hostile].sort());
    for (const listing of dataset.listings) {
      expect(Object.getPrototypeOf(listing.properties)).toBe(Object.prototype);
      expect(Object.hasOwn(listing.properties, '__proto__')).toBe(false);
      expect(typeof listing.properties.toString).toBe('function');
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(dataset.columns).not.toContain('__proto__');
  });

  it('drops malformed columns and values rather than failing (a version 1 file, numeric codes)', () => {
    const value = {
      format: 'dcc-map', version: 1, generated_at: 'g', sources: [{ key: 7 }, null, { key: 'ok', name: '<b>x</b>' }], count: 3,
      lat: [4188000, 99999999, 'x'], lng: [-8763000, 0, 0], details: 'javascript:alert(1)',
      columns: {
        name: { values: ['A', 42, { toString: 'x' }] },
        city: { values: ['too', 'short'] },
        org_type: { dict: ['worker cooperative'], codes: [0, 5, -1] },
        'Bad Key': { values: ['a', 'b', 'c'] },
        contact_email: { values: ['private@example.org', '', ''] },
      },
    };
    const data = decodeMapData(value, 'https://example.org/data/');
    expect(data.detailsUrl).toBeUndefined();
    const dataset = datasetOf(data);
    expect(dataset.listings.map((listing) => listing.properties.name ?? '')).toEqual(['A', '', '']);
    expect(dataset.listings.map((listing) => listing.properties.org_type ?? '')).toEqual(['worker cooperative', '', '']);
    expect(dataset.columns).toEqual(['name', 'org_type']);
    expect(dataset.unplaced).toBe(2);
    expect(dataset.sources).toEqual([{ key: 'ok', name: '<b>x</b>', attribution: '', license: '' }]);
  });

  it.each([
    ['a newer version', { version: MAP_DATA_VERSION + 1 }, /newer publisher/],
    ['positions not matching the count', { lat: [1] }, /damaged/],
    ['position text not matching the count', { lat: '####' }, /damaged/],
    ['positions of the wrong type', { lng: { 0: 1 } }, /damaged/],
    ['a negative count', { count: -1 }, /damaged/],
  ])('refuses %s with a clear message', (_name, change, message) => {
    const { map } = toMapData(collection);
    expect(failure(JSON.stringify({ ...map, ...change })).message).toMatch(message);
  });

  it('ignores a details file from another publication', () => {
    const { map, details } = toMapData(collection);
    expect(decodeMapDetails({ ...details, generated_at: 'another run' }, { count: map.count, generatedAt: map.generated_at })).toBeNull();
    expect(decodeMapDetails({ ...details, count: 1 }, { count: map.count, generatedAt: map.generated_at })).toBeNull();
    expect(decodeMapDetails(null, { count: map.count, generatedAt: map.generated_at })).toBeNull();
  });

  it('is written by the publish step with .gz and .br copies of the same bytes', async () => {
    const scratch = makeTempDir('dcc-map-format-');
    const dir = scratch.path;
    try {
      const files = await writeMapFiles(dir, collection);
      for (const file of [files.map, files.details]) {
        const plain = readFileSync(file);
        expect(gunzipSync(readFileSync(`${file}.gz`)).equals(plain)).toBe(true);
        expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(plain)).toBe(true);
      }
      expect(parseData(readFileSync(files.map, 'utf8')).listings).toHaveLength(collection.features.length);
    } finally {
      scratch.remove();
    }
  });
});
