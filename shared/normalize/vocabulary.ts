import { distance } from 'fastest-levenshtein';
import { VOCABULARIES, type Term, type VocabularyName } from '../schema/vocabularies';
import { corrected, invalid, ok, type Normalized } from './result';
import { splitList } from './text';

/**
 * Matching key for a vocabulary term: accents, case, punctuation, "&"/"and", co-op spellings,
 * plurals and word order do not matter, so "Co-op, Worker" and "worker cooperatives" meet.
 */
export function termKey(text: string): string {
  return text
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bco-?ops?\b|\bco\s+ops?\b/g, 'cooperative')
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((word) => word && word !== 'and' && word !== 'the' && word !== 'a' && word !== 'of')
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word))
    .sort()
    .join(' ');
}

interface Index {
  readonly exact: Map<string, Term>;
  readonly keys: ReadonlyArray<readonly [string, Term]>;
}

const INDEXES = new Map<VocabularyName, Index>();

function indexOf(name: VocabularyName): Index {
  let index = INDEXES.get(name);
  if (!index) {
    const exact = new Map<string, Term>();
    for (const term of VOCABULARIES[name].terms) {
      for (const text of [term.label, term.key.replace(/_/g, ' '), ...term.synonyms]) {
        const key = termKey(text);
        if (key && !exact.has(key)) exact.set(key, term);
      }
    }
    index = { exact, keys: [...exact.entries()] };
    INDEXES.set(name, index);
  }
  return index;
}

export function findTerm(name: VocabularyName, text: string): Term | undefined {
  return indexOf(name).exact.get(termKey(text));
}

/** The closest terms to an unknown value, best first, with a similarity in 0..1. */
export function closestTerms(name: VocabularyName, text: string, limit = 3): { term: Term; similarity: number }[] {
  const key = termKey(text);
  if (!key) return [];
  const best = new Map<Term, number>();
  const words = new Set(key.split(' '));
  for (const [candidate, term] of indexOf(name).keys) {
    const edit = 1 - distance(key, candidate) / Math.max(key.length, candidate.length);
    const other = candidate.split(' ');
    const shared = other.filter((word) => words.has(word)).length;
    const overlap = shared / Math.max(words.size, other.length);
    const similarity = Math.max(edit, overlap * 0.9);
    if (similarity > (best.get(term) ?? 0)) best.set(term, similarity);
  }
  return [...best.entries()]
    .map(([term, similarity]) => ({ term, similarity }))
    .filter((entry) => entry.similarity >= 0.4)
    .sort((x, y) => y.similarity - x.similarity || x.term.label.localeCompare(y.term.label))
    .slice(0, limit);
}

/** A fix is only offered when one candidate is clearly right; otherwise the member chooses. */
const CONFIDENT = 0.75;

export function normalizeTerms(raw: string, name: VocabularyName, multiple = true): Normalized {
  const value = raw.trim();
  if (!value) return ok('');
  const whole = findTerm(name, value);
  const parts = whole ? [value] : multiple ? splitList(value, true) : [value];
  const labels: string[] = [];
  const unknown: string[] = [];
  let fixable = true;
  const fixed: string[] = [];
  for (const part of parts) {
    const term = findTerm(name, part);
    if (term) {
      if (!labels.includes(term.label)) labels.push(term.label);
      if (!fixed.includes(term.label)) fixed.push(term.label);
      continue;
    }
    unknown.push(part);
    const [first, second] = closestTerms(name, part, 2);
    if (first && first.similarity >= CONFIDENT && (!second || first.similarity - second.similarity > 0.1)) {
      if (!fixed.includes(first.term.label)) fixed.push(first.term.label);
    } else {
      fixable = false;
    }
  }
  const joined = labels.join('; ');
  if (unknown.length === 0) {
    if (joined === value) return ok(joined);
    return corrected(joined, `${name}_format`, `Use the template's wording: "${joined}".`);
  }
  const list = VOCABULARIES[name].label.toLowerCase();
  const suggestions = unknown
    .map((part) => {
      const close = closestTerms(name, part).map((entry) => `"${entry.term.label}"`);
      return close.length ? `"${part}" is not in the ${list} list; did you mean ${close.join(' or ')}?`
        : `"${part}" is not in the ${list} list; pick a value from the list (or "other").`;
    })
    .join(' ');
  return { ...invalid(joined, `${name}_unknown`, suggestions, fixable ? fixed.join('; ') : undefined) };
}
