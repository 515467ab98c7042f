/**
 * US street addresses as members type them. Two jobs: split a whole address written on one line
 * ("221 E. 51st St. Chicago IL 60615") into the template's fields, and parse a street line into
 * house number, directionals, street name, street type and unit so that "5144 North Peterson
 * Ave., Apt 3B" and "5144 N Peterson Avenue #3B" compare equal.
 */
import type { FieldValues } from '../schema/record';
import { stateCode } from './state';

export interface AddressParts {
  street: string;
  street2?: string;
  city?: string;
  state?: string;
  postal_code?: string;
}

export interface ParsedStreet {
  /** "221", "221-B", "12½" stays as typed, lowercased. */
  houseNumber?: string;
  preDirectional?: string;
  /** Street name words, lowercased, abbreviations untouched ("51st", "cesar chavez"). */
  name: string;
  /** USPS abbreviation: "st", "ave", "blvd"… */
  streetType?: string;
  postDirectional?: string;
  /** Unit designator value ("3b" for "Apt 3B", "200" for "Suite 200"). */
  unit?: string;
}

/** USPS standard suffix abbreviations, keyed by every spelling we meet. */
const STREET_TYPES: { readonly [word: string]: string } = (() => {
  const groups: readonly (readonly string[])[] = [
    ['st', 'street', 'str', 'streets'], ['ave', 'avenue', 'av', 'aven', 'avn', 'avenu'], ['rd', 'road'],
    ['blvd', 'boulevard', 'boul', 'blv'], ['dr', 'drive', 'drv'], ['ln', 'lane'], ['ct', 'court', 'crt'],
    ['pl', 'place'], ['pkwy', 'parkway', 'pky', 'parkwy'], ['way', 'wy'], ['ter', 'terrace', 'terr'],
    ['cir', 'circle', 'circ'], ['hwy', 'highway', 'hiway'], ['sq', 'square'], ['trl', 'trail'], ['plz', 'plaza'],
    ['aly', 'alley'], ['xing', 'crossing'], ['loop'], ['row'], ['walk'], ['pike'], ['run'], ['path'],
    ['expy', 'expressway'], ['fwy', 'freeway'], ['tpke', 'turnpike'], ['cv', 'cove'], ['pt', 'point'], ['mall'],
  ];
  const map: { [word: string]: string } = {};
  for (const group of groups) for (const word of group) map[word] = group[0] as string;
  return map;
})();

const DIRECTIONALS: { readonly [word: string]: string } = {
  n: 'n', north: 'n', s: 's', south: 's', e: 'e', east: 'e', w: 'w', west: 'w',
  ne: 'ne', northeast: 'ne', nw: 'nw', northwest: 'nw', se: 'se', southeast: 'se', sw: 'sw', southwest: 'sw',
};

const UNIT_WORDS = new Set(['apt', 'apartment', 'suite', 'ste', 'unit', 'no', 'number', 'rm', 'room', 'fl', 'floor',
  'bldg', 'building', 'lot', 'spc', 'space', 'dept', 'office', 'ofc', 'po', 'box', '#']);

const POSTAL_AT_END = /[\s,]+(\d{5}(?:-\d{4})?|\d{9})\s*$/;
const STATE_NAME_MAX_WORDS = 3;

