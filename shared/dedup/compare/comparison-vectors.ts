/**
 * Comparison vectors: for a pair of nodes, the level (gamma) reached in each comparison.
 * Interned ids make the common cases (equal, missing) integer comparisons; strings are only
 * measured when ids differ.
 */
import type { FeatureTable } from '../features/match-features';
import type { ComparisonKind, ComparisonSpec } from './comparison-library';
import { PairMemo } from './pair-memo';
import { jaroWinklerAtLeast, tokenContainment, withinOneEdit } from './string-similarity';
import { nameWordWeights } from './term-frequencies';

export interface CompareContext {
  readonly table: FeatureTable;
  /** Term-frequency weight of each name word (see term-frequencies.ts). */
  readonly wordWeights: Float64Array;
  /** Similarity of word pairs already measured, by word ids of this table (see wordSimilarity). */
  readonly wordMemo: PairMemo;
  /** Street-name similarity by street ids, and city similarity by city ids, likewise. */
  readonly streetMemo: PairMemo;
  readonly cityMemo: PairMemo;
  /** What the last name comparison measured beside its Jaccard; per context, so runs never share it. */
  readonly overlap: WordOverlap;
}

/** Side results of a word-overlap measure, reused from pair to pair so hot loops allocate nothing. */
interface WordOverlap {
  /** Shared weight over the smaller name's weight. */
  containment: number;
  /** Share of the less-covered name's weight that the other name lacks. */
  ownWords: number;
}

/** Everything comparisons need about one table; the memos live as long as the context. */
export function compareContext(table: FeatureTable): CompareContext {
  return { table, wordWeights: nameWordWeights(table), wordMemo: new PairMemo(), streetMemo: new PairMemo(),
    cityMemo: new PairMemo(), overlap: { containment: 0, ownWords: 0 } };
}

type CompareFn = (context: CompareContext, a: number, b: number) => number;

const NAME_VERY_CLOSE = 0.85;
const NAME_CLOSE = 0.6;
const NAME_SOME = 0.35;
const NAME_JARO_WINKLER = 0.96;
const WORD_JARO_WINKLER = 0.88;
const CITY_JARO_WINKLER = 0.92;
const STREET_JARO_WINKLER = 0.88;

/**
 * Word pairs recur across candidate pairs ("bakery" against "brewery" thousands of times), so
 * their similarity is remembered, per table since word ids are.
 */
function wordSimilarity(wordMemo: PairMemo, words: readonly string[], x: number, y: number): number {
  let similarity = wordMemo.get(x, y);
  if (similarity < 0) {
    const a = words[x] as string;
    const b = words[y] as string;
    similarity = jaroWinklerAtLeast(a, b, WORD_JARO_WINKLER);
    if (similarity < ABBREVIATION_SIMILARITY && isAbbreviation(a, b)) similarity = ABBREVIATION_SIMILARITY;
    wordMemo.set(x, y, similarity);
  }
  return similarity;
}

/** A word written short: "deli" for "delicatessen", "assn" is not ("assoc" is). */
const ABBREVIATION_SIMILARITY = 0.9;
const ABBREVIATION_MIN_LENGTH = 4;

function isAbbreviation(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= ABBREVIATION_MIN_LENGTH && long.length > short.length + 1 && long.startsWith(short);
}

/** "upper silverlake farm" and "uppersilverlake farm": the same letters, a space apart. */
function equalIgnoringSpaces(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && a.charCodeAt(i) === 32) i++;
    while (j < b.length && b.charCodeAt(j) === 32) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

/**
 * Weighted word overlap: shared weight over the weight of both names, where words that differ
 * by a typo count as shared in proportion to their similarity. Returns the weighted Jaccard
 * and leaves the containment and own-word share in `context.overlap`.
 */
