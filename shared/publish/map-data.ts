/**
 * The map's own published format, written beside master.geojson (which stays the public download):
 *
 * - `master.map.json`: what the first screen needs — positions, ids, names and the fields the list,
 *   filters and marker looks use — as columns, in name order, so the site neither walks 50k
 *   GeoJSON features nor sorts them. ~1/8 of the GeoJSON's bytes, less again compressed.
 * - `master.map-details.json`: every other public property (address, contacts, description,
 *   sources), same rows in the same order; the site fetches it after the markers are up, for
 *   popups, search over descriptions and downloads.
 *
 * A column is `{ "values": [...] }` (one string per row) or, when few distinct values repeat,
 * `{ "dict": [...], "codes": "..." }`: row i holds dict[code of the i-th character], the code being
 * the character's UTF-16 unit less 32 (less 32 + 2048 above the surrogates) — one character per row
 * instead of a number and a comma, which is what made version 1's codes a quarter of the file.
 * A dictionary too large for one character per row keeps numeric codes (`"codes": [...]`, version 1's
 * form). Absent values are "". Positions are integers of 1e-5 degrees (about a metre). `order` lists
 * every published key in the publication's column order (dcc_id first), for downloads: dcc_id
 * itself travels in the details file, as nothing on the first screen shows it.
 * Pure: the bot writes the files, the site reads them.
 */
import { FILTER_FIELDS } from '../schema';
import type { DccFeatureCollection } from './geojson';
import type { SourceCredit } from './rows';

export const MAP_DATA_FORMAT = 'dcc-map';
export const MAP_DETAILS_FORMAT = 'dcc-map-details';
/** 2: codes as one character per row, dcc_id with the details, `order`. The site reads 1 and 2. */
export const MAP_DATA_VERSION = 2;
export const MAP_DATA_FILE = 'master.map.json';
export const MAP_DETAILS_FILE = 'master.map-details.json';

/** In the first file: the list's columns, the filters and the marker look (org_type). */
export const MAP_SUMMARY_KEYS: readonly string[] = [...new Set(['name', 'city', ...FILTER_FIELDS])];

/** Character codes: code + CODE_OFFSET, past the control characters; above the surrogates, SURROGATE_SKIP more. */
export const CODE_OFFSET = 32;
const SURROGATE_START = 0xd800;
const SURROGATE_SKIP = 0x800;
/** The largest dictionary whose codes fit one character each. */
export const MAX_CHAR_CODES = 0xffff - CODE_OFFSET - SURROGATE_SKIP + 1;

/** A dictionary code as the character that stands for it. */
export function codeChar(code: number): string {
  const unit = code + CODE_OFFSET;
  return String.fromCharCode(unit >= SURROGATE_START ? unit + SURROGATE_SKIP : unit);
}

/** The code a character (its UTF-16 unit) stands for, the inverse of codeChar; -1 for a unit no code is written as. */
export function charCode(unit: number): number {
  if (unit >= SURROGATE_START && unit < SURROGATE_START + SURROGATE_SKIP) return -1;
  const code = (unit >= SURROGATE_START ? unit - SURROGATE_SKIP : unit) - CODE_OFFSET;
  return code >= 0 ? code : -1;
}

/** Positions are stored as integers of this many degrees. */
export const POSITION_UNIT = 1e-5;

export type MapColumn = { readonly values: readonly string[] }
  | { readonly dict: readonly string[]; readonly codes: string | readonly number[] };

export interface MapData {
  readonly format: typeof MAP_DATA_FORMAT;
  readonly version: number;
  readonly generated_at: string;
  readonly title?: string;
  readonly sources: readonly SourceCredit[];
  readonly count: number;
  readonly lat: readonly number[];
  readonly lng: readonly number[];
  readonly columns: { readonly [key: string]: MapColumn };
  /** Every published key, in the publication's column order (both files' columns). */
  readonly order: readonly string[];
  /** The details file, relative to this one. */
  readonly details: string;
}

export interface MapDetails {
  readonly format: typeof MAP_DETAILS_FORMAT;
  readonly version: number;
  /** Equal to the map file's: a details file from another publication is not used. */
  readonly generated_at: string;
  readonly count: number;
  readonly columns: { readonly [key: string]: MapColumn };
}

/** A dictionary when it saves room: fewer distinct values than half the rows. */
export function encodeColumn(values: readonly string[]): MapColumn {
  const index = new Map<string, number>();
  const codes = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as string;
    let code = index.get(value);
    if (code === undefined) {
      code = index.size;
      index.set(value, code);
    }
    codes[i] = code;
  }
  if (index.size * 2 >= values.length) return { values: [...values] };
  if (index.size > MAX_CHAR_CODES) return { dict: [...index.keys()], codes };
  let text = '';
  // Appending one character at a time builds a rope V8 flattens once; 50k appends take a few milliseconds.
  for (let i = 0; i < codes.length; i++) text += codeChar(codes[i] as number);
  return { dict: [...index.keys()], codes: text };
}

const sortKey = (name: string | undefined): string => (name ?? '').toLowerCase();

/** The two files' contents from the published GeoJSON (one feature per placed row). */
export function toMapData(collection: DccFeatureCollection, meta: { title?: string } = {}): { map: MapData; details: MapDetails } {
  const features = collection.features.map((feature, at) => ({ feature, at, key: sortKey(feature.properties.name) }));
  // The site lists by lower-cased name (code-unit order, ties in publication order): the same order here makes its sort a check.
  features.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.at - b.at));
  const summary = new Set(MAP_SUMMARY_KEYS);
  const order = new Set<string>();
  for (const feature of collection.features) for (const key of Object.keys(feature.properties)) order.add(key);
  const detailKeys = [...order].filter((key) => !summary.has(key));
  const column = (key: string): MapColumn => encodeColumn(features.map(({ feature }) => feature.properties[key] ?? ''));
  const round = (degrees: number): number => Math.round(degrees / POSITION_UNIT);
  const map: MapData = {
    format: MAP_DATA_FORMAT,
    version: MAP_DATA_VERSION,
    generated_at: collection.dcc.generated_at,
    ...(meta.title ? { title: meta.title } : {}),
    sources: collection.dcc.sources,
    count: features.length,
    lat: features.map(({ feature }) => round(feature.geometry.coordinates[1])),
    lng: features.map(({ feature }) => round(feature.geometry.coordinates[0])),
    columns: Object.fromEntries(MAP_SUMMARY_KEYS.map((key) => [key, column(key)])),
    order: [...order],
    details: MAP_DETAILS_FILE,
  };
  const details: MapDetails = {
    format: MAP_DETAILS_FORMAT,
    version: MAP_DATA_VERSION,
    generated_at: collection.dcc.generated_at,
    count: features.length,
    columns: Object.fromEntries(detailKeys.map((key) => [key, column(key)])),
  };
  return { map, details };
}
