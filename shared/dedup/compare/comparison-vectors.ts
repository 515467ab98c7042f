/**
 * Comparison vectors: for a pair of nodes, the level (gamma) reached in each comparison.
 * Interned ids make the common cases (equal, missing) integer comparisons; strings are only
 * measured when ids differ.
 */
import type { FeatureTable } from '../features/match-features';
import { levelIndex, levelThreshold, type ComparisonKind, type ComparisonSpec } from './comparison-library';
import { PairMemo } from './pair-memo';
import { jaroScratch, jaroWinklerAtLeast, tokenContainment, withinOneEdit, type JaroScratch } from './string-similarity';
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
  /** Jaro-Winkler's working space, likewise per context. */
  readonly jaro: JaroScratch;
  /** 1 for a name word with a digit in it ("123", "4th"), by word id: such words count as shared only when equal. */
  readonly numberWords: Uint8Array;
}

/** Side results of a word-overlap measure, reused from pair to pair so hot loops allocate nothing. */
interface WordOverlap {
  /** Shared weight over the smaller name's weight. */
  containment: number;
  /** Share of the less-covered name's weight that the other name lacks. */
  ownWords: number;
  /** Both names hold a number the other does not ("Local 123" / "Local 132"). */
  numbersDiffer: boolean;
}

/** Everything comparisons need about one table; the memos live as long as the context. */
export function compareContext(table: FeatureTable): CompareContext {
  return { table, wordWeights: nameWordWeights(table), wordMemo: new PairMemo(), streetMemo: new PairMemo(),
    cityMemo: new PairMemo(), overlap: { containment: 0, ownWords: 0, numbersDiffer: false }, jaro: jaroScratch(), numberWords: numberWordsOf(table) };
}

/**
 * Which name words hold a digit. "Local 123" and "Local 132", "Store 12" and "Store 21" are other
 * organizations, not typos of each other: Jaro-Winkler rates such numbers ≥ 0.88 alike, and the
 * fuzzy pass used to count them as shared words.
 */
function numberWordsOf(table: FeatureTable): Uint8Array {
  const flags = new Uint8Array(table.nameWords.length);
  for (let id = 1; id < table.nameWords.length; id++) if (/\d/.test(table.nameWords[id] as string)) flags[id] = 1;
  return flags;
}

type CompareFn = (context: CompareContext, a: number, b: number) => number;

// Levels and thresholds are looked up once, here, so that the compare functions below return
// and compare plain numbers.
const NAME = levelIndex('name');
const LOCATION = levelIndex('location');
const PHONE = levelIndex('phone');
const WEBSITE = levelIndex('website');
const EMAIL = levelIndex('email');
const LEGAL_FORM = levelIndex('legal_form');

const NAME_VERY_CLOSE = levelThreshold('name', 'veryClose');
const NAME_CLOSE = levelThreshold('name', 'close');
const NAME_SOME = levelThreshold('name', 'someWords');
const NAME_JARO_WINKLER = levelThreshold('name', 'veryClose', 'jaroWinkler');
/** Containment that makes names `close` whatever their Jaccard: one name inside the other. */
const NAME_CONTAINED = 0.9;
const SAME_SPOT_KM = levelThreshold('location', 'sameSpot');
const NEAR_KM = levelThreshold('location', 'differentCity');

const WORD_JARO_WINKLER = 0.88;
const CITY_JARO_WINKLER = 0.92;
const STREET_JARO_WINKLER = 0.88;

/**
 * Word pairs recur across candidate pairs ("bakery" against "brewery" thousands of times), so
 * their similarity is remembered, per table since word ids are.
 */