function weightedWordOverlap(context: CompareContext, a: number, b: number): number {
  const { table, wordWeights } = context;
  const { wordIds, wordStart, nameWords } = table;
  const startA = wordStart[a] as number;
  const endA = wordStart[a + 1] as number;
  const startB = wordStart[b] as number;
  const endB = Math.min(wordStart[b + 1] as number, startB + 31);
  let totalA = 0;
  let totalB = 0;
  for (let i = startA; i < endA; i++) totalA += wordWeights[wordIds[i] as number] as number;
  for (let j = startB; j < (wordStart[b + 1] as number); j++) totalB += wordWeights[wordIds[j] as number] as number;
  let shared = 0;
  let usedB = 0;
  let unmatchedA = 0;
  for (let i = startA; i < endA; i++) {
    const id = wordIds[i] as number;
    let found = false;
    for (let j = startB; j < endB; j++) {
      if (wordIds[j] === id && (usedB & (1 << (j - startB))) === 0) {
        usedB |= 1 << (j - startB);
        shared += wordWeights[id] as number;
        found = true;
        break;
      }
    }
    if (!found) unmatchedA |= 1 << Math.min(i - startA, 30);
  }
  for (let i = startA; i < endA && unmatchedA !== 0; i++) {
    if ((unmatchedA & (1 << Math.min(i - startA, 30))) === 0) continue;
    const id = wordIds[i] as number;
    if ((nameWords[id] as string).length < 3) continue;
    let best = 0;
    let bestJ = -1;
    for (let j = startB; j < endB; j++) {
      if ((usedB & (1 << (j - startB))) !== 0) continue;
      const other = wordIds[j] as number;
      if ((nameWords[other] as string).length < 3) continue;
      const similarity = wordSimilarity(context.wordMemo, nameWords, id, other);
      if (similarity > best) {
        best = similarity;
        bestJ = j;
      }
    }
    if (best >= WORD_JARO_WINKLER && bestJ >= 0) {
      usedB |= 1 << (bestJ - startB);
      shared += Math.min(wordWeights[id] as number, wordWeights[wordIds[bestJ] as number] as number) * best;
    }
  }
  const union = totalA + totalB - shared;
  const smaller = Math.min(totalA, totalB);
  const larger = Math.max(totalA, totalB);
  context.overlap.containment = smaller > 0 ? shared / smaller : 0;
  context.overlap.ownWords = smaller > 0 ? Math.min(1 - shared / smaller, 1 - shared / larger) : 0;
  return union > 0 ? shared / union : 0;
}

const compareName: CompareFn = (context, a, b) => {
  const name = context.table.name;
  const idA = name.ids[a] as number;
  const idB = name.ids[b] as number;
  if (idA === 0 || idB === 0) return 0;
  if (idA === idB) return 1;
  const jaccard = weightedWordOverlap(context, a, b);
  const { containment, ownWords } = context.overlap;
  if (jaccard >= NAME_VERY_CLOSE || jaroWinklerAtLeast(name.text(a), name.text(b), NAME_JARO_WINKLER) >= NAME_JARO_WINKLER
    || equalIgnoringSpaces(name.text(a), name.text(b))) return 2;
  if (containment >= 0.9) return 3;
  // A hotel's café and its dining room: shared words, and on both sides words of their own.
  if (jaccard >= NAME_SOME && ownWords >= OWN_WORDS) return 5;
  if (jaccard >= NAME_CLOSE) return 3;
  if (jaccard >= NAME_SOME) return 4;
  return 6;
};

/** Each name keeps at least this share of its word weight to itself (see compareName). */
const OWN_WORDS = 0.3;

