/**
 * Stage 1, normalize: every record becomes a row of comparable keys. Records whose keys are all
 * identical collapse into one node, so that ten thousand copies of a row are compared once and
 * linked in a chain rather than pairwise.
 */
import type { Record } from '../../schema/record';
import { parseStreet, splitOneLineAddress } from '../../normalize/address';
import { stateCode } from '../../normalize/state';
import { cityKey, coordinate, emailKey, phoneKey, postal5, registrableDomain } from './contact';
import { normalizeName } from './name';

/** Interns strings per column: equal strings get equal ids, 0 means missing. */
class Column {
  readonly ids: Int32Array;
  readonly values: string[] = [''];
  readonly #index = new Map<string, number>();

  constructor(size: number) {
    this.ids = new Int32Array(size);
  }

  set(row: number, value: string | undefined): void {
    if (!value) return;
    let id = this.#index.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#index.set(value, id);
    }
    this.ids[row] = id;
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

function recordKeys(record: Record): RecordKeys {
  const values = record.values;
  const name = normalizeName(values.name);
  let { street, street2, city, state, postal_code: postalCode } = values;
  // Scraped directories put the whole address in one cell; split it the way the validator does.
  if (street && !city && !postalCode) {
    const parts = splitOneLineAddress(street);
    if (parts) {
      street = parts.street;
      street2 = street2 || parts.street2;
      city = parts.city;
      state = state || parts.state;
      postalCode = parts.postal_code;
    }
  }
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
    city: cityKey(city),
    postal: postal5(postalCode),
    state: state ? stateCode(state) ?? cityKey(state) : undefined,
    phone: phone?.full,
    phone7: phone?.last7,
    domain: registrableDomain(values.website) ?? email?.domain,
    email: email?.address,
    lat: lat !== undefined && lng !== undefined ? lat : undefined,
    lng: lat !== undefined && lng !== undefined ? lng : undefined,
  };
}

function signature(keys: RecordKeys): string {
  return [keys.name, keys.form, keys.house, keys.street, keys.unit, keys.city, keys.postal, keys.state, keys.phone,
    keys.phone7, keys.domain, keys.email, keys.lat, keys.lng].join('\u0001');
}

/**
 * `isolated` records (those in a cannot-link decision) keep a node of their own even when
 * another record has identical keys, so the decision can separate them.
 */
export function buildFeatureTable(records: readonly Record[], isolated: ReadonlySet<string> = new Set(),
  onRecord?: (done: number) => void): FeatureTable {
  // The default sort compares UTF-16 code units, the same everywhere and much faster than a comparator.
  const recordIds = records.map((record) => record.id).sort();
  const position = new Map<string, number>();
  records.forEach((record, index) => position.set(record.id, index));
  if (position.size !== records.length) {
    const duplicate = recordIds.find((id, i) => id === recordIds[i - 1]);
    throw new Error(`duplicate record id "${duplicate}": ids must be unique`);
  }
  const order = recordIds.map((id) => position.get(id) as number);

  const groups = new Map<string, { keys: RecordKeys; members: number[] }>();
  order.forEach((recordIndex, sortedIndex) => {
    const record = records[recordIndex] as Record;
    const keys = recordKeys(record);
    const sig = isolated.has(record.id) ? `${signature(keys)}\u0002${record.id}` : signature(keys);
    const group = groups.get(sig);
    if (group) group.members.push(sortedIndex);
    else groups.set(sig, { keys, members: [sortedIndex] });
    if (onRecord && sortedIndex % 10000 === 9999) onRecord(sortedIndex + 1);
  });

  // Name order, ties broken by the smallest member id (members are in id order), which is unique.
  const unsorted = [...groups.values()];
  const sortKeys = unsorted.map((group, index) => `${group.keys.name}\u0000${String(group.members[0]).padStart(10, '0')}\u0000${index}`);
  const nodes = sortKeys.sort().map((key) => unsorted[Number(key.slice(key.lastIndexOf('\u0000') + 1))] as { keys: RecordKeys; members: number[] });
  let wordCount = 0;
  for (const node of nodes) wordCount += node.keys.tokens.length;
  const size = nodes.length;
  const table = {
    recordIds,
    size,
    members: nodes.map((node) => node.members),
    name: new Column(size),
    wordIds: new Int32Array(wordCount),
    wordStart: new Int32Array(nodes.length + 1),
    nameWords: [''] as string[],
    legalForm: new Column(size),
    houseNumber: new Column(size),
    streetName: new Column(size),
    unit: new Column(size),
    city: new Column(size),
    postalCode: new Column(size),
    state: new Column(size),
    phone: new Column(size),
    phone7: new Column(size),
    domain: new Column(size),
    email: new Column(size),
    latitude: new Float64Array(size).fill(Number.NaN),
    longitude: new Float64Array(size).fill(Number.NaN),
  };
  const wordIndex = new Map<string, number>();
  let next = 0;
  nodes.forEach(({ keys }, row) => {
    table.name.set(row, keys.name);
    table.wordStart[row] = next;
    for (const word of keys.tokens) {
      let id = wordIndex.get(word);
      if (id === undefined) {
        id = table.nameWords.length;
        table.nameWords.push(word);
        wordIndex.set(word, id);
      }
      table.wordIds[next++] = id;
    }
    table.legalForm.set(row, keys.form);
    table.houseNumber.set(row, keys.house);
    table.streetName.set(row, keys.street);
    table.unit.set(row, keys.unit);
    table.city.set(row, keys.city);
    table.postalCode.set(row, keys.postal);
    table.state.set(row, keys.state);
    table.phone.set(row, keys.phone);
    table.phone7.set(row, keys.phone7);
    table.domain.set(row, keys.domain);
    table.email.set(row, keys.email);
    if (keys.lat !== undefined && keys.lng !== undefined) {
      table.latitude[row] = keys.lat;
      table.longitude[row] = keys.lng;
    }
  });
  table.wordStart[nodes.length] = next;
  return table;
}

/** The name word ids of one node (a view, not a copy). */
export function nameWordsOf(table: FeatureTable, node: number): Int32Array {
  return table.wordIds.subarray(table.wordStart[node], table.wordStart[node + 1]);
}
