/**
 * Murmurations profiles: one per published row, valid against the Murmurations Library's
 * `organizations_schema-v1.0.0` and the index's `default-v2.1.0` (MurmurationsLibrary at
 * 65eda482593c; the index validates every profile against the default schema before its
 * linked_schemas, MurmurationsServices services/validation/internal/service/validation.go).
 *
 * Field by field (template field → profile property):
 *   name → name (at most 200 characters)         website → primary_url (http(s), ≤ 2,000)
 *   website, social_links → urls                   org_type, sector, legal_structure,
 *   description → description                        network_memberships → tags (≤ 100 × 100 chars)
 *   status → status (enum, see STATUS)             street, street2, city, state, postal_code,
 *   country → country_iso_3166 (Library's list)      country → full_address
 *   latitude, longitude → geolocation {lat, lon}   city → locality, state → region (default schema)
 *   email → contact_details.email                  phone → telephone
 *   year_founded → starts_at (1 January, UTC)      dcc_id → unique_id
 *
 * The second schema is the index's own default-v2.1.0: the Library's solidarity-economy schemas
 * were deleted in 2023 (commit 2ea2370, "Delete unused schemas"), so an index can no longer load
 * them, and the schemas still published that have address parts (cta_group, catalist_object,
 * karte_von_morgen, people) belong to other networks and require fields we do not have. The
 * default schema is applied to every profile anyway, defines `locality` and `region`, and those
 * are what the index's search filters on. It cannot be named in linked_schemas ("default" is
 * shorter than the 8 characters fields/linked_schemas.json requires), and need not be.
 *
 * Left out, for want of a home in any published schema that fits a cooperative: workers, members,
 * worker_owners, democratic, languages, goods_services. They stay in master.csv and master.geojson.
 */
import { countryCode } from '../normalize/country';
import { coordinatesOf } from './geojson';
import { publicValues } from './privacy';
import type { PublishRow } from './rows';

export const MURMURATIONS_SCHEMA = 'organizations_schema-v1.0.0';

export interface MurmurationsProfile {
  readonly linked_schemas: readonly string[];
  readonly name: string;
  readonly primary_url?: string;
  readonly tags?: readonly string[];
  readonly urls?: readonly { readonly name: string; readonly url: string }[];
  readonly description?: string;
  readonly status?: MurmurationsStatus;
  readonly full_address?: string;
  readonly locality?: string;
  readonly region?: string;
  readonly country_iso_3166?: string;
  readonly geolocation?: { readonly lat: number; readonly lon: number };
  readonly contact_details?: { readonly email: string };
  readonly telephone?: string;
  readonly starts_at?: number;
  readonly unique_id: string;
}

export type MurmurationsStatus = 'active' | 'completed' | 'cancelled' | 'on_hold' | 'in_planning';

/**
 * Our three statuses in the schema's five (fields/status.json). An inactive organization may come
 * back, so on_hold; a closed one has stopped for good, which the schema calls cancelled.
 */
const STATUS: { readonly [ours: string]: MurmurationsStatus } = { active: 'active', inactive: 'on_hold', closed: 'cancelled' };

/** fields/country_iso_3166.json lists every code countries-list knows except these three. */
const NOT_IN_LIBRARY = new Set(['AC', 'TA', 'XK']);

const MAX_NAME = 200;
const MAX_PLACE = 100;
const MAX_URL = 2000;
const MAX_TAG = 100;
const MAX_TAGS = 100;

const list = (value: string | undefined): string[] =>
  (value ?? '').split(';').map((part) => part.trim()).filter((part) => part !== '');

/** The schema's URL pattern is ^https?://; a bare "example.coop" (a person may type one in the Master tab) gets https://. */
function webAddress(raw: string): string | undefined {
  const value = raw.trim();
  if (!value || /\s/.test(value)) return undefined;
  const withScheme = /^https?:\/\//i.test(value) ? value : /^[a-z][a-z0-9+.-]*:/i.test(value) ? undefined : `https://${value}`;
  return withScheme && withScheme.length <= MAX_URL ? withScheme : undefined;
}