/** Address levels: 0 no street, 1 exact, 2 other unit, 3 close, 4 same street, 5 different. */
const compareAddress: CompareFn = ({ table, streetMemo }, a, b) => {
  const streetA = table.streetName.ids[a] as number;
  const streetB = table.streetName.ids[b] as number;
  if (streetA === 0 || streetB === 0) return 0;
  const houseA = table.houseNumber.ids[a] as number;
  const houseB = table.houseNumber.ids[b] as number;
  const unitA = table.unit.ids[a] as number;
  const unitB = table.unit.ids[b] as number;
  const unitsDiffer = unitA !== 0 && unitB !== 0 && unitA !== unitB;
  const sameHouse = houseA === houseB;
  let streetSimilarity = 1;
  if (streetA !== streetB) {
    streetSimilarity = streetMemo.get(streetA, streetB);
    if (streetSimilarity < 0) {
      const textA = table.streetName.text(a);
      const textB = table.streetName.text(b);
      streetSimilarity = jaroWinklerAtLeast(textA, textB, STREET_JARO_WINKLER);
      if (streetSimilarity < STREET_JARO_WINKLER && tokenContainment(textA, textB) >= 1) streetSimilarity = STREET_JARO_WINKLER;
      streetMemo.set(streetA, streetB, streetSimilarity);
    }
  }
  if (sameHouse && streetSimilarity === 1) return unitsDiffer ? 2 : 1;
  if (sameHouse && streetSimilarity >= STREET_JARO_WINKLER) return unitsDiffer ? 2 : 3;
  const bothHouses = houseA !== 0 && houseB !== 0;
  if (bothHouses && streetSimilarity === 1
    && withinOneEdit(table.houseNumber.text(a), table.houseNumber.text(b))) return 3;
  if (streetSimilarity >= STREET_JARO_WINKLER) return 4;
  return 5;
};

/** Place levels: 0 nothing to compare, 1 same postal code, 2 same city, 3 same state only, 4 different. */
const comparePlace: CompareFn = ({ table, cityMemo }, a, b) => {
  const postalA = table.postalCode.ids[a] as number;
  const postalB = table.postalCode.ids[b] as number;
  if (postalA !== 0 && postalA === postalB) return 1;
  const cityA = table.city.ids[a] as number;
  const cityB = table.city.ids[b] as number;
  if (cityA !== 0 && cityB !== 0) {
    if (cityA === cityB) return 2;
    let similarity = cityMemo.get(cityA, cityB);
    if (similarity < 0) {
      similarity = jaroWinklerAtLeast(table.city.text(a), table.city.text(b), CITY_JARO_WINKLER);
      cityMemo.set(cityA, cityB, similarity);
    }
    return similarity >= CITY_JARO_WINKLER ? 2 : 4;
  }
  const stateA = table.state.ids[a] as number;
  const stateB = table.state.ids[b] as number;
  if (stateA !== 0 && stateB !== 0 && stateA !== stateB) return 4;
  if (postalA !== 0 && postalB !== 0) return 4;
  if (stateA !== 0 && stateA === stateB) return 3;
  return 0;
};

const comparePhone: CompareFn = ({ table }, a, b) => {
  const shortA = table.phone7.ids[a] as number;
  const shortB = table.phone7.ids[b] as number;
  if (shortA === 0 || shortB === 0) return 0;
  const fullA = table.phone.ids[a] as number;
  const fullB = table.phone.ids[b] as number;
  if (fullA !== 0 && fullA === fullB) return 1;
  if (shortA === shortB && (fullA === 0 || fullB === 0)) return 2;
  return 3;
};

const exactOrDifferent = (column: (table: FeatureTable) => { ids: Int32Array }): CompareFn => ({ table }, a, b) => {
  const ids = column(table).ids;
  const idA = ids[a] as number;
  const idB = ids[b] as number;
  if (idA === 0 || idB === 0) return 0;
  return idA === idB ? 1 : 2;
};

const KM_PER_DEGREE = 111.2;

