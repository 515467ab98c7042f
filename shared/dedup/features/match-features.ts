/**
 * Stage 1, match features (reported to onProgress as `normalize`): every record becomes a row
 * of comparable keys. Records whose keys are all identical collapse into one node, so that ten
 * thousand copies of a row are compared once and linked in a chain rather than pairwise.
 */
import type { Record } from '../../schema/record';
import { parseStreet, spreadOneLineAddress } from '../../normalize/address';
import { stateCode } from '../../normalize/state';
import { cityKey, coordinate, emailKey, phoneKey, postal5, registrableDomain } from './contact';
import { Interner } from './interner';
import { normalizeName } from './name';

/** One match key by node: equal values share an id (0 = missing), numbered in node order. */
class Column {
  readonly ids: Int32Array;
  readonly values: string[] = [''];

  constructor(size: number) {
    this.ids = new Int32Array(size);
  }

  /**
   * Ids numbered by first appearance in node order, whatever order the records were read in:
   * blocking breaks ties between words by id, so ids must not depend on input order.
   */
  static renumbered(interner: Interner, idsByNode: (node: number) => number, size: number): Column {
    const column = new Column(size);
    const newId = new Int32Array(interner.values.length);
    for (let node = 0; node < size; node++) {
      const old = idsByNode(node);
      if (old === 0) continue;
      let id = newId[old] as number;
      if (id === 0) {
        id = column.values.length;
        column.values.push(interner.values[old] as string);
        newId[old] = id;
      }
      column.ids[node] = id;
    }
    return column;
  }

  text(row: number): string {
    return this.values[this.ids[row] as number] as string;
  }
}

export type { Column };

/**
 * Match keys by node. A node is a set of records with identical keys; `members[node]` lists
 * their indexes into `recordIds`, which is sorted so that results never depend on input order.
 * Nodes are ordered by name key, which makes sorted-neighbourhood blocking a walk along the array.
 */
export interface FeatureTable {
  readonly recordIds: readonly string[];
  readonly size: number;
  readonly members: readonly (readonly number[])[];
  readonly name: Column;
  /** Core name words of node n are `wordIds[wordStart[n] … wordStart[n + 1] - 1]`, ids into `nameWords`. */
  readonly wordIds: Int32Array;
  readonly wordStart: Int32Array;
  readonly nameWords: readonly string[];
  readonly legalForm: Column;
  readonly houseNumber: Column;
  readonly streetName: Column;
  readonly unit: Column;
  readonly city: Column;
  readonly postalCode: Column;
  readonly state: Column;
  readonly phone: Column;
  readonly phone7: Column;
  readonly domain: Column;
  readonly email: Column;
  readonly latitude: Float64Array;
  readonly longitude: Float64Array;
}

interface RecordKeys {
  name: string;
  tokens: readonly string[];
  form: string;
  house?: string;
  street?: string;
  unit?: string;
  city?: string;
  postal?: string;
  state?: string;
  phone?: string;
  phone7?: string;
  domain?: string;
  email?: string;
  lat?: number;
  lng?: number;
}

/**
 * Keys of values that repeat across records (cities, states), by raw value: a directory
 * names a few hundred cities a million times, and a lookup is cheaper than the rewrite.
 */
class RepeatedValues {
  private readonly keys = new Map<string, string | undefined>();
  private readonly limit: number;

  constructor(limit = 1 << 16) {
    this.limit = limit;
  }

  key(raw: string | undefined, compute: (raw: string) => string | undefined): string | undefined {
    if (!raw) return undefined;
    if (this.keys.has(raw)) return this.keys.get(raw);
    const key = compute(raw);
    // Beyond the limit the values do not repeat much; stop remembering rather than grow.
    if (this.keys.size < this.limit) this.keys.set(raw, key);
    return key;
  }
}

const stateKey = (raw: string): string | undefined => stateCode(raw) ?? cityKey(raw);

