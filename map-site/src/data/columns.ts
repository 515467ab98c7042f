/**
 * Listings as columns: what the loading worker hands the page (typed arrays and string arrays
 * clone cheaply; 50k objects do not), and the decoder of the bot's map files
 * (shared/publish/map-data.ts). Every value from a file is checked: wrong types, lengths or codes
 * drop the value (or, for positions, the file), never reach the page as anything but a string.
 */
import {
  charCode, MAP_DATA_FORMAT, MAP_DATA_VERSION, MAP_DETAILS_FORMAT, POSITION_UNIT,
} from '../../../shared/publish/map-data';
import { DataError } from './errors';
import { checkPosition, isPrivateKey, makeListing, type Dataset, type SourceInfo } from './listing';

/** One column: a string per row, or dictionary codes (row i holds dict[codes[i]]). */
export type Column = string[] | { readonly dict: string[]; readonly codes: Int32Array };

export interface Columns {
  readonly keys: string[];
  readonly columns: Column[];
}

export interface ColumnarData extends Columns {
  readonly title?: string;
  readonly generatedAt?: string;
  readonly sources: SourceInfo[];
  readonly count: number;
  /** Degrees; NaN where the listing has no usable position. */
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  /** The details file's address (absolute), when the rest of each listing is published apart. */
  readonly detailsUrl?: string;
  /** Every published key in the publication's order, both files' (the map format); downloads use it. */
  readonly order?: string[];
}

/** Property names as the publisher writes them: lower-case field keys. Anything else ("__proto__") is dropped. */
const KEY = /^[a-z][a-z0-9_]{0,63}$/;
const MAX_ROWS = 5_000_000;

const valueAt = (column: Column, row: number): string => (Array.isArray(column) ? column[row] ?? '' : column.dict[column.codes[row] as number] ?? '');

const clean = (value: string): string => {
  const n = value.length;
  return n > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(n - 1) <= 32) ? value.trim() : value;
};

/** A column from a file, or null when it is malformed in any way. */
function readColumn(raw: unknown, count: number): Column | null {
  if (raw === null || typeof raw !== 'object') return null;
  const given = raw as { values?: unknown; dict?: unknown; codes?: unknown };
  if (Array.isArray(given.values)) {
    const values = given.values;
    if (values.length !== count) return null;
    const out = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const value: unknown = values[i];
      out[i] = typeof value === 'string' ? clean(value) : '';
    }
    return out;
  }
  if (!Array.isArray(given.dict)) return null;
  const dict = given.dict.map((value: unknown) => (typeof value === 'string' ? clean(value) : ''));
  if (typeof given.codes === 'string' && given.codes.length === count) return { dict, codes: charCodes(given.codes, dict.length) };
  if (Array.isArray(given.codes) && given.codes.length === count) {
    const codes = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const code: unknown = given.codes[i];
      codes[i] = typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < dict.length ? code : -1;
    }
    return { dict, codes };
  }
  return null;
}

/** Codes written one character per row (shared/publish/map-data.ts); a character that is no code gives -1 (blank). */
function charCodes(text: string, size: number): Int32Array {
  const codes = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = charCode(text.charCodeAt(i));
    codes[i] = code < size ? code : -1;
  }
  return codes;
}

/** Versions this site reads: 1 (numeric codes, dcc_id in the first file) and 2. */
const READABLE_VERSIONS: readonly unknown[] = [1, MAP_DATA_VERSION];

/** The publication's key order, checked: field-like names only, private ones dropped. */
function readOrder(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const keys = raw.filter((key): key is string => typeof key === 'string' && KEY.test(key) && !isPrivateKey(key));
  return [...new Set(keys)];
}

function readColumns(raw: unknown, count: number): Columns {
  const keys: string[] = [];
  const columns: Column[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { keys, columns };
  for (const [key, value] of Object.entries(raw as { [key: string]: unknown })) {
    if (!KEY.test(key) || isPrivateKey(key)) continue;
    const column = readColumn(value, count);
    if (column) {
      keys.push(key);
      columns.push(column);
    }
  }
  return { keys, columns };
}

function readSources(raw: unknown): SourceInfo[] {
  if (!Array.isArray(raw)) return [];
  const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  return raw.filter((item): item is { [key: string]: unknown } => item !== null && typeof item === 'object')
    .map((item) => ({ key: text(item.key), name: text(item.name) || text(item.key), attribution: text(item.attribution), license: text(item.license) }))
    .filter((source) => source.key || source.name);
}

export function isMapData(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { format?: unknown }).format === MAP_DATA_FORMAT;
}