// No URL class: Apps Script's V8 lacks it.
const hostOf = (url: string): string => /^(?:[a-z]+:\/\/)?(?:www\.)?([^/?#:]+)/i.exec(url)?.[1] ?? url;

/** Cut at a character boundary, never inside a surrogate pair. */
const clip = (text: string, max: number): string => Array.from(text).slice(0, max).join('');
const fits = (text: string | undefined, max: number): string | undefined =>
  text !== undefined && Array.from(text).length <= max ? text : undefined;

function tagsOf(values: PublishRow['values']): string[] {
  const tags = [...list(values.org_type), ...list(values.sector), ...list(values.legal_structure), ...list(values.network_memberships)]
    .map((tag) => clip(tag, MAX_TAG));
  return [...new Set(tags)].slice(0, MAX_TAGS);
}

function fullAddressOf(values: PublishRow['values'], country: string | undefined): string {
  const stateAndCode = [values.state, values.postal_code].filter(Boolean).join(' ');
  const place = [values.street, values.street2, values.city, stateAndCode].filter(Boolean);
  return place.length ? [...place, country].filter(Boolean).join(', ') : '';
}

export interface ProfileOptions {
  /**
   * The country of a row that has none: a blank country means the sheet's default (the registry's
   * `country`), and without one the index cannot find the listing by country.
   */
  readonly defaultCountry?: string;
}

function startsAt(year: string | undefined): number | undefined {
  if (!year || !/^\d{4}$/.test(year)) return undefined;
  return Date.UTC(Number(year), 0, 1) / 1000;
}

export function toMurmurationsProfile(row: PublishRow, options: ProfileOptions = {}): MurmurationsProfile {
  const values = publicValues(row.values);
  const point = coordinatesOf(values.latitude, values.longitude);
  const primary = values.website ? webAddress(values.website) : undefined;
  const links = [
    ...(primary ? [{ name: 'Website', url: primary }] : []),
    ...list(values.social_links).map((raw) => webAddress(raw)).filter((url): url is string => url !== undefined)
      .map((url) => ({ name: hostOf(url), url })),
  ];
  const urls = links.filter((link, index) => links.findIndex((other) => other.url === link.url) === index);
  const tags = tagsOf(values);
  const country = (values.country ?? options.defaultCountry)?.toUpperCase();
  const address = fullAddressOf(values, country);
  const status = values.status ? STATUS[values.status.toLowerCase()] : undefined;
  const locality = fits(values.city, MAX_PLACE);
  const region = fits(values.state, MAX_PLACE);
  const founded = startsAt(values.year_founded);
  return {
    linked_schemas: [MURMURATIONS_SCHEMA],
    name: clip(values.name ?? row.dcc_id, MAX_NAME),
    ...(primary ? { primary_url: primary } : {}),
    ...(tags.length ? { tags } : {}),
    ...(urls.length ? { urls } : {}),
    ...(values.description ? { description: values.description } : {}),
    ...(status ? { status } : {}),
    ...(address ? { full_address: address } : {}),
    ...(locality ? { locality } : {}),
    ...(region ? { region } : {}),
    ...(country && countryCode(country) === country && !NOT_IN_LIBRARY.has(country) ? { country_iso_3166: country } : {}),
    ...(point ? { geolocation: { lat: point[1], lon: point[0] } } : {}),
    ...(values.email ? { contact_details: { email: values.email } } : {}),
    ...(values.phone ? { telephone: values.phone } : {}),
    ...(founded !== undefined ? { starts_at: founded } : {}),
    unique_id: row.dcc_id,
  };
}

/** Options per row, e.g. the default country of the sources it came from. */
export type ProfileOptionsOf = (row: PublishRow) => ProfileOptions;

export function toMurmurationsProfiles(rows: readonly PublishRow[], optionsOf: ProfileOptionsOf = () => ({})): MurmurationsProfile[] {
  return rows.map((row) => toMurmurationsProfile(row, optionsOf(row)));
}

/** The folder of per-listing profiles, relative to the public folder: `murmurations/<dcc_id>.json`. */
export const MURMURATIONS_DIR = 'murmurations';
export const MURMURATIONS_INDEX = 'index.json';

/** `index.json` beside the profiles: what is published, and where each retired id now lives. */
export interface MurmurationsDirectoryIndex {
  readonly schema: string;
  /** One entry per profile file, in dcc_id order. */
  readonly profiles: readonly { readonly dcc_id: string; readonly name: string; readonly path: string }[];
  /**
   * Ids merged into another listing → the listing that holds them now. They have no profile:
   * the index only deletes a node whose URL no longer answers with JSON (MurmurationsServices
   * services/index/internal/service/node.go checkProfileURL), and a second live profile would
   * show the same organization twice on every aggregator's map.
   */
  readonly retired: { readonly [retiredId: string]: string };
}

export interface MurmurationsDirectory {
  /** File name (`dcc-000001.json`) → profile. */
  readonly files: ReadonlyMap<string, MurmurationsProfile>;
  readonly index: MurmurationsDirectoryIndex;
}

/** A dcc_id makes a safe file name; anything else (a hand-edited Master tab) is skipped, not trusted as a path. */
export const isProfileId = (id: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(id);

/**
 * Every published row's profile as its own file, plus the index. Nothing in it depends on the time
 * of the run, so an unchanged row gives a byte-identical file run after run.
 */
export function toMurmurationsDirectory(rows: readonly PublishRow[], retiredIds: ReadonlyMap<string, readonly string[]> = new Map(),
  optionsOf: ProfileOptionsOf = () => ({}), built?: ReadonlyMap<PublishRow, MurmurationsProfile>): MurmurationsDirectory {
  const sorted = rows.filter((row) => isProfileId(row.dcc_id))
    .sort((a, b) => (a.dcc_id < b.dcc_id ? -1 : a.dcc_id > b.dcc_id ? 1 : 0));
  const files = new Map<string, MurmurationsProfile>();
  const retired: { [id: string]: string } = {};
  const live = new Set(sorted.map((row) => row.dcc_id));
  for (const row of sorted) {
    // Profiles the caller already built (for master.json) are the same value: not built twice.
    const profile = built?.get(row) ?? toMurmurationsProfile(row, optionsOf(row));
    files.set(`${row.dcc_id}.json`, profile);
    for (const id of retiredIds.get(row.dcc_id) ?? []) if (!live.has(id)) retired[id] = row.dcc_id;
  }
  const profiles = sorted.map((row) => ({ dcc_id: row.dcc_id, name: files.get(`${row.dcc_id}.json`)?.name ?? '',
    path: `${MURMURATIONS_DIR}/${row.dcc_id}.json` }));
  const orderedRetired = Object.fromEntries(Object.keys(retired).sort().map((id) => [id, retired[id] as string]));
  return { files, index: { schema: MURMURATIONS_SCHEMA, profiles, retired: orderedRetired } };
}

/** How a profile or the index is written: the same value always gives the same bytes. */
export const profileJson = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;
