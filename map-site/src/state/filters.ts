/**
 * Faceted filtering. Within one field the chosen options are alternatives (OR); across fields
 * and with the text search they narrow (AND). Each option's count is the number of listings it
 * would show given every other choice — the usual facet count, so a count is never a dead end.
 * Values are indexed once into small integer codes so a filter change over 50k listings is one
 * pass over arrays, well under a frame.
 */
import { FILTER_FIELDS, VOCABULARIES, STATUS_VALUES, fieldByKey, type FieldKey } from '../../../shared/schema';
import { searchTextOf, splitValues, type CellReader, type Listing } from '../data/listing';

export type FilterField = (typeof FILTER_FIELDS)[number];

export interface FilterState {
  /** Chosen option values by field, as labels ("worker cooperative"). */
  readonly selected: Readonly<Partial<{ [K in FilterField]: readonly string[] }>>;
  readonly query: string;
}

export const EMPTY_FILTERS: FilterState = { selected: {}, query: '' };

export interface FacetOption {
  readonly value: string;
  /** How many listings carry the value at all. */
  readonly total: number;
}

export interface Facet {
  readonly field: FilterField;
  readonly label: string;
  readonly options: readonly FacetOption[];
}

export interface FilterResult {
  readonly listings: readonly Listing[];
  /** counts[f][o]: listings option o of facet f would show given the other choices. */
  readonly counts: readonly (readonly number[])[];
}

const norm = (value: string): string => value.trim().toLowerCase();

/** Blank status means active (the template says so), so "active" finds unmarked listings too. */
function valuesOf(raw: string, field: FilterField): string[] {
  if (field === 'status') return [raw ? raw.trim() : 'active'];
  return fieldByKey(field)?.multiple ? splitValues(raw) : raw ? [raw.trim()] : [];
}

/** Order: the vocabulary's own order (or the status list), then anything else alphabetically. */
function knownOrder(field: FieldKey): readonly string[] {
  if (field === 'status') return STATUS_VALUES;
  const vocabulary = fieldByKey(field)?.vocabulary;
  return vocabulary ? VOCABULARIES[vocabulary].terms.map((term) => term.label) : [];
}

/**
 * One field's values per listing in compressed-row form: listing i carries
 * codes[offsets[i] .. offsets[i + 1]). Two flat typed arrays per field instead of one small
 * array per listing, which is what keeps indexing 50k listings in the tens of milliseconds.
 */
interface FieldCodes {
  readonly offsets: Uint32Array;
  readonly codes: Uint16Array;
}

/** One distinct raw cell value of a field: its normalized keys, their codes, how many listings carry it. */
interface RawEntry {
  readonly keys: readonly string[];
  codes: readonly number[];
  uses: number;
}

export class FacetIndex {
  readonly facets: readonly Facet[];
  readonly #fields: readonly FieldCodes[];
  readonly #lookup: readonly Map<string, number>[];
  /** Built on the first search, not at load: most visits never search. */
  #searchTexts: string[] | null = null;