/** The bot's master.map.json, checked. `baseUrl` resolves the details file's address. */
export function decodeMapData(value: unknown, baseUrl?: string): ColumnarData {
  const data = value as { [key: string]: unknown };
  if (!isMapData(value)) throw new DataError('format', 'The data file is not the map format, so there is nothing to show.');
  if (!READABLE_VERSIONS.includes(data.version)) {
    throw new DataError('format', 'The data file was written by a newer publisher than this map understands; rebuild the site.');
  }
  const count = data.count;
  const lat = data.lat;
  const lng = data.lng;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_ROWS
    || !Array.isArray(lat) || !Array.isArray(lng) || lat.length !== count || lng.length !== count) {
    throw new DataError('format', 'The map data file is damaged (its positions do not match its listings).');
  }
  const lats = new Float64Array(count);
  const lngs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const la: unknown = lat[i];
    const ln: unknown = lng[i];
    const position = typeof la === 'number' && typeof ln === 'number' ? checkPosition(la * POSITION_UNIT, ln * POSITION_UNIT) : null;
    lats[i] = position ? position[0] : NaN;
    lngs[i] = position ? position[1] : NaN;
  }
  const { keys, columns } = readColumns(data.columns, count);
  let detailsUrl: string | undefined;
  if (typeof data.details === 'string' && data.details !== '') {
    try {
      detailsUrl = new URL(data.details, baseUrl).href;
    } catch {
      detailsUrl = undefined;
    }
  }
  return {
    ...(typeof data.title === 'string' && data.title.trim() ? { title: data.title.trim() } : {}),
    ...(typeof data.generated_at === 'string' ? { generatedAt: data.generated_at } : {}),
    sources: readSources(data.sources), count, lat: lats, lng: lngs, keys, columns, order: readOrder(data.order),
    ...(detailsUrl && /^https?:/.test(detailsUrl) ? { detailsUrl } : {}),
  };
}

/** The details file's columns, or null when it belongs to another publication or is not one. */
export function decodeMapDetails(value: unknown, expected: { count: number; generatedAt?: string }): Columns | null {
  const data = value as { [key: string]: unknown } | null;
  if (data === null || typeof data !== 'object' || data.format !== MAP_DETAILS_FORMAT || !READABLE_VERSIONS.includes(data.version)
    || data.count !== expected.count || data.generated_at !== expected.generatedAt) return null;
  return readColumns(data.columns, expected.count);
}

/** A parsed Dataset as columns, for the worker to post (GeoJSON and CSV arrive this way too). */
export function columnsOf(dataset: Dataset): ColumnarData {
  const count = dataset.listings.length;
  const lat = new Float64Array(count);
  const lng = new Float64Array(count);
  const keys = [...dataset.columns];
  const columns: Column[] = keys.map(() => new Array<string>(count));
  dataset.listings.forEach((listing, i) => {
    lat[i] = listing.position ? listing.position[0] : NaN;
    lng[i] = listing.position ? listing.position[1] : NaN;
    keys.forEach((key, k) => { (columns[k] as string[])[i] = listing.properties[key] ?? ''; });
  });
  return {
    ...(dataset.title ? { title: dataset.title } : {}), ...(dataset.generatedAt ? { generatedAt: dataset.generatedAt } : {}),
    sources: [...dataset.sources], count, lat, lng, keys, columns,
  };
}

/** Listings from columns. Empty values are left out, as the GeoJSON reader leaves them out. */
export function datasetOf(data: ColumnarData): Dataset {
  const listings = new Array<ReturnType<typeof makeListing>>(data.count);
  let unplaced = 0;
  for (let i = 0; i < data.count; i++) {
    const properties: { [key: string]: string } = {};
    for (let k = 0; k < data.keys.length; k++) {
      const value = valueAt(data.columns[k] as Column, i);
      if (value !== '') properties[data.keys[k] as string] = value;
    }
    const la = data.lat[i] as number;
    const position = Number.isNaN(la) ? null : [la, data.lng[i] as number] as const;
    if (!position) unplaced++;
    listings[i] = makeListing(i, properties, position);
  }
  return {
    ...(data.title ? { title: data.title } : {}), ...(data.generatedAt ? { generatedAt: data.generatedAt } : {}),
    // The publication's order, keys of the details file included: downloads wait for the details anyway.
    sources: data.sources, listings, columns: [...new Set([...(data.order ?? []), ...data.keys])], unplaced,
  };
}

/** Adds the details' properties to each listing (same rows, same order) and their keys to the columns. */
export function attachDetails(dataset: Dataset, details: Columns): void {
  const { listings } = dataset;
  for (let i = 0; i < listings.length; i++) {
    const properties = (listings[i] as { properties: { [key: string]: string } }).properties;
    for (let k = 0; k < details.keys.length; k++) {
      const key = details.keys[k] as string;
      const value = valueAt(details.columns[k] as Column, i);
      if (value !== '' && !Object.hasOwn(properties, key)) properties[key] = value;
    }
  }
  const columns = dataset.columns as string[];
  for (const key of details.keys) if (!columns.includes(key)) columns.push(key);
}
