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
 * A column is `{ "values": [...] }` (one string per row); or, when few distinct values repeat,
 * `{ "dict": [...], "codes": "..." }`: row i holds dict[code of the i-th character], the code being
 * the character's UTF-16 unit less 32 (less 32 + 2048 above the surrogates) — one character per row
 * instead of a number and a comma, which is what made version 1's codes a quarter of the file; or,
 * for the name column the rows are sorted by, `{ "front": "..." }`: each row as the number of
 * leading characters it shares with the row before, the length of the rest (each one code
 * character) and the rest — sorted names share their beginnings. A dictionary too large for one
 * character per row keeps numeric codes (`"codes": [...]`, version 1's form). Absent values are "".
 * Positions are integers of 1e-5 degrees (about a metre), written as a string of four ASCII digits
 * in base 91 per row (version 3; arrays of numbers before). In Chromium the decoded body crosses
 * from the network process to the page at roughly 10 MB/s on small machines, whatever the transfer
 * encoding, so every byte of the decoded file is time before the first marker. `order` lists
 * every published key in the publication's column order (dcc_id first), for downloads: dcc_id
 * itself travels in the details file, as nothing on the first screen shows it.
 * Pure: the bot writes the files, the site reads them.
 */
import { FILTER_FIELDS } from '../schema';
import type { DccFeatureCollection } from './geojson';
import type { SourceCredit } from './rows';

export const MAP_DATA_FORMAT = 'dcc-map';
export const MAP_DETAILS_FORMAT = 'dcc-map-details';
/**
 * 2: codes as one character per row, dcc_id with the details, `order`. 3: positions as base-91
 * strings, front-coded names. The site reads 1, 2 and 3.
 */
export const MAP_DATA_VERSION = 3;
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

/**
 * Position digits: '#' (0x23) to '~' (0x7e) without the backslash, so no digit needs escaping in
 * JSON and each is one byte. Four digits hold 91^4 ≈ 68.6M values, enough for ±180° in 1e-5
 * degrees shifted to be non-negative.
 */
const DIGIT_FIRST = 0x23;
const DIGIT_SKIPPED = 0x5c;
const POSITION_BASE = 91;
export const POSITION_DIGITS = 4;
const POSITION_SHIFT = 18_000_000;

function digitChar(digit: number): string {
  const unit = DIGIT_FIRST + digit;
  return String.fromCharCode(unit >= DIGIT_SKIPPED ? unit + 1 : unit);
}

function digitOf(unit: number): number {
  if (unit < DIGIT_FIRST || unit > 0x7e || unit === DIGIT_SKIPPED) return -1;
  return unit > DIGIT_SKIPPED ? unit - DIGIT_FIRST - 1 : unit - DIGIT_FIRST;
}

/** Positions in 1e-5 degrees (integers within ±180°) as four digits each. */
export function encodePositions(units: readonly number[]): string {
  let text = '';
  for (const value of units) {
    if (!Number.isInteger(value) || Math.abs(value) > POSITION_SHIFT) throw new RangeError(`not a position in 1e-5 degrees: ${value}`);
    let rest = value + POSITION_SHIFT;
    let digits = '';
    for (let d = 0; d < POSITION_DIGITS; d++) {
      digits = digitChar(rest % POSITION_BASE) + digits;
      rest = Math.floor(rest / POSITION_BASE);
    }
    text += digits;
  }
  return text;
}

/** Row i's position in 1e-5 degrees from encodePositions' text; NaN when its digits are not digits. */
export function decodePosition(text: string, row: number): number {
  let value = 0;
  for (let d = row * POSITION_DIGITS, end = d + POSITION_DIGITS; d < end; d++) {
    const digit = digitOf(text.charCodeAt(d));
    if (digit < 0) return NaN;
    value = value * POSITION_BASE + digit;
  }
  return value - POSITION_SHIFT;
}

/**
 * Sorted strings front-coded: per value, codeChar(characters shared with the value before),
 * codeChar(length of the rest), the rest. Null when a length does not fit one code character.
 * A shared prefix never ends inside a surrogate pair, so every piece is well-formed text.
 */
export function frontCode(values: readonly string[]): string | null {
  const parts: string[] = [];
  let previous = '';
  for (const value of values) {
    const limit = Math.min(previous.length, value.length, MAX_CHAR_CODES - 1);
    let shared = 0;
    while (shared < limit && previous.charCodeAt(shared) === value.charCodeAt(shared)) shared++;
    const unit = value.charCodeAt(shared - 1);
    if (shared > 0 && unit >= 0xd800 && unit <= 0xdbff) shared--;
    const rest = value.length - shared;
    if (rest >= MAX_CHAR_CODES) return null;
    parts.push(codeChar(shared), codeChar(rest), value.slice(shared));
    previous = value;
  }
  return parts.join('');
}

/** The values frontCode wrote, or null when the text is not `count` of them exactly. */
export function frontDecode(text: string, count: number): string[] | null {
  const values = new Array<string>(count);
  let previous = '';
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 2 > text.length) return null;
    const shared = charCode(text.charCodeAt(at));
    const rest = charCode(text.charCodeAt(at + 1));
    at += 2;
    if (shared < 0 || rest < 0 || shared > previous.length || at + rest > text.length) return null;
    previous = (shared > 0 ? previous.slice(0, shared) : '') + text.slice(at, at + rest);
    at += rest;
    values[i] = previous;
  }
  return at === text.length ? values : null;
}

export type MapColumn = { readonly values: readonly string[] }
  | { readonly dict: readonly string[]; readonly codes: string | readonly number[] }
  | { readonly front: string };

export interface MapData {
  readonly format: typeof MAP_DATA_FORMAT;
  readonly version: number;
  readonly generated_at: string;
  readonly title?: string;
  readonly sources: readonly SourceCredit[];
  readonly count: number;
  /** encodePositions' text (version 3); arrays of integers in versions 1 and 2. */
  readonly lat: string | readonly number[];
  readonly lng: string | readonly number[];
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

/**
 * A dictionary when it saves room (fewer distinct values than half the rows); for a column the
 * rows are sorted by (`sorted`), front coding when that is shorter than the values.
 */
export function encodeColumn(values: readonly string[], options: { sorted?: boolean } = {}): MapColumn {
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
  if (index.size * 2 >= values.length) {
    const front = options.sorted ? frontCode(values) : null;
    // A value in a JSON array costs two quotes and a comma besides itself; front coding, two code characters.
    const plain = values.reduce((sum, value) => sum + value.length + 3, 0);
    return front !== null && front.length < plain ? { front } : { values: [...values] };
  }
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
  const column = (key: string): MapColumn => encodeColumn(features.map(({ feature }) => feature.properties[key] ?? ''),
    { sorted: key === 'name' });
  const round = (degrees: number): number => Math.round(degrees / POSITION_UNIT);
  const map: MapData = {
    format: MAP_DATA_FORMAT,
    version: MAP_DATA_VERSION,
    generated_at: collection.dcc.generated_at,
    ...(meta.title ? { title: meta.title } : {}),
    sources: collection.dcc.sources,
    count: features.length,
    lat: encodePositions(features.map(({ feature }) => round(feature.geometry.coordinates[1]))),
    lng: encodePositions(features.map(({ feature }) => round(feature.geometry.coordinates[0]))),
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
