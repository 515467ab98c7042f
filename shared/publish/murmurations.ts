/**
 * master.json: each row as a profile of the Murmurations organizations schema
 * (organizations_schema-v1.0.0: linked_schemas, name, primary_url, urls, description, locality,
 * region, postal_code, country_iso_3166, geolocation {lat, lon}, email, telephone, tags), so the
 * directory can be shared with other networks' aggregators.
 */
import { coordinatesOf } from './geojson';
import { publicValues } from './privacy';
import type { PublishRow } from './rows';

export const MURMURATIONS_SCHEMA = 'organizations_schema-v1.0.0';

export interface MurmurationsProfile {
  readonly linked_schemas: readonly string[];
  readonly name: string;
  readonly primary_url?: string;
  readonly urls?: readonly { readonly name: string; readonly url: string }[];
  readonly description?: string;
  readonly street_address?: string;
  readonly locality?: string;
  readonly region?: string;
  readonly postal_code?: string;
  readonly country_iso_3166?: string;
  readonly geolocation?: { readonly lat: number; readonly lon: number };
  readonly email?: string;
  readonly telephone?: string;
  readonly tags?: readonly string[];
}

const list = (value: string | undefined): string[] =>
  (value ?? '').split(';').map((part) => part.trim()).filter((part) => part !== '');

/** Murmurations' primary_url is the canonical address without its scheme (e.g. "open.coop"). */
const bareUrl = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '');

// No URL class: Apps Script's V8 lacks it.
const hostOf = (url: string): string => /^(?:[a-z]+:\/\/)?(?:www\.)?([^/?#:]+)/i.exec(url)?.[1] ?? url;

export function toMurmurationsProfile(row: PublishRow): MurmurationsProfile {
  const values = publicValues(row.values);
  const point = coordinatesOf(values.latitude, values.longitude);
  const social = list(values.social_links);
  const urls = [
    ...(values.website ? [{ name: 'Website', url: values.website }] : []),
    ...social.map((url) => ({ name: hostOf(url), url })),
  ];
  const tags = [...list(values.org_type), ...list(values.sector)];
  const street = [values.street, values.street2].filter(Boolean).join(', ');
  return {
    linked_schemas: [MURMURATIONS_SCHEMA],
    name: values.name ?? row.dcc_id,
    ...(values.website ? { primary_url: bareUrl(values.website) } : {}),
    ...(urls.length ? { urls } : {}),
    ...(values.description ? { description: values.description } : {}),
    ...(street ? { street_address: street } : {}),
    ...(values.city ? { locality: values.city } : {}),
    ...(values.state ? { region: values.state } : {}),
    ...(values.postal_code ? { postal_code: values.postal_code } : {}),
    ...(values.country ? { country_iso_3166: values.country } : {}),
    ...(point ? { geolocation: { lat: point[1], lon: point[0] } } : {}),
    ...(values.email ? { email: values.email } : {}),
    ...(values.phone ? { telephone: values.phone } : {}),
    ...(tags.length ? { tags } : {}),
  };
}

export function toMurmurationsProfiles(rows: readonly PublishRow[]): MurmurationsProfile[] {
  return rows.map(toMurmurationsProfile);
}
