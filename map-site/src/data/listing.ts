/**
 * A Listing is one row of the published master as the map holds it: its public properties as
 * strings (private fields dropped) and a checked position, or none.
 */
import { FIELDS } from '../../../shared/schema';

export interface SourceInfo {
  readonly key: string;
  readonly name: string;
  readonly attribution: string;
  readonly license: string;
}

export interface Listing {
  /** Position in the loaded data set; stable for the life of the page. */
  readonly index: number;
  readonly properties: Readonly<{ [key: string]: string }>;
  /** [lat, lng] when the coordinates are usable, otherwise null (listed but not on the map). */
  readonly position: readonly [number, number] | null;
}

/** One property of every listing, read by listing index. */
export type CellReader = (index: number) => string;

export interface Dataset {
  readonly title?: string;
  readonly generatedAt?: string;
  readonly sources: readonly SourceInfo[];
  readonly listings: readonly Listing[];
  /** Column order for downloads: the properties keys as the publisher wrote them. */
  readonly columns: readonly string[];
  /** Listings whose coordinates were missing or unusable. */
  readonly unplaced: number;
  /**
   * A property of every listing straight from the loaded columns, without building the listings'
   * properties (the map format's listings build theirs when first asked: columns.ts).
   */
  readonly cells?: (key: string) => CellReader;
}

/** A property of every listing by index: from the columns when the dataset has them, else from each listing. */
export function cellsOf(dataset: Dataset, key: string): CellReader {
  if (dataset.cells) return dataset.cells(key);
  const { listings } = dataset;
  return (index) => listings[index]?.properties[key] ?? '';
}

/** Parses one coordinate, accepting numbers and numeric strings as CSV and loose GeoJSON carry them. */
function coordinate(value: unknown, limit: number): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

/** (0, 0) is "Null Island": a geocoder's failure, never a cooperative. */
export function checkPosition(lat: unknown, lng: unknown): readonly [number, number] | null {
  const la = coordinate(lat, 90);
  const ln = coordinate(lng, 180);
  if (la === null || ln === null || (la === 0 && ln === 0)) return null;
  return [la, ln];
}

/** checkPosition for numbers already, without building the pair: the map format's 50k positions. */
export function isUsablePosition(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && !(lat === 0 && lng === 0);
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join('; ');
  return '';
}

/** Never shown, whatever file the site is pointed at: the template marks these private. */
const PRIVATE_KEYS = new Set(FIELDS.filter((def) => def.visibility === 'private').map((def) => def.key as string));

export const isPrivateKey = (key: string): boolean => PRIVATE_KEYS.has(key);

const isClean = (value: unknown): boolean => typeof value === 'string' && value.length > 0
  && value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32;

/**
 * Properties as non-empty trimmed strings. The publisher already writes them that way, so the
 * common case keeps the parsed object as it is: copying 50k objects costs more than JSON.parse.
 */
export function toProperties(raw: unknown): { [key: string]: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const record = raw as { [key: string]: unknown };
  let clean = true;
  for (const key in record) {
    if (!isClean(record[key]) || PRIVATE_KEYS.has(key)) { clean = false; break; }
  }
  if (clean) return record as { [key: string]: string };
  const out: { [key: string]: string } = {};
  for (const [key, value] of Object.entries(record)) {
    if (PRIVATE_KEYS.has(key)) continue;
    const text = asText(value);
    if (text !== '') out[key] = text;
  }
  return out;
}

export function makeListing(index: number, properties: { [key: string]: string },
  position: readonly [number, number] | null): Listing {
  return { index, properties, position };
}

/** name, city and description, lower-cased: what text search runs over. */
export function searchTextOf(listing: Listing): string {
  const p = listing.properties;
  return `${p.name ?? ''}\n${p.city ?? ''}\n${p.description ?? ''}`.toLowerCase();
}

/** The `;`-separated values of a multi-valued field, trimmed, blanks dropped. */
export function splitValues(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(';').map((part) => part.trim()).filter(Boolean);
}

export function displayName(listing: Listing): string {
  return shownName(listing.properties.name);
}

/** A name as the page shows it: a listing without one still gets words to click. */
export function shownName(name: string | undefined): string {
  return name || 'Unnamed listing';
}
