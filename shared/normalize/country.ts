import { countries } from 'countries-list';
import { corrected, invalid, ok, type Normalized } from './result';

const squash = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');

const BY_NAME = new Map<string, string>();
for (const [code, data] of Object.entries(countries)) {
  const names = [data.name, data.native, ...((data as { alias?: string[] }).alias ?? [])];
  for (const name of names) if (name) BY_NAME.set(squash(name), code);
}
// Spellings common in North American directories that the table lacks.
for (const [name, code] of Object.entries({ us: 'US', usa: 'US', unitedstatesofamerica: 'US', theus: 'US',
  theunitedstates: 'US', uk: 'GB', greatbritain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', holland: 'NL',
  mexiko: 'MX', turtleisland: 'US' })) {
  BY_NAME.set(name, code);
}

export function countryCode(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  if (upper.length === 2 && upper in countries) return upper;
  return BY_NAME.get(squash(text));
}

/** Countries are stored as ISO 3166-1 alpha-2 codes. */
export function normalizeCountry(raw: string): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const code = countryCode(value);
  if (!code) return invalid(value, 'country_unknown', `"${value}" is not a country we recognize. Use the two-letter code, like US or CA.`);
  if (code === value) return ok(code);
  return corrected(code, 'country_format', `Write the country as its two-letter code: ${code}.`);
}