function wordSimilarity({ wordMemo, jaro }: CompareContext, words: readonly string[], x: number, y: number): number {
  let similarity = wordMemo.get(x, y);
  if (similarity < 0) {
    const a = words[x] as string;
    const b = words[y] as string;
    similarity = jaroWinklerAtLeast(a, b, WORD_JARO_WINKLER, jaro);
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
  const { table, wordWeights, numberWords } = context;
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
  let numberOnlyInA = false;
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
    if (!found) {
      unmatchedA |= 1 << Math.min(i - startA, 30);
      if (numberWords[id] === 1) numberOnlyInA = true;
    }
  }
  let numberOnlyInB = false;
  for (let j = startB; j < endB && numberOnlyInA && !numberOnlyInB; j++) {
    if ((usedB & (1 << (j - startB))) === 0 && numberWords[wordIds[j] as number] === 1) numberOnlyInB = true;
  }
  context.overlap.numbersDiffer = numberOnlyInA && numberOnlyInB;
  for (let i = startA; i < endA && unmatchedA !== 0; i++) {
    if ((unmatchedA & (1 << Math.min(i - startA, 30))) === 0) continue;
    const id = wordIds[i] as number;
    if ((nameWords[id] as string).length < 3 || numberWords[id] === 1) continue;
    let best = 0;
    let bestJ = -1;
    for (let j = startB; j < endB; j++) {
      if ((usedB & (1 << (j - startB))) !== 0) continue;
      const other = wordIds[j] as number;
      if ((nameWords[other] as string).length < 3 || numberWords[other] === 1) continue;
      const similarity = wordSimilarity(context, nameWords, id, other);
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
  if (idA === 0 || idB === 0) return NAME.missing;
  if (idA === idB) return NAME.exact;
  const jaccard = weightedWordOverlap(context, a, b);
  const { containment, ownWords, numbersDiffer } = context.overlap;
  // Names one number apart are alike letter by letter, and still two organizations: only their words count.
  if (jaccard >= NAME_VERY_CLOSE || (!numbersDiffer
    && (jaroWinklerAtLeast(name.text(a), name.text(b), NAME_JARO_WINKLER, context.jaro) >= NAME_JARO_WINKLER
      || equalIgnoringSpaces(name.text(a), name.text(b))))) return NAME.veryClose;
  if (containment >= NAME_CONTAINED) return NAME.close;
  // A hotel's café and its dining room: shared words, and on both sides words of their own.
  if (jaccard >= NAME_SOME && ownWords >= OWN_WORDS) return NAME.ownWords;
  if (jaccard >= NAME_CLOSE) return NAME.close;
  if (jaccard >= NAME_SOME) return NAME.someWords;
  return NAME.different;
};

/** Each name keeps at least this share of its word weight to itself (see compareName). */
const OWN_WORDS = 0.3;

/**
 * How two street addresses compare, closest first: not Splink levels of their own, but what
 * compareLocation combines with the place and the distance into location levels.
 */
const ADDRESS = { missing: 0, exact: 1, otherUnit: 2, close: 3, sameStreet: 4, different: 5 } as const;

const compareAddress: CompareFn = ({ table, streetMemo, jaro }, a, b) => {
  const streetA = table.streetName.ids[a] as number;
  const streetB = table.streetName.ids[b] as number;
  if (streetA === 0 || streetB === 0) return ADDRESS.missing;
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
      streetSimilarity = jaroWinklerAtLeast(textA, textB, STREET_JARO_WINKLER, jaro);
      if (streetSimilarity < STREET_JARO_WINKLER && tokenContainment(textA, textB) >= 1) streetSimilarity = STREET_JARO_WINKLER;
      streetMemo.set(streetA, streetB, streetSimilarity);
    }
  }
  if (sameHouse && streetSimilarity === 1) return unitsDiffer ? ADDRESS.otherUnit : ADDRESS.exact;
  if (sameHouse && streetSimilarity >= STREET_JARO_WINKLER) return unitsDiffer ? ADDRESS.otherUnit : ADDRESS.close;
  const bothHouses = houseA !== 0 && houseB !== 0;
  if (bothHouses && streetSimilarity === 1
    && withinOneEdit(table.houseNumber.text(a), table.houseNumber.text(b))) return ADDRESS.close;
  if (streetSimilarity >= STREET_JARO_WINKLER) return ADDRESS.sameStreet;
  return ADDRESS.different;
};

/** How postal code, city and state compare, closest first; like ADDRESS, an input to compareLocation. */
const PLACE = { missing: 0, samePostalCode: 1, sameCity: 2, sameStateOnly: 3, different: 4 } as const;

const comparePlace: CompareFn = ({ table, cityMemo, jaro }, a, b) => {
  const postalA = table.postalCode.ids[a] as number;
  const postalB = table.postalCode.ids[b] as number;
  if (postalA !== 0 && postalA === postalB) return PLACE.samePostalCode;
  const cityA = table.city.ids[a] as number;
  const cityB = table.city.ids[b] as number;
  if (cityA !== 0 && cityB !== 0) {
    if (cityA === cityB) return PLACE.sameCity;
    let similarity = cityMemo.get(cityA, cityB);
    if (similarity < 0) {
      similarity = jaroWinklerAtLeast(table.city.text(a), table.city.text(b), CITY_JARO_WINKLER, jaro);
      cityMemo.set(cityA, cityB, similarity);
    }
    return similarity >= CITY_JARO_WINKLER ? PLACE.sameCity : PLACE.different;
  }
  const stateA = table.state.ids[a] as number;
  const stateB = table.state.ids[b] as number;
  if (stateA !== 0 && stateB !== 0 && stateA !== stateB) return PLACE.different;
  if (postalA !== 0 && postalB !== 0) return PLACE.different;
  if (stateA !== 0 && stateA === stateB) return PLACE.sameStateOnly;
  return PLACE.missing;
};

