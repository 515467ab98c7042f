import type { FieldDef } from '../schema/fields';
import { normalizeCountry } from './country';
import { normalizeEmail } from './email';
import { normalizeLanguages } from './languages';
import { normalizeBoolean, normalizeCoordinate, normalizeCount, normalizeStatus, normalizeYear } from './numbers';
import { normalizePhone } from './phone';
import { normalizePostalCode } from './postal-code';
import { invalid, ok, type Normalized } from './result';
import { normalizeState } from './state';
import { cleanText } from './text';
import { normalizeUrl, normalizeUrlList } from './url';
import { normalizeTerms } from './vocabulary';

export interface NormalizeContext {
  /** ISO alpha-2 country of the row (its own country cell, else the sheet's default). */
  readonly country: string;
  readonly now?: Date;
  /** The row's US state code, when known: it tells a lost leading zero from a short ZIP. */
  readonly state?: string;
}

/**
 * Sheets repeat themselves (the same sector, state or city down a column), and the vocabulary's
 * "closest term" search is the costliest step, so results are remembered per field, context and
 * value. Bounded: the memo is dropped whole when full, which keeps it cheap and memory flat.
 */
const MEMO_LIMIT = 20000;
const memo = new Map<string, Normalized>();
const CONTEXT_FREE = new Set(['vocabulary', 'status', 'boolean', 'languages', 'country', 'url', 'email']);

/** One entry point from a field definition to its normalizer, so callers never switch on types. */
export function normalizeField(def: FieldDef, raw: string, context: NormalizeContext): Normalized {
  const key = CONTEXT_FREE.has(def.type) ? `${def.key}\u0000${raw}` : `${def.key}\u0000${context.country}\u0000${context.state ?? ''}\u0000${raw}`;
  const known = memo.get(key);
  if (known) return known;
  const result = normalizeUncached(def, raw, context);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, result);
  return result;
}

function normalizeUncached(def: FieldDef, raw: string, context: NormalizeContext): Normalized {
  const text = cleanText(raw, def.key === 'description' || def.key === 'notes' || def.key === 'goods_services');
  if (!text) return ok('');
  switch (def.type) {
    case 'text': {
      if (def.maxLength && text.length > def.maxLength) {
        return invalid(text, `${def.key}_too_long`,
          `${def.label} is ${text.length.toLocaleString('en-US')} characters long; the limit is ${def.maxLength.toLocaleString('en-US')}. Shorten it.`,
          shorten(text, def.maxLength));
      }
      return ok(text);
    }
    case 'state': return normalizeState(text, context.country);
    case 'postal_code': return normalizePostalCode(text, context.country, context.state);
    case 'country': return normalizeCountry(text);
    case 'latitude': return normalizeCoordinate(text, 'latitude');
    case 'longitude': return normalizeCoordinate(text, 'longitude');
    case 'url': return normalizeUrl(text);
    case 'urls': return normalizeUrlList(text);
    case 'email': return normalizeEmail(text);
    case 'phone': return normalizePhone(text, context.country);
    case 'vocabulary': return normalizeTerms(text, def.vocabulary ?? 'org_type', def.multiple ?? false);
    case 'status': return normalizeStatus(text);
    case 'year': return normalizeYear(text, context.now);
    case 'count': return normalizeCount(text, def.label);
    case 'boolean': return normalizeBoolean(text, def.label);
    case 'languages': return normalizeLanguages(text);
  }
}

/** Cut at a word boundary with an ellipsis, so an accepted fix still reads as a sentence. */
function shorten(text: string, max: number): string {
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
