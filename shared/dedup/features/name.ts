/**
 * Organization names reduced to what identifies them. Legal-form words (inc, llc, co-op,
 * cooperative, the…) vary freely between sources, so they are taken out of the name and kept
 * as a separate feature instead of being thrown away.
 */

export interface NormalizedName {
  /** Core words in their original order, space-separated: "silver pine farm". */
  readonly key: string;
  /** Core words, unique, in original order. */
  readonly tokens: readonly string[];
  /** Legal-form words found, canonical and sorted: ["coop", "inc"]. */
  readonly forms: readonly string[];
}

/** Canonical legal form by spelling; multi-word spellings are joined before lookup. */
const LEGAL_FORMS: { readonly [word: string]: string } = {
  coop: 'coop', coops: 'coop', cooperative: 'coop', cooperatives: 'coop', cooperativa: 'coop', cooperatief: 'coop',
  cooperation: 'coop', cooperatve: 'coop',
  inc: 'inc', incorporated: 'inc', llc: 'llc', lc: 'llc', ltd: 'ltd', limited: 'ltd', corp: 'corp', corporation: 'corp',
  co: 'co', company: 'co', pbc: 'pbc', lca: 'lca', the: 'the',
};

/** Articles that are neither identifying nor a legal form. */
const STOP_WORDS = new Set(['and', 'of', 'y', 'de', 'del', 'et', 'la', 'el', 'los', 'las']);

/** Folds accents and compatibility forms (ﬁ, full-width letters) to plain lowercase ASCII where possible. */
export function foldText(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

export function normalizeName(raw: string | undefined): NormalizedName {
  if (!raw) return { key: '', tokens: [], forms: [] };
  let text = foldText(raw);
  // A trailing qualifier names the city or the initials, not the organization: "Granary Kitchen
  // (Portland)", "Riverside Food Co-op (RFC)". A name that is nothing but brackets keeps them.
  if (text.endsWith(')')) {
    const open = text.lastIndexOf('(');
    if (open > 0 && /[\p{L}\p{N}]/u.test(text.slice(0, open))) text = text.slice(0, open);
  }
  // Each rewrite only runs when its trigger is present: names are short and mostly plain.
  if (text.includes('&')) text = text.replace(/&/g, ' and ');
  if (/['’`]/.test(text)) text = text.replace(/['’`]/g, '');
  // "co-op", "co op", "co-operative" are one word before hyphens become spaces.
  if (text.includes('co')) text = text.replace(/\bco[\s-]?op(erative|eratives|s)?\b/g, ' coop ');
  if (text.includes('.')) {
    text = text.replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1').replace(/\b(l)\.?\s?(l)\.?\s?(c)\b\.?/g, 'llc');
  }
  // The Unicode-aware pattern is several times slower; most names are plain ASCII once folded.
  // eslint-disable-next-line no-control-regex
  text = /^[\x00-\x7f]*$/.test(text) ? text.replace(/[^a-z0-9]+/g, ' ') : text.replace(/[^\p{L}\p{N}]+/gu, ' ');
  const tokens: string[] = [];
  const forms = new Set<string>();
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const form = LEGAL_FORMS[word];
    if (form !== undefined) {
      forms.add(form);
      continue;
    }
    if (STOP_WORDS.has(word)) continue;
    if (!tokens.includes(word)) tokens.push(word);
  }
  if (tokens.length === 0 && forms.size > 0) {
    // A name made only of form words ("The Cooperative") is still a name.
    const only = [...forms].filter((form) => form !== 'the');
    return { key: only.join(' '), tokens: only, forms: [] };
  }
  return { key: tokens.join(' '), tokens, forms: [...forms].sort() };
}