const comparePhone: CompareFn = ({ table }, a, b) => {
  const shortA = table.phone7.ids[a] as number;
  const shortB = table.phone7.ids[b] as number;
  if (shortA === 0 || shortB === 0) return PHONE.missing;
  const fullA = table.phone.ids[a] as number;
  const fullB = table.phone.ids[b] as number;
  if (fullA !== 0 && fullA === fullB) return PHONE.exact;
  if (shortA === shortB && (fullA === 0 || fullB === 0)) return PHONE.sameLastSeven;
  return PHONE.different;
};

/** Gammas of a comparison with three levels, missing, equal and different (website, email). */
interface ExactLevels {
  readonly missing: number;
  readonly equal: number;
  readonly different: number;
}

const exactOrDifferent = (column: (table: FeatureTable) => { ids: Int32Array }, levels: ExactLevels): CompareFn => {
  const { missing, equal, different } = levels;
  return ({ table }, a, b) => {
    const ids = column(table).ids;
    const idA = ids[a] as number;
    const idB = ids[b] as number;
    if (idA === 0 || idB === 0) return missing;
    return idA === idB ? equal : different;
  };
};


const KM_PER_DEGREE = 111.2;

/** How far apart two points on the map are; like ADDRESS, an input to compareLocation. */
const DISTANCE = { missing: 0, sameSpot: 1, near: 2, far: 3 } as const;

const compareDistance: CompareFn = ({ table }, a, b) => {
  const latA = table.latitude[a] as number;
  const latB = table.latitude[b] as number;
  if (Number.isNaN(latA) || Number.isNaN(latB)) return DISTANCE.missing;
  const dLat = (latA - latB) * KM_PER_DEGREE;
  const dLng = ((table.longitude[a] as number) - (table.longitude[b] as number))
    * KM_PER_DEGREE * Math.cos(((latA + latB) / 2) * (Math.PI / 180));
  const km = Math.sqrt(dLat * dLat + dLng * dLng);
  return km <= SAME_SPOT_KM ? DISTANCE.sameSpot : km <= NEAR_KM ? DISTANCE.near : DISTANCE.far;
};

/**
 * Two places only disagree on the city name when nothing else does: a neighbourhood, suburb or
 * alias ("Harlem", "Lincoln Park", "SF") for the city is the same place when the postal codes
 * and states do not differ and the map (when both have coordinates) puts them within 2 km.
 */
function onlyCityNamesDiffer({ table }: CompareContext, a: number, b: number, distance: number): boolean {
  if (distance === DISTANCE.far) return false;
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
  if (place === PLACE.different || distance === DISTANCE.far) {
    // ADDRESS is ordered closest first: exact, other unit and close are one building.
    if (address !== ADDRESS.missing && address <= ADDRESS.close && onlyCityNamesDiffer(context, a, b, distance)) {
      return address === ADDRESS.otherUnit ? LOCATION.otherUnit : LOCATION.sameStreetAddressOtherLocality;
    }
    if ((address === ADDRESS.sameStreet || address === ADDRESS.different) && bothHouses(context, a, b)) {
      return LOCATION.differentStreetAnotherCity;
    }
    return LOCATION.differentCity;
  }
  if (address === ADDRESS.exact) return LOCATION.sameStreetAddress;
  if (address === ADDRESS.close) return LOCATION.closeStreetAddress;
  if (address === ADDRESS.otherUnit) return LOCATION.otherUnit;
  if (address === ADDRESS.missing && distance === DISTANCE.sameSpot) return LOCATION.sameSpot;
  if (address === ADDRESS.sameStreet) return LOCATION.sameStreet;
  if (address === ADDRESS.different) return place === PLACE.sameStateOnly ? LOCATION.sameState : LOCATION.differentStreetSameCity;
  if (place === PLACE.samePostalCode) return LOCATION.samePostalCode;
  if (place === PLACE.sameCity) return LOCATION.sameCity;
  if (place === PLACE.sameStateOnly) return LOCATION.sameState;
  return distance === DISTANCE.near ? LOCATION.sameCity : LOCATION.missing;
};

const compareLegalForm: CompareFn = ({ table }, a, b) => {
  const formA = table.legalForm.ids[a] as number;
  const formB = table.legalForm.ids[b] as number;
  if (formA === 0 || formB === 0) return LEGAL_FORM.missing;
  return formA === formB ? LEGAL_FORM.same : LEGAL_FORM.different;
};

const COMPARE: { readonly [kind in ComparisonKind]: CompareFn } = {
  name: compareName,
  location: compareLocation,
  phone: comparePhone,
  website: exactOrDifferent((table) => table.domain, { missing: WEBSITE.missing, equal: WEBSITE.sameDomain, different: WEBSITE.different }),
  email: exactOrDifferent((table) => table.email, { missing: EMAIL.missing, equal: EMAIL.exact, different: EMAIL.different }),
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