  /** `cells` reads a field of every listing by index (Dataset.cells), so the index builds no listing's properties. */
  constructor(readonly listings: readonly Listing[], cells?: (field: FilterField) => CellReader) {
    const facets: Facet[] = [];
    const fields: FieldCodes[] = [];
    const lookup: Map<string, number>[] = [];
    for (const field of FILTER_FIELDS) {
      // Most listings repeat a handful of raw strings ("worker cooperative"), so each distinct raw
      // value is split, normalized and coded once; a listing costs one Map lookup per field.
      const entries = new Map<string, RawEntry>();
      const labels = new Map<string, string>();
      const perListing = new Array<RawEntry>(listings.length);
      const cellOf = cells?.(field);
      let size = 0;
      for (let i = 0; i < listings.length; i++) {
        const listing = listings[i] as Listing;
        const raw = cellOf ? cellOf(listing.index) : listing.properties[field] ?? '';
        let entry = entries.get(raw);
        if (!entry) {
          const keys = [...new Set(valuesOf(raw, field).map((value) => {
            const key = norm(value);
            if (!labels.has(key)) labels.set(key, value);
            return key;
          }))];
          entry = { keys, codes: [], uses: 0 };
          entries.set(raw, entry);
        }
        entry.uses++;
        size += entry.keys.length;
        perListing[i] = entry;
      }
      const totals = new Map<string, number>();
      for (const entry of entries.values()) for (const key of entry.keys) totals.set(key, (totals.get(key) ?? 0) + entry.uses);
      const known = knownOrder(field).map(norm);
      const rank = (key: string): number => { const i = known.indexOf(key); return i === -1 ? known.length : i; };
      const ordered = [...labels.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
      const codeOf = new Map(ordered.map((key, i) => [key, i]));
      for (const entry of entries.values()) entry.codes = entry.keys.map((key) => codeOf.get(key) ?? 0);
      const offsets = new Uint32Array(listings.length + 1);
      const codes = new Uint16Array(size);
      let at = 0;
      for (let i = 0; i < listings.length; i++) {
        const entryCodes = (perListing[i] as RawEntry).codes;
        for (let c = 0; c < entryCodes.length; c++) codes[at++] = entryCodes[c] as number;
        offsets[i + 1] = at;
      }
      fields.push({ offsets, codes });
      lookup.push(codeOf);
      facets.push({
        field,
        label: fieldByKey(field)?.label ?? field,
        options: ordered.map((key) => ({ value: labels.get(key) ?? key, total: totals.get(key) ?? 0 })),
      });
    }
    this.facets = facets;
    this.#fields = fields;
    this.#lookup = lookup;
  }

  /** The listings' text changed (their details arrived): search texts are built again on the next search. */
  forgetSearchTexts(): void {
    this.#searchTexts = null;
  }

  apply(state: FilterState): FilterResult {
    const fieldCount = this.facets.length;
    const chosen = this.facets.map((facet, f) => {
      const values = state.selected[facet.field] ?? [];
      if (values.length === 0) return null;
      const mask = new Uint8Array(facet.options.length);
      for (const value of values) {
        const code = this.#lookup[f]?.get(norm(value));
        if (code !== undefined) mask[code] = 1;
      }
      return mask;
    });
    const terms = state.query.toLowerCase().split(/\s+/).filter(Boolean);
    const counts = this.facets.map((facet) => new Array<number>(facet.options.length).fill(0));
    const matched: Listing[] = [];
    const listings = this.listings;
    const fields = this.#fields;
    const texts = terms.length > 0 ? (this.#searchTexts ??= listings.map(searchTextOf)) : [];
    for (let i = 0; i < listings.length; i++) {
      const listing = listings[i] as Listing;
      if (terms.length > 0 && !terms.every((term) => (texts[i] as string).includes(term))) continue;
      let failures = 0;
      let failed = -1;
      for (let f = 0; f < fieldCount && failures < 2; f++) {
        const mask = chosen[f];
        if (!mask) continue;
        const { offsets, codes } = fields[f] as FieldCodes;
        let hit = false;
        for (let c = offsets[i] as number, end = offsets[i + 1] as number; c < end; c++) {
          if (mask[codes[c] as number]) { hit = true; break; }
        }
        if (!hit) { failures++; failed = f; }
      }
      if (failures === 0) {
        matched.push(listing);
        for (let f = 0; f < fieldCount; f++) this.#count(counts[f] as number[], fields[f] as FieldCodes, i);
      } else if (failures === 1) {
        // It fails only this field, so choosing one of its values here would show it.
        this.#count(counts[failed] as number[], fields[failed] as FieldCodes, i);
      }
    }
    return { listings: matched, counts };
  }

  #count(row: number[], { offsets, codes }: FieldCodes, i: number): void {
    for (let c = offsets[i] as number, end = offsets[i + 1] as number; c < end; c++) {
      const code = codes[c] as number;
      row[code] = (row[code] ?? 0) + 1;
    }
  }
}

export function isFiltered(state: FilterState): boolean {
  return state.query.trim() !== '' || Object.values(state.selected).some((values) => values && values.length > 0);
}

export function withOption(state: FilterState, field: FilterField, value: string, on: boolean): FilterState {
  const current = state.selected[field] ?? [];
  const next = on ? [...current.filter((v) => norm(v) !== norm(value)), value] : current.filter((v) => norm(v) !== norm(value));
  return { ...state, selected: { ...state.selected, [field]: next } };
}
