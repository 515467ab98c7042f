/**
 * The data-points template as data. Everything that needs to know about fields — header
 * mapping, validation, the add-on's header row and dropdowns, the master's columns, the map's
 * filters — derives from FIELDS, so the spec lives in one place.
 */
import type { VocabularyName } from './vocabularies';

export type FieldKey =
  | 'name' | 'street' | 'street2' | 'city' | 'state' | 'postal_code' | 'country' | 'latitude' | 'longitude'
  | 'website' | 'email' | 'phone' | 'org_type' | 'sector' | 'description' | 'status' | 'source_id'
  | 'legal_structure' | 'year_founded' | 'workers' | 'members' | 'worker_owners' | 'democratic'
  | 'network_memberships' | 'languages' | 'goods_services' | 'social_links'
  | 'contact_name' | 'contact_email' | 'contact_phone' | 'notes';

export type FieldType =
  | 'text' | 'state' | 'postal_code' | 'country' | 'latitude' | 'longitude' | 'url' | 'urls' | 'email' | 'phone'
  | 'vocabulary' | 'status' | 'year' | 'count' | 'boolean' | 'languages';

/** `recommended` fields produce a warning when empty; `required` ones an error. */
export type Requirement = 'required' | 'recommended' | 'optional';
export type Visibility = 'public' | 'private';
export type Tier = 'basic' | 'in-depth';

export interface FieldDef {
  readonly key: FieldKey;
  readonly label: string;
  readonly tier: Tier;
  readonly type: FieldType;
  readonly requirement: Requirement;
  readonly visibility: Visibility;
  /** Other names the column goes by in member sheets and exports. The label and key match too. */
  readonly aliases: readonly string[];
  /** Plain-language help, shown as the header note in the add-on. */
  readonly help: string;
  readonly vocabulary?: VocabularyName;
  /** `;`-separated list of values. */
  readonly multiple?: boolean;
  readonly maxLength?: number;
}

const f = (def: FieldDef): FieldDef => def;

