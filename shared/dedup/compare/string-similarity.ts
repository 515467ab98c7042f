/**
 * String similarity measures, written here: none of the installed packages offers Jaro-Winkler
 * (fastest-levenshtein is Levenshtein only, talisman is not a dependency), and for house numbers
 * `withinOneEdit` measured about twice as fast as fastest-levenshtein's `distance(a, b) <= 1`
 * (bench/dedup.bench.ts, "String measures").
 */

/**
 * Which characters of each string found a partner. Measuring millions of pairs, allocating these
 * per call would dominate, so a caller that measures often keeps one (CompareContext does) and
 * passes it in; it grows to the longest string seen.
 */
export interface JaroScratch {
  matchedA: Uint8Array;
  matchedB: Uint8Array;
}

export function jaroScratch(): JaroScratch {
  return { matchedA: new Uint8Array(64), matchedB: new Uint8Array(64) };
}

/** Jaro-Winkler similarity in [0, 1], with the usual 0.1 prefix scale over at most 4 characters. */
export function jaroWinkler(a: string, b: string, scratch?: JaroScratch): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const lenA = a.length;
  const lenB = b.length;
  if (lenA === 0 || lenB === 0) return 0;
  const marks = scratch ?? jaroScratch();
  if (marks.matchedA.length < lenA) marks.matchedA = new Uint8Array(lenA * 2);
  if (marks.matchedB.length < lenB) marks.matchedB = new Uint8Array(lenB * 2);
  const { matchedA, matchedB } = marks;
  matchedA.fill(0, 0, lenA);
  matchedB.fill(0, 0, lenB);
  const range = Math.max(0, (Math.max(lenA, lenB) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < lenA; i++) {
    const code = a.charCodeAt(i);
    const start = Math.max(0, i - range);
    const end = Math.min(lenB, i + range + 1);
    for (let j = start; j < end; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < lenA; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const jaro = (matches / lenA + matches / lenB + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, lenA, lenB);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Jaro-Winkler when it can reach `atLeast`, else 0, without measuring: Jaro is at most
 * (2 + shorter/longer) / 3, and the Winkler prefix bonus at most closes 40% of the gap to 1.
 */
export function jaroWinklerAtLeast(a: string, b: string, atLeast: number, scratch?: JaroScratch): number {
  const shorter = Math.min(a.length, b.length);
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 0;
  const bestJaro = (2 + shorter / longer) / 3;
  if (bestJaro + 0.4 * (1 - bestJaro) < atLeast) return 0;
  return jaroWinkler(a, b, scratch);
}

/** Share of the shorter string's words found in the longer one: "racine" in "souh racine" is 1. */
export function tokenContainment(a: string, b: string): number {
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  const [short, long] = wordsA.length <= wordsB.length ? [wordsA, wordsB] : [wordsB, wordsA];
  let found = 0;
  for (const word of short) if (long.includes(word)) found++;
  return short.length === 0 ? 0 : found / short.length;
}

/** Damerau-style closeness for short codes such as house numbers: equal, or one edit apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const lenA = a.length;
  const lenB = b.length;
  if (Math.abs(lenA - lenB) > 1) return false;
  let i = 0;
  while (i < lenA && i < lenB && a[i] === b[i]) i++;
  if (lenA === lenB) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return lenA > lenB ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
