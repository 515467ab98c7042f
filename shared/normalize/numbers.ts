import { STATUS_VALUES } from '../schema/record';
import { corrected, invalid, ok, type Normalized } from './result';

/** "1,200", "12.0" and " 40 " are whole numbers people mean; "about 10" is not. */
function parseWhole(value: string): number | undefined {
  const compact = value.replace(/[,\s_]/g, '');
  if (!/^[+]?\d+(\.0+)?$/.test(compact)) return undefined;
  const number = Number(compact);
  return Number.isSafeInteger(number) ? number : undefined;
}

export function normalizeCount(raw: string, label: string): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const number = parseWhole(value);
  if (number === undefined) {
    if (/^-\d/.test(value)) return invalid(value, 'count_negative', `${label} can't be negative ("${value}").`);
    return invalid(value, 'count_invalid', `${label} should be a whole number, like 12 (found "${value}").`);
  }
  return String(number) === value ? ok(value) : corrected(String(number), 'count_format', `Write ${label.toLowerCase()} as ${number}.`);
}

export function normalizeYear(raw: string, now: Date = new Date()): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const latest = now.getFullYear();
  // A year typed as a date ("1/1/1998") reaches us as an ISO date: the year is what was meant.
  const dated = /^(\d{4})-\d{2}-\d{2}$/.exec(value);
  if (dated && Number(dated[1]) >= 1800 && Number(dated[1]) <= latest) {
    return corrected(dated[1] ?? '', 'year_format', `Write the year as ${dated[1]}.`);
  }
  const number = parseWhole(value);
  if (number === undefined || !/^\d{4}(\.0+)?$/.test(value.replace(/\s/g, ''))) {
    return invalid(value, 'year_invalid', `The year founded should be a four-digit year like 1998 (found "${value}").`);
  }
  if (number < 1800 || number > latest) {
    return invalid(value, 'year_out_of_range', `${number} can't be the year founded: it must be between 1800 and ${latest}.`);
  }
  return String(number) === value ? ok(value) : corrected(String(number), 'year_format', `Write the year as ${number}.`);
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'si', 'sí', 'oui']);
const NO = new Set(['no', 'n', 'false', '0']);

export function normalizeBoolean(raw: string, label: string): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const lower = value.toLowerCase();
  if (YES.has(lower)) return lower === 'yes' ? ok('yes') : corrected('yes', 'boolean_format', `Write "yes" or "no" for ${label.toLowerCase()}.`);
  if (NO.has(lower)) return lower === 'no' ? ok('no') : corrected('no', 'boolean_format', `Write "yes" or "no" for ${label.toLowerCase()}.`);
  return invalid(value, 'boolean_invalid', `${label} should be "yes" or "no" (found "${value}").`);
}

const STATUS_SYNONYMS: Readonly<Record<string, (typeof STATUS_VALUES)[number]>> = {
  active: 'active', open: 'active', operating: 'active', yes: 'active', true: 'active', current: 'active',
  inactive: 'inactive', dormant: 'inactive', paused: 'inactive', suspended: 'inactive', no: 'inactive', false: 'inactive',
  closed: 'closed', defunct: 'closed', dissolved: 'closed', 'out of business': 'closed', 'permanently closed': 'closed',
};

export function normalizeStatus(raw: string): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const status = STATUS_SYNONYMS[value.toLowerCase()];
  if (!status) return invalid(value, 'status_invalid', `Status should be active, inactive or closed (found "${value}").`);
  return status === value ? ok(status) : corrected(status, 'status_format', `Write the status as "${status}".`);
}

/** Decimal degrees, also accepting a trailing N/S/E/W and the degree sign. */
export function parseCoordinate(raw: string): number | undefined {
  const match = /^([+-]?\d{1,3}(?:\.\d+)?)\s*°?\s*([NSEW])?$/i.exec(raw.trim().replace(',', '.'));
  if (!match?.[1]) return undefined;
  const number = Number(match[1]);
  const hemisphere = match[2]?.toUpperCase();
  return hemisphere === 'S' || hemisphere === 'W' ? -Math.abs(number) : number;
}

export function normalizeCoordinate(raw: string, axis: 'latitude' | 'longitude'): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const number = parseCoordinate(value);
  const limit = axis === 'latitude' ? 90 : 180;
  if (number === undefined || !Number.isFinite(number)) {
    return invalid(value, `${axis}_invalid`, `The ${axis} should be a decimal number like ${axis === 'latitude' ? '41.80' : '-87.59'} (found "${value}").`);
  }
  if (Math.abs(number) > limit) {
    return invalid(value, `${axis}_out_of_range`, `${number} is not a possible ${axis}: it must be between -${limit} and ${limit}.`);
  }
  const text = String(Math.round(number * 1e6) / 1e6);
  return text === value ? ok(value) : corrected(text, `${axis}_format`, `Write the ${axis} as ${text}.`);
}