function recordKeys(record: Record, cities: RepeatedValues, states: RepeatedValues): RecordKeys {
  const values = record.values;
  const name = normalizeName(values.name);
  // Scraped directories put the whole address in one cell; read it the way the validator does.
  const spread = values.street && !values.city && !values.postal_code ? spreadOneLineAddress(values)?.values : undefined;
  const { street, street2, city, state, postal_code: postalCode } = spread ?? values;
  const parsed = street ? parseStreet(street, street2) : undefined;
  const phone = phoneKey(values.phone);
  const email = emailKey(values.email);
  const lat = coordinate(values.latitude, 90);
  const lng = coordinate(values.longitude, 180);
  return {
    name: name.key,
    tokens: name.tokens,
    form: name.forms.join(' '),
    house: parsed?.houseNumber,
    street: parsed?.name || undefined,
    unit: parsed?.unit,
    city: cities.key(city, cityKey),
    postal: postal5(postalCode),
    state: states.key(state, stateKey),
    phone: phone?.full,
    phone7: phone?.last7,
    domain: registrableDomain(values.website) ?? email?.domain,
    email: email?.address,
    lat: lat !== undefined && lng !== undefined ? lat : undefined,
    lng: lat !== undefined && lng !== undefined ? lng : undefined,
  };
}

/** Columns interned per record; together with the coordinates they make a node's identity. */
const KEY_COLUMNS = ['name', 'legalForm', 'houseNumber', 'streetName', 'unit', 'city', 'postalCode', 'state', 'phone',
  'phone7', 'domain', 'email'] as const;
type KeyColumn = (typeof KEY_COLUMNS)[number];

const keyValue = (keys: RecordKeys, column: KeyColumn): string | undefined => {
  switch (column) {
    case 'name': return keys.name;
    case 'legalForm': return keys.form;
    case 'houseNumber': return keys.house;
    case 'streetName': return keys.street;
    case 'unit': return keys.unit;
    case 'city': return keys.city;
    case 'postalCode': return keys.postal;
    case 'state': return keys.state;
    case 'phone': return keys.phone;
    case 'phone7': return keys.phone7;
    case 'domain': return keys.domain;
    case 'email': return keys.email;
  }
};

/** Key ids per record: one per column, then the coordinates' id. */
const STRIDE = KEY_COLUMNS.length + 1;

/**
 * `isolated` records (those in a cannot-link decision) keep a node of their own even when
 * another record has identical keys, so the decision can separate them.
 *
 * Every key is interned once, as records are read, so grouping identical records and ordering
 * nodes work on small integers rather than on long strings (this stage runs on every record of
 * a million-row input).
 */
export function buildFeatureTable(records: readonly Record[], isolated: ReadonlySet<string> = new Set(),
  onRecord?: (done: number) => void): FeatureTable {
  const { recordIds, positionOfId } = sortedIds(records);
  const read = readKeys(records, recordIds, positionOfId, isolated, onRecord);
  const { firstOf, members } = nodesInNameOrder(read, records.length);
  const size = members.length;
  const nodeKeys = nodeKeyRows(read.keyIds, firstOf);
  const column = (name: KeyColumn): Column => {
    const c = KEY_COLUMNS.indexOf(name);
    return Column.renumbered(read.interners[c] as Interner, (node) => nodeKeys[node * STRIDE + c] as number, size);
  };
  return {
    recordIds,
    size,
    members,
    name: column('name'),
    ...nodeWords(read, firstOf, nodeKeys),
    legalForm: column('legalForm'),
    houseNumber: column('houseNumber'),
    streetName: column('streetName'),
    unit: column('unit'),
    city: column('city'),
    postalCode: column('postalCode'),
    state: column('state'),
    phone: column('phone'),
    phone7: column('phone7'),
    domain: column('domain'),
    email: column('email'),
    latitude: byNode(read.latitude, firstOf),
    longitude: byNode(read.longitude, firstOf),
  };
}

/** A per-record array read at each node's first record. */
function byNode(values: Float64Array, firstOf: Int32Array): Float64Array {
  const out = new Float64Array(firstOf.length);
  for (let node = 0; node < firstOf.length; node++) out[node] = values[firstOf[node] as number] as number;
  return out;
}

/** Record ids in sort order, and where each one is in `records`; ids must be unique. */
function sortedIds(records: readonly Record[]): { recordIds: string[]; positionOfId: (id: string) => number } {
  // The default sort compares UTF-16 code units, the same everywhere and much faster than a comparator.
  const recordIds = records.map((record) => record.id).sort();
  // Position in `records` by interned id; an empty id cannot be interned (0 means missing), so
  // its position is kept aside.
  const positions = new Interner();
  const positionOf = new Int32Array(records.length + 1);
  let emptyIds = 0;
  let emptyIdAt = -1;
  records.forEach((record, index) => {
    if (record.id === '') {
      emptyIds++;
      emptyIdAt = index;
    } else positionOf[positions.id(record.id)] = index;
  });
  if (positions.size + Math.min(emptyIds, 1) !== records.length) {
    const duplicate = recordIds.find((id, i) => id === recordIds[i - 1]);
    throw new Error(`duplicate record id "${duplicate}": ids must be unique`);
  }
  return { recordIds, positionOfId: (id) => (id === '' ? emptyIdAt : positionOf[positions.find(id)] as number) };
}

