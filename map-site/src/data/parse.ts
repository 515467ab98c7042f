/**
 * Turns the published master — the bot's map format (master.map.json), GeoJSON (master.geojson)
 * or CSV (master.csv, or a Google Sheets "publish to web" CSV) — into a Dataset. Pure: the unit
 * tests run it in Node.
 */
import { parseCsv } from '../../../shared/read/csv';
import { mapHeaders } from '../../../shared/read/headers';
import { fieldByKey, isFieldKey } from '../../../shared/schema';
import { datasetOf, decodeMapData, isMapData } from './columns';
import { DataError } from './errors';
import { checkPosition, makeListing, toProperties, type Dataset, type Listing, type SourceInfo } from './listing';

export { DataError, type DataErrorCode } from './errors';

function readSources(dcc: unknown): SourceInfo[] {
  if (dcc === null || typeof dcc !== 'object') return [];
  const list = (dcc as { sources?: unknown }).sources;
  if (!Array.isArray(list)) return [];
  return list.map(toProperties).filter((s) => s.key || s.name).map((s) => ({
    key: s.key ?? '', name: s.name ?? s.key ?? '', attribution: s.attribution ?? '', license: s.license ?? '',
  }));
}

function readMeta(dcc: unknown): { title?: string; generatedAt?: string } {
  const meta = toProperties(dcc);
  return { title: meta.title, generatedAt: meta.generated_at };
}

/** Keys in first-seen order, so downloads keep the publisher's column order. */
function columnsOf(listings: readonly Listing[]): string[] {
  const seen = new Set<string>();
  for (const listing of listings) for (const key of Object.keys(listing.properties)) seen.add(key);
  return [...seen];
}

export function parseGeoJson(value: unknown): Dataset {
  const collection = value as { type?: unknown; features?: unknown; dcc?: unknown } | null;
  if (collection === null || typeof collection !== 'object' || collection.type !== 'FeatureCollection'
    || !Array.isArray(collection.features)) {
    throw new DataError('format', 'The data file is not a GeoJSON FeatureCollection, so there is nothing to show.');
  }
  let unplaced = 0;
  const listings = collection.features.map((raw: unknown, index: number) => {
    const feature = (raw !== null && typeof raw === 'object' ? raw : {}) as { geometry?: unknown; properties?: unknown };
    const geometry = feature.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    const coords = geometry?.type === 'Point' && Array.isArray(geometry.coordinates) ? geometry.coordinates : [];
    const position = checkPosition(coords[1], coords[0]);
    if (!position) unplaced++;
    return makeListing(index, toProperties(feature.properties), position);
  });
  return { ...readMeta(collection.dcc), sources: readSources(collection.dcc), listings, columns: columnsOf(listings), unplaced };
}

/** The master's own columns beside the template's fields. */
const MASTER_COLUMNS = new Set(['dcc_id', 'sources', 'updated_at']);

/**
 * Which property each CSV column fills. The master's CSV uses field keys; a member's sheet
 * published as CSV uses labels or aliases, matched as the add-on matches them. Private fields,
 * `(private)` columns and unknown columns are dropped: a public sheet may still carry them.
 */
function propertyKeys(header: readonly string[]): string[] {
  const mapping = mapHeaders(header);
  return mapping.columns.map((column) => {
    const exact = column.header.trim();
    if (MASTER_COLUMNS.has(exact)) return exact;
    const field = isFieldKey(exact) ? exact : column.private ? undefined : column.field;
    return field && fieldByKey(field)?.visibility === 'public' ? field : '';
  });
}

function readCsvText(text: string): Dataset {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header || header.every((cell) => cell.trim() === '')) {
    throw new DataError('empty', 'The data file has no header row, so there is nothing to show.');
  }
  const keys = propertyKeys(header);
  let unplaced = 0;
  // Blank lines in a hand-edited sheet are not listings.
  const body = rows.slice(1).filter((row) => row.some((cell) => cell.trim() !== ''));
  const listings = body.map((row, index) => {
    const raw: { [key: string]: string } = {};
    keys.forEach((key, column) => { if (key) raw[key] = row[column] ?? ''; });
    const position = checkPosition(raw.latitude, raw.longitude);
    if (!position) unplaced++;
    delete raw.latitude;
    delete raw.longitude;
    return makeListing(index, toProperties(raw), position);
  });
  return { sources: [], listings, columns: columnsOf(listings), unplaced };
}

/** JSON when it looks like JSON, otherwise CSV: URLs (Sheets' `output=csv`) and content types are not reliable. */
export function parseData(text: string, baseUrl?: string): Dataset {
  const value = parseText(text);
  return typeof value === 'string' ? parseCsvText(value) : parseJson(value, baseUrl);
}

/** A parsed JSON value, or the CSV text to read as it is. */
export function parseText(text: string): unknown {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new DataError('empty', 'The data file is empty: there are no listings to show yet.');
  if (body.startsWith('{') || body.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      throw new DataError('format', 'The data file is not valid JSON, so the listings cannot be read.');
    }
    // An object, so parseData tells it from CSV text; JSON that is a bare string is not data either way.
    if (typeof value === 'string') throw new DataError('format', 'The data file is not a GeoJSON FeatureCollection, so there is nothing to show.');
    return value;
  }
  if (body.startsWith('<')) {
    throw new DataError('format', 'The data address returned a web page instead of GeoJSON or CSV.');
  }
  return body;
}

/** The map format or GeoJSON. */
export function parseJson(value: unknown, baseUrl?: string): Dataset {
  return isMapData(value) ? datasetOf(decodeMapData(value, baseUrl)) : parseGeoJson(value);
}

export function parseCsvText(text: string): Dataset {
  try {
    return readCsvText(text);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError('format', `The data file is neither GeoJSON nor a readable CSV (${(error as Error).message}).`);
  }
}
