/**
 * A Murmurations profile (someone else's, fetched from a URL the index gave us) → template values,
 * the reverse of shared/publish/murmurations.ts. It reads the organizations schema's fields and the
 * address parts other Library schemas use (street_address, locality, region, postal_code,
 * country_name: people, cta_group, catalist_object, karte_von_morgen), and ignores anything whose
 * type is not what the Library says it is. Untrusted input: every value is a clipped string.
 */
import { findTerm } from '../normalize/vocabulary';
import type { FieldKey } from '../schema';

export type ProfileValues = { [K in FieldKey]?: string };

const MAX_TEXT = 5000;

const text = (value: unknown): string | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  // Control characters (tabs and newlines aside) have no place in a listing.
  const cleaned = Array.from(String(value)).filter((char) => char >= ' ' || char === '\t' || char === '\n' || char === '\r').join('').trim();
  return cleaned ? Array.from(cleaned).slice(0, MAX_TEXT).join('') : undefined;
};
const object = (value: unknown): { [key: string]: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value as { [key: string]: unknown } : {};
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value.slice(0, 100) : []);

/** fields/status.json's five statuses in our three; "in_planning" is not yet any of them. */
const STATUS: { readonly [theirs: string]: string } = { active: 'active', on_hold: 'inactive', completed: 'closed', cancelled: 'closed' };

/** Tags go to the vocabulary they belong to; the rest are returned so nothing is lost. */
function sortTags(tags: readonly string[]): { fields: ProfileValues; other: string[] } {
  const buckets: { [K in 'org_type' | 'sector' | 'legal_structure' | 'network_memberships']: string[] } =
    { org_type: [], sector: [], legal_structure: [], network_memberships: [] };
  const other: string[] = [];
  for (const tag of tags) {
    const orgType = findTerm('org_type', tag);
    const sector = orgType ? undefined : findTerm('sector', tag);
    const legal = orgType || sector ? undefined : findTerm('legal_structure', tag);
    const network = orgType || sector || legal ? undefined : findTerm('network', tag);
    if (orgType) buckets.org_type.push(orgType.label);
    else if (sector) buckets.sector.push(sector.label);
    else if (legal && buckets.legal_structure.length === 0) buckets.legal_structure.push(legal.label);
    else if (network) buckets.network_memberships.push(network.label);
    else other.push(tag);
  }
  const fields: ProfileValues = {};
  for (const [key, values] of Object.entries(buckets) as [keyof typeof buckets, string[]][]) {
    if (values.length) fields[key] = [...new Set(values)].join('; ');
  }
  return { fields, other };
}

export function profileToValues(profile: unknown): { values: ProfileValues; otherTags: string[] } {
  const p = object(profile);
  const geo = object(p.geolocation);
  const lat = typeof geo.lat === 'number' ? geo.lat : typeof p.latitude === 'number' ? p.latitude : undefined;
  const lon = typeof geo.lon === 'number' ? geo.lon : typeof p.longitude === 'number' ? p.longitude : undefined;
  const primary = text(p.primary_url);
  const links = array(p.urls).map((link) => text(object(link).url)).filter((url): url is string => url !== undefined && url !== primary);
  const tags = sortTags(array(p.tags).map(text).filter((tag): tag is string => tag !== undefined));
  const starts = typeof p.starts_at === 'number' && Number.isFinite(p.starts_at) ? new Date(p.starts_at * 1000).getUTCFullYear() : undefined;
  const status = text(p.status);
  const values: ProfileValues = {
    name: text(p.name) ?? text(p.title),
    // A profile with only full_address gets it as a one-line street, which validation spreads into its parts.
    street: text(p.street_address) ?? (text(p.locality) ? undefined : text(p.full_address)),
    city: text(p.locality),
    state: text(p.region),
    postal_code: text(p.postal_code),
    country: text(p.country_iso_3166) ?? text(p.country_name),
    latitude: lat !== undefined && lon !== undefined ? String(lat) : undefined,
    longitude: lat !== undefined && lon !== undefined ? String(lon) : undefined,
    website: primary,
    email: text(object(p.contact_details).email) ?? text(p.email),
    phone: text(p.telephone),
    description: text(p.description) ?? text(p.mission),
    status: status ? STATUS[status] : undefined,
    year_founded: starts !== undefined && starts > 1000 && starts < 3000 ? String(starts) : undefined,
    members: typeof p.number_of_members === 'number' ? String(p.number_of_members) : undefined,
    social_links: links.length ? links.join('; ') : undefined,
    ...tags.fields,
  };
  return {
    values: Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as ProfileValues,
    otherTags: tags.other,
  };
}