/** Interned keys of every record, in id order, and the groups of records whose keys are identical. */
interface ReadKeys {
  readonly interners: readonly Interner[];
  /** STRIDE ids per record: one per key column, then the coordinates' id. */
  readonly keyIds: Int32Array;
  readonly latitude: Float64Array;
  readonly longitude: Float64Array;
  /** Words of each distinct name, by name id: ids into `words` from `nameWordIds[nameWordStart[id]]` on. */
  readonly words: Interner;
  readonly nameWordStart: readonly number[];
  readonly nameWordIds: readonly number[];
  /** Record indexes (id order) of each group of identical records, groups by first appearance. */
  readonly groups: readonly (readonly number[])[];
}

function readKeys(records: readonly Record[], recordIds: readonly string[], positionOfId: (id: string) => number,
  isolated: ReadonlySet<string>, onRecord?: (done: number) => void): ReadKeys {
  const count = records.length;
  const interners = KEY_COLUMNS.map(() => new Interner());
  const coordinates = new Interner();
  const keyIds = new Int32Array(count * STRIDE);
  const latitude = new Float64Array(count).fill(Number.NaN);
  const longitude = new Float64Array(count).fill(Number.NaN);
  // A name's words follow from its key, so they are split once per distinct name.
  const words = new Interner();
  const nameWordStart: number[] = [0, 0];
  const nameWordIds: number[] = [];
  const groups = new RowGroups(keyIds, STRIDE);
  const cities = new RepeatedValues();
  const states = new RepeatedValues();
  for (let sortedIndex = 0; sortedIndex < count; sortedIndex++) {
    const record = records[positionOfId(recordIds[sortedIndex] as string)] as Record;
    const keys = recordKeys(record, cities, states);
    const base = sortedIndex * STRIDE;
    for (let c = 0; c < KEY_COLUMNS.length; c++) {
      keyIds[base + c] = (interners[c] as Interner).id(keyValue(keys, KEY_COLUMNS[c] as KeyColumn));
    }
    // A name seen for the first time has just been given the next id.
    if (keyIds[base] === nameWordStart.length - 1) {
      for (const word of keys.tokens) nameWordIds.push(words.id(word));
      nameWordStart.push(nameWordIds.length);
    }
    if (keys.lat !== undefined && keys.lng !== undefined) {
      latitude[sortedIndex] = keys.lat;
      longitude[sortedIndex] = keys.lng;
      keyIds[base + STRIDE - 1] = coordinates.id(`${keys.lat} ${keys.lng}`);
    }
    groups.add(sortedIndex, isolated.has(record.id));
    if (onRecord && sortedIndex % 10000 === 9999) onRecord(sortedIndex + 1);
  }
  return { interners, keyIds, latitude, longitude, words, nameWordStart, nameWordIds, groups: groups.members };
}

/**
 * Groups become nodes in name order, ties broken by the smallest member id (members are in id
 * order), which is unique: names are ranked once, then nodes sort as numbers. Returns each
 * node's first record and its members.
 */
function nodesInNameOrder({ interners, keyIds, groups }: ReadKeys, count: number):
  { firstOf: Int32Array; members: (readonly number[])[] } {
  const names = (interners[0] as Interner).values;
  const byName = names.slice(1).map((name, i) => `${name}\u0000${i + 1}`).sort();
  const nameRank = new Int32Array(names.length);
  byName.forEach((key, rank) => {
    nameRank[Number(key.slice(key.lastIndexOf('\u0000') + 1))] = rank + 1;
  });
  const recordSpace = 2 ** Math.ceil(Math.log2(count + 1));
  const groupOfFirst = new Int32Array(count);
  const order = new Float64Array(groups.length);
  groups.forEach((group, index) => {
    const first = group[0] as number;
    groupOfFirst[first] = index;
    order[index] = (nameRank[keyIds[first * STRIDE] as number] as number) * recordSpace + first;
  });
  order.sort();
  const size = groups.length;
  const firstOf = new Int32Array(size);
  const members = new Array<readonly number[]>(size);
  for (let node = 0; node < size; node++) {
    const first = (order[node] as number) % recordSpace;
    firstOf[node] = first;
    members[node] = groups[groupOfFirst[first] as number] as readonly number[];
  }
  return { firstOf, members };
}

