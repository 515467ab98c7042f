/**
 * Listings as columns: what the loading worker hands the page (typed arrays and string arrays
 * clone cheaply; 50k objects do not), and the decoder of the bot's map files
 * (shared/publish/map-data.ts). Every value from a file is checked: wrong types, lengths or codes
 * drop the value (or, for positions, the file), never reach the page as anything but a string.
 */
import {
  charCode, decodePosition, frontDecode, MAP_DATA_FORMAT, MAP_DATA_VERSION, MAP_DETAILS_FORMAT, POSITION_DIGITS, POSITION_UNIT,
} from '../../../shared/publish/map-data';
import { DataError } from './errors';
import { isPrivateKey, isUsablePosition, type CellReader, type Dataset, type Listing, type SourceInfo } from './listing';

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
  const given = raw as { values?: unknown; dict?: unknown; codes?: unknown; front?: unknown };
  if (typeof given.front === 'string') {
    const values = frontDecode(given.front, count);
    if (!values) return null;
    for (let i = 0; i < count; i++) values[i] = clean(values[i] as string);
    return values;
  }
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

/** Versions this site reads: 1 (numeric codes, dcc_id in the first file), 2 (positions as numbers) and 3. */
const READABLE_VERSIONS: readonly unknown[] = [1, 2, MAP_DATA_VERSION];

/** Positions in 1e-5 degrees: version 3's digit text, or earlier versions' numbers; null when they do not match the rows. */
function positionsOf(raw: unknown, count: number): ((row: number) => number) | null {
  if (typeof raw === 'string') return raw.length === count * POSITION_DIGITS ? (row) => decodePosition(raw, row) : null;
  if (!Array.isArray(raw) || raw.length !== count) return null;
  return (row) => {
    const value: unknown = raw[row];
    return typeof value === 'number' ? value : NaN;
  };
}

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
  const valid = typeof count === 'number' && Number.isInteger(count) && count >= 0 && count <= MAX_ROWS;
  const lat = valid ? positionsOf(data.lat, count) : null;
  const lng = valid ? positionsOf(data.lng, count) : null;
  if (!valid || !lat || !lng) throw new DataError('format', 'The map data file is damaged (its positions do not match its listings).');
  const lats = new Float64Array(count);
  const lngs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const la = lat(i) * POSITION_UNIT;
    const ln = lng(i) * POSITION_UNIT;
    const usable = isUsablePosition(la, ln);
    lats[i] = usable ? la : NaN;
    lngs[i] = usable ? ln : NaN;
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

/**
 * The loaded columns, which the listings read their properties from. The details file's columns
 * are added to it when they arrive; `version` tells a listing that built its properties before
 * then to build them again.
 */
class ColumnTable {
  readonly keys: string[];
  readonly columns: Column[];
  version = 0;

  constructor(columns: Columns) {
    this.keys = [...columns.keys];
    this.columns = [...columns.columns];
  }

  /** Non-empty values only, as the GeoJSON reader leaves empty ones out; the first file's value wins over the details'. */
  propertiesOf(row: number): { [key: string]: string } {
    const properties: { [key: string]: string } = {};
    for (let k = 0; k < this.keys.length; k++) {
      const key = this.keys[k] as string;
      const value = valueAt(this.columns[k] as Column, row);
      if (value !== '' && !Object.hasOwn(properties, key)) properties[key] = value;
    }
    return properties;
  }

  cells(key: string): CellReader {
    const k = this.keys.indexOf(key);
    if (k === -1) return () => '';
    const column = this.columns[k] as Column;
    return (row) => valueAt(column, row);
  }

  attach(details: Columns): void {
    this.keys.push(...details.keys);
    this.columns.push(...details.columns);
    this.version++;
  }
}

/**
 * A listing of the map format: its properties are built from the columns when first read. At 50k
 * listings, building every properties object at load cost ~0.1 s and most of the young-generation
 * collections of the load, while only the listings on screen are ever read one by one (filters,
 * the legend and the order read columns: Dataset.cells). Plain fields, not #private ones: the
 * site's build target turns those into WeakMap lookups.
 */
class ColumnListing implements Listing {
  private built: { [key: string]: string } | null = null;
  private builtAt = -1;

  constructor(readonly index: number, readonly position: readonly [number, number] | null, private readonly table: ColumnTable) {}

  get properties(): { [key: string]: string } {
    if (this.built === null || this.builtAt !== this.table.version) {
      this.built = this.table.propertiesOf(this.index);
      this.builtAt = this.table.version;
    }
    return this.built;
  }
}

interface ColumnDataset extends Dataset {
  readonly table: ColumnTable;
}

/** Listings from columns, each building its properties when first read. */
export function datasetOf(data: ColumnarData): Dataset {
  const table = new ColumnTable(data);
  const listings = new Array<Listing>(data.count);
  let unplaced = 0;
  for (let i = 0; i < data.count; i++) {
    const la = data.lat[i] as number;
    const position = Number.isNaN(la) ? null : [la, data.lng[i] as number] as const;
    if (!position) unplaced++;
    listings[i] = new ColumnListing(i, position, table);
  }
  const dataset: ColumnDataset = {
    ...(data.title ? { title: data.title } : {}), ...(data.generatedAt ? { generatedAt: data.generatedAt } : {}),
    // The publication's order, keys of the details file included: downloads wait for the details anyway.
    sources: data.sources, listings, columns: [...new Set([...(data.order ?? []), ...data.keys])], unplaced,
    cells: (key) => table.cells(key), table,
  };
  return dataset;
}

/** Adds the details' properties to each listing (same rows, same order) and their keys to the columns. */
export function attachDetails(dataset: Dataset, details: Columns): void {
  if ('table' in dataset) {
    (dataset as ColumnDataset).table.attach(details);
  } else {
    const { listings } = dataset;
    for (let i = 0; i < listings.length; i++) {
      const properties = (listings[i] as { properties: { [key: string]: string } }).properties;
      for (let k = 0; k < details.keys.length; k++) {
        const key = details.keys[k] as string;
        const value = valueAt(details.columns[k] as Column, i);
        if (value !== '' && !Object.hasOwn(properties, key)) properties[key] = value;
      }
    }
  }
  const columns = dataset.columns as string[];
  for (const key of details.keys) if (!columns.includes(key)) columns.push(key);
}
