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
 * `{ "dict": [...], "codes": [...] }` (row i holds dict[codes[i]]). Absent values are "". Positions
 * are integers of 1e-5 degrees (about a metre). Pure: the bot writes the files, the site reads them.
 */
import { FILTER_FIELDS } from '../schema';
import type { DccFeatureCollection } from './geojson';
import type { SourceCredit } from './rows';

export const MAP_DATA_FORMAT = 'dcc-map';
export const MAP_DETAILS_FORMAT = 'dcc-map-details';
export const MAP_DATA_VERSION = 1;
export const MAP_DATA_FILE = 'master.map.json';
export const MAP_DETAILS_FILE = 'master.map-details.json';

/** In the first file: the list's columns, the filters and the marker look (org_type). */
export const MAP_SUMMARY_KEYS: readonly string[] = [...new Set(['dcc_id', 'name', 'city', ...FILTER_FIELDS])];

/** Positions are stored as integers of this many degrees. */
export const POSITION_UNIT = 1e-5;

export type MapColumn = { readonly values: readonly string[] } | { readonly dict: readonly string[]; readonly codes: readonly number[] };

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
  return index.size * 2 < values.length ? { dict: [...index.keys()], codes } : { values: [...values] };
}

const sortKey = (name: string | undefined): string => (name ?? '').toLowerCase();

/** The two files' contents from the published GeoJSON (one feature per placed row). */
export function toMapData(collection: DccFeatureCollection, meta: { title?: string } = {}): { map: MapData; details: MapDetails } {
  const features = collection.features.map((feature, at) => ({ feature, at, key: sortKey(feature.properties.name) }));
  // The site lists by lower-cased name (code-unit order, ties in publication order): the same order here makes its sort a check.
  features.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.at - b.at));
  const summary = new Set(MAP_SUMMARY_KEYS);
  const detailKeys: string[] = [];
  for (const { feature } of features) {
    for (const key of Object.keys(feature.properties)) if (!summary.has(key) && !detailKeys.includes(key)) detailKeys.push(key);
  }
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