/**
 * Key rows copied into node order once, so each column is then read front to back: at a
 * million records, jumping to each node's first record once per column cost more than the copy.
 */
function nodeKeyRows(keyIds: Int32Array, firstOf: Int32Array): Int32Array {
  const size = firstOf.length;
  const nodeKeys = new Int32Array(size * STRIDE);
  for (let node = 0; node < size; node++) {
    const from = (firstOf[node] as number) * STRIDE;
    for (let c = 0; c < STRIDE; c++) nodeKeys[node * STRIDE + c] = keyIds[from + c] as number;
  }
  return nodeKeys;
}

/** Name words by node; word ids, like column ids, are numbered in node order. */
function nodeWords({ words, nameWordStart, nameWordIds }: ReadKeys, firstOf: Int32Array, nodeKeys: Int32Array):
  Pick<FeatureTable, 'wordIds' | 'wordStart' | 'nameWords'> {
  const size = firstOf.length;
  const wordStart = new Int32Array(size + 1);
  const nameWords = [''];
  const wordId = new Int32Array(words.values.length);
  const wordIds: number[] = [];
  for (let node = 0; node < size; node++) {
    wordStart[node] = wordIds.length;
    const nameId = nodeKeys[node * STRIDE] as number;
    for (let w = nameWordStart[nameId] as number; w < (nameWordStart[nameId + 1] as number); w++) {
      const old = nameWordIds[w] as number;
      let id = wordId[old] as number;
      if (id === 0) {
        id = nameWords.length;
        nameWords.push(words.values[old] as string);
        wordId[old] = id;
      }
      wordIds.push(id);
    }
  }
  wordStart[size] = wordIds.length;
  return { wordIds: Int32Array.from(wordIds), wordStart, nameWords };
}

/**
 * Groups rows of interned keys that are identical in every column, by a hash of the row's ids:
 * no signature string per record. Groups are numbered by first appearance.
 */
class RowGroups {
  readonly members: number[][] = [];
  private readonly keyIds: Int32Array;
  private readonly stride: number;
  private slots = new Int32Array(1 << 10);
  private readonly hashes: number[] = [];

  constructor(keyIds: Int32Array, stride: number) {
    this.keyIds = keyIds;
    this.stride = stride;
  }

  /** Adds a row to the group of identical rows, or to a new group; an `alone` row always starts its own. */
  add(row: number, alone: boolean): void {
    // An alone row's hash is -1: it matches no lookup and takes no slot.
    const hash = alone ? -1 : this.hash(row);
    if (!alone) {
      const mask = this.slots.length - 1;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const group = (this.slots[slot] as number) - 1;
        if (group < 0) break;
        const members = this.members[group] as number[];
        if (this.hashes[group] === hash && this.same(members[0] as number, row)) {
          members.push(row);
          return;
        }
      }
    }
    const group = this.members.length;
    this.members.push([row]);
    this.hashes.push(hash);
    if (alone) return;
    if ((group + 1) * 2 >= this.slots.length) this.rebuild();
    else this.place(group);
  }

  private hash(row: number): number {
    let hash = 0x811c9dc5;
    for (let c = row * this.stride; c < (row + 1) * this.stride; c++) hash = Math.imul(hash ^ (this.keyIds[c] as number), 16777619);
    hash ^= hash >>> 15;
    return Math.imul(hash, 0x2c1b3c6d) >>> 0;
  }

  private same(x: number, y: number): boolean {
    for (let c = 0; c < this.stride; c++) {
      if (this.keyIds[x * this.stride + c] !== this.keyIds[y * this.stride + c]) return false;
    }
    return true;
  }

  private place(group: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[group] as number) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = group + 1;
  }

  private rebuild(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let group = 0; group < this.members.length; group++) if ((this.hashes[group] as number) >= 0) this.place(group);
  }
}

/** The name word ids of one node (a view, not a copy). */
export function nameWordsOf(table: FeatureTable, node: number): Int32Array {
  return table.wordIds.subarray(table.wordStart[node], table.wordStart[node + 1]);
}