/** Lowercases, drops periods and turns "#3B" into "# 3B" so tokens line up with the word tables. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/#\s*/g, ' # ')
    .replace(/[.,;]/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/**
 * Splits "221 E. 51st St. Chicago IL 60615" into street, city, state and postal code. Returns
 * undefined when the text does not look like a whole address (no state or ZIP at its end and no
 * comma-separated city), so that a plain street line is left alone.
 */
export function splitOneLineAddress(text: string): AddressParts | undefined {
  let rest = text.replace(/\s*[\r\n]+\s*/g, ', ').replace(/\s+/g, ' ').trim().replace(/[,\s]+$/, '');
  if (rest.length === 0) return undefined;

  let postal: string | undefined;
  const postalMatch = POSTAL_AT_END.exec(` ${rest}`);
  if (postalMatch?.[1]) {
    postal = postalMatch[1].length === 9 ? `${postalMatch[1].slice(0, 5)}-${postalMatch[1].slice(5)}` : postalMatch[1];
    rest = ` ${rest}`.slice(0, postalMatch.index).trim().replace(/,\s*$/, '');
  }

  let state: string | undefined;
  const stateMatch = takeStateAtEnd(rest);
  if (stateMatch) {
    state = stateMatch.code;
    rest = stateMatch.rest;
  }
  if (!postal && !state && !rest.includes(',')) return undefined;

  const segments = rest.split(',').map((part) => part.trim()).filter((part) => part.length > 0);
  let street = '';
  let city: string | undefined;
  if (segments.length >= 2) {
    const last = segments[segments.length - 1] as string;
    if (looksLikeStreetOrUnit(last)) {
      const split = splitStreetAndCity(segments.join(', '));
      street = split.street;
      city = split.city;
    } else {
      city = last;
      street = segments.slice(0, -1).join(', ');
    }
  } else if (segments.length === 1) {
    const split = splitStreetAndCity(segments[0] as string);
    street = split.street;
    city = split.city;
  }

  const { street: line1, street2 } = splitUnit(street);
  const parts: AddressParts = { street: line1 };
  if (street2) parts.street2 = street2.replace(/#\s+/, '#');
  if (city) parts.city = city;
  if (state) parts.state = state;
  if (postal) parts.postal_code = postal;
  return parts.street || parts.city || parts.state || parts.postal_code ? parts : undefined;
}

function takeStateAtEnd(text: string): { code: string; rest: string } | undefined {
  const tokens = text.split(/(\s+|,)/);
  // Longest names first so "West Virginia" is not read as "Virginia".
  for (let count = STATE_NAME_MAX_WORDS; count >= 1; count--) {
    const wordsOnly: number[] = [];
    for (let i = tokens.length - 1; i >= 0 && wordsOnly.length < count; i--) {
      if (/\S/.test(tokens[i] as string) && tokens[i] !== ',') wordsOnly.unshift(i);
      else if (tokens[i] === ',' && wordsOnly.length > 0) break;
    }
    if (wordsOnly.length !== count) continue;
    const first = wordsOnly[0] as number;
    const candidate = wordsOnly.map((i) => (tokens[i] as string).toLowerCase()).join(' ');
    const code = stateCode(candidate);
    if (!code) continue;
    const rest = tokens.slice(0, first).join('').trim().replace(/,\s*$/, '').trim();
    return { code, rest };
  }
  return undefined;
}

function looksLikeStreetOrUnit(segment: string): boolean {
  const tokens = words(segment);
  const first = tokens[0];
  if (first === undefined) return false;
  if (/^\d/.test(first) || UNIT_WORDS.has(first)) return true;
  const last = tokens[tokens.length - 1] as string;
  return STREET_TYPES[last] !== undefined && tokens.length <= 4 && /\d/.test(segment);
}

/**
 * With no comma between street and city, the street ends at its street type or unit
 * ("986 Halsted St Washington"); a text without a house number or street type is a city alone.
 */
function splitStreetAndCity(text: string): { street: string; city?: string } {
  const raw = text.replace(/#\s*/g, '# ').split(/\s+/).filter((token) => token.length > 0);
  const norm = raw.map((token) => token.toLowerCase().replace(/[.,;]/g, ''));
  let end = -1;
  for (let i = 1; i < norm.length; i++) {
    const word = norm[i] as string;
    if (STREET_TYPES[word] !== undefined) end = i;
    if (word === '#' || UNIT_WORDS.has(word)) {
      end = Math.min(i + 1, norm.length - 1);
      break;
    }
    if (word.startsWith('#') && word.length > 1) {
      end = i;
      break;
    }
  }
  if (end >= 0 && end + 1 < norm.length && DIRECTIONALS[norm[end + 1] as string] !== undefined
    && end + 2 < norm.length) end += 1;
  if (end < 0) {
    if (/^\d/.test(norm[0] ?? '')) return { street: text.trim() };
    return { street: '', city: text.trim() };
  }
  const street = raw.slice(0, end + 1).join(' ').replace(/,\s*$/, '');
  const city = raw.slice(end + 1).join(' ').replace(/^,\s*/, '').trim();
  return city ? { street, city } : { street };
}

/** "91 Sunset Blvd, Suite 200" → street "91 Sunset Blvd", street2 "Suite 200". */
export function splitUnit(street: string): { street: string; street2?: string } {
  const match = /^(.*?)(?:,\s*|\s+)((?:#|(?:apt|apartment|suite|ste|unit|no|rm|room|fl|floor|bldg|building|lot|dept|office)\b\.?)\s*[\w-]+.*)$/i
    .exec(street.trim());
  if (!match?.[1] || !match[2] || !/\d|^\S+\s+\S/.test(match[1])) return { street: street.trim().replace(/,$/, '') };
  return { street: match[1].trim().replace(/,$/, ''), street2: match[2].trim() };
}

/** Parses a street line (with or without its unit) into comparable parts; words are lowercased. */
export function parseStreet(street: string, street2?: string): ParsedStreet {
  const tokens = words(`${street} ${street2 ?? ''}`);
  const result: ParsedStreet = { name: '' };
  let i = 0;
  if (tokens[0] !== undefined && /^\d+[a-z]?(?:-\d+[a-z]?)?$/.test(tokens[0]) && tokens.length > 1) {
    result.houseNumber = tokens[0];
    i = 1;
  }
  let unitStart = tokens.length;
  for (let j = i; j < tokens.length; j++) {
    const word = tokens[j] as string;
    if (UNIT_WORDS.has(word) && j > i) {
      unitStart = j;
      break;
    }
  }
  const body = tokens.slice(i, unitStart);
  const unitTokens = tokens.slice(unitStart).filter((word) => !UNIT_WORDS.has(word));
  if (unitTokens.length > 0) result.unit = unitTokens.join('');

  if (body.length > 1 && DIRECTIONALS[body[0] as string] !== undefined) result.preDirectional = DIRECTIONALS[body.shift() as string];
  if (body.length > 1 && DIRECTIONALS[body[body.length - 1] as string] !== undefined) {
    result.postDirectional = DIRECTIONALS[body.pop() as string];
  }
  if (body.length > 1 && STREET_TYPES[body[body.length - 1] as string] !== undefined) {
    result.streetType = STREET_TYPES[body.pop() as string];
  }
  result.name = body.join(' ');
  return result;
}

/** The street type's USPS abbreviation, or undefined when the word is not a street type. */
export function streetTypeAbbreviation(word: string): string | undefined {
  return STREET_TYPES[word.toLowerCase().replace(/\.$/, '')];
}

/**
 * A `street` cell holding a whole address ("221 E. 51st St. Chicago IL 60615"): the street part
 * stays in `street`, and the other parts fill the address fields the record left empty. Undefined
 * when the cell is a plain street line. Validation and matching both read addresses this way.
 */
export function spreadOneLineAddress(values: FieldValues): { values: FieldValues; parts: AddressParts } | undefined {
  const street = values.street;
  if (!street) return undefined;
  const parts = splitOneLineAddress(street);
  if (!parts || (!parts.city && !parts.state && !parts.postal_code)) return undefined;
  const spread: FieldValues = { ...values, street: parts.street };
  for (const field of ['street2', 'city', 'state', 'postal_code'] as const) {
    const part = parts[field];
    if (part && !spread[field]?.trim()) spread[field] = part;
  }
  return { values: spread, parts };
}
