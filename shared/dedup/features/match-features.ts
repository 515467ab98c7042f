/**
 * Stage 1, normalize: every record becomes a row of comparable keys. Records whose keys are all
 * identical collapse into one node, so that ten thousand copies of a row are compared once and
 * linked in a chain rather than pairwise.
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
  const positionOfId = (id: string): number => (id === '' ? emptyIdAt : positionOf[positions.find(id)] as number);
  if (positions.size + Math.min(emptyIds, 1) !== records.length) {
    const duplicate = recordIds.find((id, i) => id === recordIds[i - 1]);
    throw new Error(`duplicate record id "${duplicate}": ids must be unique`);
  }

  const count = records.length;
  const interners = KEY_COLUMNS.map(() => new Interner());
  const nameInterner = interners[0] as Interner;
  const coordinates = new Interner();
  const keyIds = new Int32Array(count * STRIDE);
  const latitude = new Float64Array(count).fill(Number.NaN);
  const longitude = new Float64Array(count).fill(Number.NaN);
  // Words of each distinct name, by name id: a name's words follow from its key.
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
  const members = groups.members;

  // Nodes in name order, ties broken by the smallest member id (members are in id order),
  // which is unique: names are ranked once, then nodes sort as numbers.
  const names = nameInterner.values;
  const byName = names.slice(1).map((name, i) => `${name}\u0000${i + 1}`).sort();
  const nameRank = new Int32Array(names.length);
  byName.forEach((key, rank) => {
    nameRank[Number(key.slice(key.lastIndexOf('\u0000') + 1))] = rank + 1;
  });
  const recordSpace = 2 ** Math.ceil(Math.log2(count + 1));
  const groupOfFirst = new Int32Array(count);
  const order = new Float64Array(members.length);
  members.forEach((group, index) => {
    const first = group[0] as number;
    groupOfFirst[first] = index;
    order[index] = (nameRank[keyIds[first * STRIDE] as number] as number) * recordSpace + first;
  });
  order.sort();
  const size = members.length;
  const firstOf = new Int32Array(size);
  const nodeMembers: number[][] = new Array<number[]>(size);
  for (let node = 0; node < size; node++) {
    const first = (order[node] as number) % recordSpace;
    firstOf[node] = first;
    nodeMembers[node] = members[groupOfFirst[first] as number] as number[];
  }

  // Key rows copied into node order once, so each column below is read front to back: at a
  // million records, jumping to each node's first record once per column cost more than the copy.
  const nodeKeys = new Int32Array(size * STRIDE);
  for (let node = 0; node < size; node++) {
    const from = (firstOf[node] as number) * STRIDE;
    for (let c = 0; c < STRIDE; c++) nodeKeys[node * STRIDE + c] = keyIds[from + c] as number;
  }
  const column = (name: KeyColumn): Column => {
    const c = KEY_COLUMNS.indexOf(name);
    return Column.renumbered(interners[c] as Interner, (node) => nodeKeys[node * STRIDE + c] as number, size);
  };
  const table = {
    recordIds,
    size,
    members: nodeMembers,
    name: column('name'),
    wordIds: new Int32Array(0),
    wordStart: new Int32Array(size + 1),
    nameWords: [''] as string[],
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
    latitude: new Float64Array(size),
    longitude: new Float64Array(size),
  };
  // Word ids, like column ids, are numbered in node order.
  const wordId = new Int32Array(words.values.length);
  const wordIds: number[] = [];
  for (let node = 0; node < size; node++) {
    const first = firstOf[node] as number;
    table.latitude[node] = latitude[first] as number;
    table.longitude[node] = longitude[first] as number;
    table.wordStart[node] = wordIds.length;
    const nameId = nodeKeys[node * STRIDE] as number;
    for (let w = nameWordStart[nameId] as number; w < (nameWordStart[nameId + 1] as number); w++) {
      const old = nameWordIds[w] as number;
      let id = wordId[old] as number;
      if (id === 0) {
        id = table.nameWords.length;
        table.nameWords.push(words.values[old] as string);
        wordId[old] = id;
      }
      wordIds.push(id);
    }
  }
  table.wordStart[size] = wordIds.length;
  return { ...table, wordIds: Int32Array.from(wordIds) };
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
