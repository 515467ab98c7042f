/**
 * The member's settings, kept in one document property. Reading never throws: a damaged or
 * missing value gives the defaults, so a menu item always works.
 */
import { isFieldKey, type FieldKey } from '../../../shared/schema';
import { countryCode } from '../../../shared/normalize/country';
import type { PropertyStore } from '../services/stores';
import { utf8Length } from './shards';
import { allowlistText, isAllowedUrl } from './allowlist';

export interface Settings {
  /** ISO alpha-2; used for phones, states and postal codes when a row has no country. */
  readonly country: string;
  /** Published master CSV that "Compare with the commons" reads; "" when not set. */
  readonly commonsUrl: string;
  /** Header text → field key, for columns the automatic mapping gets wrong. */
  readonly overrides: { readonly [header: string]: FieldKey };
  /** Re-check edited rows as the member types. */
  readonly liveCheck: boolean;
}

export const SETTINGS_KEY = 'dcc.settings';
export const DEFAULT_SETTINGS: Settings = { country: 'US', commonsUrl: '', overrides: {}, liveCheck: true };

/** Apps Script allows 9 KB per property value; leave room for the key. */
export const PROPERTY_VALUE_BYTES = 8_800;

export function readSettings(store: PropertyStore): Settings {
  const raw = store.get(SETTINGS_KEY);
  if (!raw) return DEFAULT_SETTINGS;
  try {
    const stored = JSON.parse(raw) as unknown;
    // An address saved before the allowlist existed must not cost the member the rest of their settings.
    const parsed = parseSettings(stored);
    const withoutUrl = parsed.settings ? parsed : parseSettings({ ...(stored as object), commonsUrl: '' });
    return withoutUrl.settings ?? DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Checks what the settings form sent; gives plain messages for anything that cannot be saved. */
export function parseSettings(input: unknown): { settings?: Settings; problems: string[] } {
  const problems: string[] = [];
  const source = typeof input === 'object' && input !== null ? (input as { [key: string]: unknown }) : {};
  const countryText = typeof source.country === 'string' ? source.country.trim() : '';
  const country = countryText === '' ? DEFAULT_SETTINGS.country : countryCode(countryText);
  if (!country) problems.push(`"${countryText}" is not a country we recognize. Use a two-letter code such as US or CA.`);
  const commonsUrl = typeof source.commonsUrl === 'string' ? source.commonsUrl.trim() : '';
  if (commonsUrl !== '' && !isAllowedUrl(commonsUrl)) {
    problems.push(`The commons address must start with ${allowlistText()}: the add-on is only allowed to read from there. ` +
      'Ask whoever installed the add-on to add your address to its allowlist (see the add-on README).');
  }
  if (commonsUrl.length > 2000) problems.push('The commons address is too long (at most 2,000 characters).');
  const overrides: { [header: string]: FieldKey } = {};
  const rawOverrides = typeof source.overrides === 'object' && source.overrides !== null
    ? (source.overrides as { [key: string]: unknown })
    : {};
  for (const [header, field] of Object.entries(rawOverrides)) {
    if (header.trim() === '' || field === '' || field === undefined) continue;
    if (typeof field === 'string' && isFieldKey(field)) overrides[header.trim()] = field;
    else problems.push(`"${String(field)}" is not a field of the template (column "${header}").`);
  }
  const liveCheck = source.liveCheck === undefined ? true : source.liveCheck === true;
  const settings: Settings = { country: country ?? '', commonsUrl, overrides, liveCheck };
  if (utf8Length(JSON.stringify(settings)) > PROPERTY_VALUE_BYTES) {
    problems.push('Too many column overrides to save (settings are limited to 9 KB). Rename some columns instead.');
  }
  return problems.length > 0 ? { problems } : { settings, problems };
}

export function writeSettings(store: PropertyStore, settings: Settings): void {
  store.setMany({ [SETTINGS_KEY]: JSON.stringify(settings) });
}