/** Distance levels: 0 no coordinates, 1 within 100 m, 2 within 2 km, 3 further. */
const compareDistance: CompareFn = ({ table }, a, b) => {
  const latA = table.latitude[a] as number;
  const latB = table.latitude[b] as number;
  if (Number.isNaN(latA) || Number.isNaN(latB)) return 0;
  const dLat = (latA - latB) * KM_PER_DEGREE;
  const dLng = ((table.longitude[a] as number) - (table.longitude[b] as number))
    * KM_PER_DEGREE * Math.cos(((latA + latB) / 2) * (Math.PI / 180));
  const km = Math.sqrt(dLat * dLat + dLng * dLng);
  return km <= 0.1 ? 1 : km <= 2 ? 2 : 3;
};

/**
 * Two places only disagree on the city name when nothing else does: a neighbourhood, suburb or
 * alias ("Harlem", "Lincoln Park", "SF") for the city is the same place when the postal codes
 * and states do not differ and the map (when both have coordinates) puts them within 2 km.
 */
function onlyCityNamesDiffer({ table }: CompareContext, a: number, b: number, distance: number): boolean {
  if (distance === 3) return false;
  const postalA = table.postalCode.ids[a] as number;
  const postalB = table.postalCode.ids[b] as number;
  if (postalA !== 0 && postalB !== 0 && postalA !== postalB) return false;
  const stateA = table.state.ids[a] as number;
  const stateB = table.state.ids[b] as number;
  return stateA === 0 || stateB === 0 || stateA === stateB;
}

/** Both sides have a house number: the street address is a whole one, not a street name alone. */
const bothHouses = ({ table }: CompareContext, a: number, b: number): boolean =>
  table.houseNumber.ids[a] !== 0 && table.houseNumber.ids[b] !== 0;

/** See LEVELS.location for the meaning of each returned level. */
const compareLocation: CompareFn = (context, a, b) => {
  const address = compareAddress(context, a, b);
  const place = comparePlace(context, a, b);
  const distance = compareDistance(context, a, b);
  if (place === 4 || distance === 3) {
    if (address !== 0 && address <= 3 && onlyCityNamesDiffer(context, a, b, distance)) return address === 2 ? 4 : 3;
    if ((address === 4 || address === 5) && bothHouses(context, a, b)) return 12;
    return 11;
  }
  if (address === 1) return 1;
  if (address === 3) return 2;
  if (address === 2) return 4;
  if (address === 0 && distance === 1) return 5;
  if (address === 4) return 6;
  if (address === 5) return place === 3 ? 10 : 9;
  if (place === 1) return 7;
  if (place === 2) return 8;
  if (place === 3) return 10;
  return distance === 2 ? 8 : 0;
};

const compareLegalForm: CompareFn = ({ table }, a, b) => {
  const formA = table.legalForm.ids[a] as number;
  const formB = table.legalForm.ids[b] as number;
  if (formA === 0 || formB === 0) return 0;
  return formA === formB ? 1 : 2;
};

const COMPARE: { readonly [kind in ComparisonKind]: CompareFn } = {
  name: compareName,
  location: compareLocation,
  phone: comparePhone,
  website: exactOrDifferent((table) => table.domain),
  email: exactOrDifferent((table) => table.email),
  legal_form: compareLegalForm,
};

/** Writes the comparison vector of nodes a and b into `out` at `offset`. */
export function comparisonVector(context: CompareContext, specs: readonly ComparisonSpec[], a: number, b: number,
  out: Uint8Array, offset: number): void {
  for (let c = 0; c < specs.length; c++) out[offset + c] = COMPARE[(specs[c] as ComparisonSpec).kind](context, a, b);
}

/** Comparison vectors of many pairs, `specs.length` bytes per pair. */
export function comparisonVectors(context: CompareContext, specs: readonly ComparisonSpec[], a: Int32Array,
  b: Int32Array, onProgress?: (done: number) => void): Uint8Array {
  const width = specs.length;
  const gammas = new Uint8Array(a.length * width);
  for (let i = 0; i < a.length; i++) {
    comparisonVector(context, specs, a[i] as number, b[i] as number, gammas, i * width);
    if (onProgress && i % 100000 === 99999) onProgress(i + 1);
  }
  return gammas;
}