export const FIELDS: readonly FieldDef[] = [
  f({ key: 'name', label: 'Organization name', tier: 'basic', type: 'text', requirement: 'required', visibility: 'public',
    aliases: ['Name', 'Org', 'Organization', 'Organisation', 'Organisation name', 'Company Name', 'organization_name',
      'display_name', 'Site name', 'Business name', 'Org name'],
    help: 'The name people know the organization by. Required: a row without a name cannot be listed.',
    maxLength: 200 }),
  f({ key: 'street', label: 'Street address', tier: 'basic', type: 'text', requirement: 'recommended', visibility: 'public',
    aliases: ['Address', 'Street Address', 'Physical Address', 'address_1', 'street_address', 'street1', 'Street',
      'Address 1', 'Address line 1', 'Mailing address'],
    help: 'House number and street, e.g. "221 E 51st St". A whole address on one line is split into its parts.' }),
  f({ key: 'street2', label: 'Address line 2', tier: 'basic', type: 'text', requirement: 'optional', visibility: 'public',
    aliases: ['Suite', 'Unit', 'address_2', 'supplemental_address_1', 'Address line 2', 'street2', 'Apt'],
    help: 'Suite, unit or floor, if any.' }),
  f({ key: 'city', label: 'City', tier: 'basic', type: 'text', requirement: 'optional', visibility: 'public',
    aliases: ['Town', 'Locality', 'City/Town', 'Municipality'],
    help: 'City or town.' }),
  f({ key: 'state', label: 'State / region', tier: 'basic', type: 'state', requirement: 'optional', visibility: 'public',
    aliases: ['State', 'Province', 'Region', 'state_province', 'State/Province', 'St'],
    help: 'In the US, the two-letter state code (e.g. IL). Elsewhere, the province or region.' }),
  f({ key: 'postal_code', label: 'Postal code', tier: 'basic', type: 'postal_code', requirement: 'optional', visibility: 'public',
    aliases: ['Zip', 'ZIP Code', 'Postcode', 'postal_code', 'Zipcode', 'Post code'],
    help: 'In the US, five digits (60615) or ZIP+4 (60615-1234).' }),
  f({ key: 'country', label: 'Country', tier: 'basic', type: 'country', requirement: 'optional', visibility: 'public',
    aliases: ['Country Name', 'country_iso_3166', 'country_id', 'Nation'],
    help: 'Two-letter country code (US, CA, MX…). Country names are converted. Blank means the sheet\'s default country.' }),
  f({ key: 'latitude', label: 'Latitude', tier: 'basic', type: 'latitude', requirement: 'optional', visibility: 'public',
    aliases: ['Lat', 'geo_code_1'],
    help: 'Decimal degrees between -90 and 90, e.g. 41.80.' }),
  f({ key: 'longitude', label: 'Longitude', tier: 'basic', type: 'longitude', requirement: 'optional', visibility: 'public',
    aliases: ['Lng', 'Lon', 'Long', 'geo_code_2'],
    help: 'Decimal degrees between -180 and 180, e.g. -87.59 (negative in the Americas).' }),
  f({ key: 'website', label: 'Website', tier: 'basic', type: 'url', requirement: 'optional', visibility: 'public',
    aliases: ['URL', 'Web', 'primary_url', 'Homepage', 'Web site', 'Website URL', 'Site'],
    help: 'The web address, e.g. example.coop. https:// is added for you.' }),
  f({ key: 'email', label: 'Public email', tier: 'basic', type: 'email', requirement: 'optional', visibility: 'public',
    aliases: ['E-mail', 'Email Address', 'Email', 'Public email address'],
    help: 'An address the public may write to, e.g. hello@example.coop.' }),
  f({ key: 'phone', label: 'Public phone', tier: 'basic', type: 'phone', requirement: 'optional', visibility: 'public',
    aliases: ['Telephone', 'Phone Number', 'Phone', 'Tel'],
    help: 'A public phone number. It is stored in international form, e.g. +1 312 555 0100.' }),
  f({ key: 'org_type', label: 'Type of organization', tier: 'basic', type: 'vocabulary', requirement: 'recommended',
    visibility: 'public', vocabulary: 'org_type', multiple: true,
    aliases: ['Type', 'Org Type', 'Organizational Structure', 'Organization type', 'Entity type'],
    help: 'One or more types from the list, separated by ";" — e.g. "worker cooperative".' }),
  f({ key: 'sector', label: 'Sector', tier: 'basic', type: 'vocabulary', requirement: 'optional', visibility: 'public',
    vocabulary: 'sector', multiple: true,
    aliases: ['Industry', 'Primary Activity', 'Business Sector', 'Sectors'],
    help: 'One or more sectors from the list, separated by ";" — e.g. "retail & grocery".' }),
  f({ key: 'description', label: 'Description', tier: 'basic', type: 'text', requirement: 'optional', visibility: 'public',
    // The spec also lists "Goods and Services" here, but that is the in-depth field's own label, which wins.
    aliases: ['About', 'Mission', 'Summary'],
    help: 'A short description for the public, at most 2,000 characters.', maxLength: 2000 }),
  f({ key: 'status', label: 'Status', tier: 'basic', type: 'status', requirement: 'optional', visibility: 'public',
    aliases: ['dcc_status', 'Active'],
    help: 'active, inactive or closed. Blank means active.' }),
  f({ key: 'source_id', label: 'Row id in its source', tier: 'basic', type: 'text', requirement: 'optional', visibility: 'public',
    aliases: ['ID', 'Identifier', 'dccid', 'external_identifier', 'contact_id', 'Record id', 'Row id'],
    help: 'An id you keep for this row so it can be recognized across updates. Leave blank to have one generated.' }),
  f({ key: 'legal_structure', label: 'Legal structure', tier: 'in-depth', type: 'vocabulary', requirement: 'optional',
    visibility: 'public', vocabulary: 'legal_structure', aliases: ['Legal Structure', 'Legal form', 'Incorporation'],
    help: 'How the organization is incorporated, from the list.' }),
  f({ key: 'year_founded', label: 'Year founded', tier: 'in-depth', type: 'year', requirement: 'optional', visibility: 'public',
    aliases: ['Founded', 'Year established', 'Established', 'Founding year'],
    help: 'Four-digit year, e.g. 1998.' }),
  f({ key: 'workers', label: 'Number of workers', tier: 'in-depth', type: 'count', requirement: 'optional', visibility: 'public',
    aliases: ['Workers', 'Employees', 'Number of employees', 'Staff'],
    help: 'A whole number, 0 or more.' }),
  f({ key: 'members', label: 'Number of members', tier: 'in-depth', type: 'count', requirement: 'optional', visibility: 'public',
    aliases: ['Members', 'Membership', 'Member count'],
    help: 'A whole number, 0 or more.' }),
  f({ key: 'worker_owners', label: 'Number of worker-owners', tier: 'in-depth', type: 'count', requirement: 'optional',
    visibility: 'public', aliases: ['Worker owners', 'Worker-owners', 'Owners'],
    help: 'A whole number, no more than the number of workers.' }),
  f({ key: 'democratic', label: 'Democratically governed', tier: 'in-depth', type: 'boolean', requirement: 'optional',
    visibility: 'public', aliases: ['Democratic', 'Democratic governance', 'One member one vote'],
    help: 'yes or no.' }),
  f({ key: 'network_memberships', label: 'Networks / federations', tier: 'in-depth', type: 'vocabulary',
    requirement: 'optional', visibility: 'public', vocabulary: 'network', multiple: true,
    aliases: ['Networks', 'Federations', 'Network memberships', 'Affiliations'],
    help: 'Networks the organization belongs to, separated by ";".' }),
  f({ key: 'languages', label: 'Languages served', tier: 'in-depth', type: 'languages', requirement: 'optional',
    visibility: 'public', multiple: true, aliases: ['Languages', 'Language'],
    help: 'Two-letter language codes separated by ";", e.g. "en; es".' }),
  f({ key: 'goods_services', label: 'Goods and services', tier: 'in-depth', type: 'text', requirement: 'optional',
    visibility: 'public', aliases: ['Products', 'Services', 'Products and services'],
    help: 'What the organization offers.' }),
  f({ key: 'social_links', label: 'Social media links', tier: 'in-depth', type: 'urls', requirement: 'optional',
    visibility: 'public', multiple: true, aliases: ['Social media', 'Social', 'Facebook', 'Social links'],
    help: 'Links to social media pages, separated by ";".' }),
  f({ key: 'contact_name', label: 'Contact person', tier: 'in-depth', type: 'text', requirement: 'optional',
    visibility: 'private', aliases: ['Contact', 'Contact name', 'Primary contact'],
    help: 'Private: never published.' }),
  f({ key: 'contact_email', label: 'Contact email', tier: 'in-depth', type: 'email', requirement: 'optional',
    visibility: 'private', aliases: ['Contact e-mail', 'Private email'],
    help: 'Private: never published.' }),
  f({ key: 'contact_phone', label: 'Contact phone', tier: 'in-depth', type: 'phone', requirement: 'optional',
    visibility: 'private', aliases: ['Contact telephone', 'Private phone'],
    help: 'Private: never published.' }),
  f({ key: 'notes', label: 'Internal notes', tier: 'in-depth', type: 'text', requirement: 'optional', visibility: 'private',
    aliases: ['Notes', 'Internal', 'Comments'],
    help: 'Private: never published.' }),
];

const BY_KEY = new Map<string, FieldDef>(FIELDS.map((def) => [def.key, def]));

export function fieldByKey(key: string): FieldDef | undefined {
  return BY_KEY.get(key);
}

export function isFieldKey(key: string): key is FieldKey {
  return BY_KEY.has(key);
}

export const FIELD_KEYS: readonly FieldKey[] = FIELDS.map((def) => def.key);
export const PUBLIC_FIELDS: readonly FieldDef[] = FIELDS.filter((def) => def.visibility === 'public');
export const BASIC_FIELDS: readonly FieldDef[] = FIELDS.filter((def) => def.tier === 'basic');
/** Fields the map offers as filters, in the order it shows them. */
export const FILTER_FIELDS: readonly FieldKey[] = ['org_type', 'sector', 'state', 'legal_structure', 'status'];
