/**
 * Survivorship: which source's value a merged entity shows for each field. Per field, the
 * non-empty value from the most trusted source wins; among equally trusted sources, the most
 * recently changed record; then the lowest record id, so the outcome never depends on read
 * order. The postal address and the point travel as groups: a street from one listing and a city
 * from another would describe a place that exists in neither (a branch in another city is the
 * classic false merge), so the address comes whole from one record, and the point from that
 * same record when it has one.
 * Every source's value is kept in the provenance, so nothing a member wrote is lost.
 */
import { FIELD_KEYS, type FieldKey, type FieldValues, type Record } from '../schema';

export interface FieldProvenance {
  /** Record id the value came from. */
  readonly record: string;
  readonly source: string;
  readonly value: string;
}

export type Provenance = { [K in FieldKey]?: FieldProvenance[] };

export interface SurvivorshipOptions {
  /** Higher wins. Sources missing here count as 0. */
  readonly trust?: { readonly [source: string]: number };
  /** A sortable time (ISO 8601) the record last changed; later wins among equally trusted sources. */
  readonly changedAt?: (record: Record) => string;
}

export interface Survivors {
  readonly values: FieldValues;
  /** Field → record id of the value shown. */
  readonly chosen: { [K in FieldKey]?: string };
  readonly provenance: Provenance;
}

/** Records in survivorship order: trusted first, then most recent, then by id. */
export function rankRecords(records: readonly Record[], options: SurvivorshipOptions = {}): Record[] {
  const trust = (record: Record): number => options.trust?.[record.source] ?? 0;
  const changed = (record: Record): string => options.changedAt?.(record) ?? '';
  return [...records].sort((a, b) => trust(b) - trust(a)
    || (changed(b) > changed(a) ? 1 : changed(b) < changed(a) ? -1 : 0)
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const filled = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

const ADDRESS: readonly FieldKey[] = ['street', 'street2', 'city', 'state', 'postal_code', 'country'];
const POINT: readonly FieldKey[] = ['latitude', 'longitude'];
const GROUPED = new Set<FieldKey>([...ADDRESS, ...POINT]);

const fold = (value: string | undefined): string => (value ?? '').trim().toLowerCase();

/** Two addresses describe the same place when every part both of them have agrees. */
function samePlace(a: Record, b: Record): boolean {
  const parts: readonly FieldKey[] = ['street', 'city', 'state'];
  for (const field of parts) {
    if (filled(a.values[field]) && filled(b.values[field]) && fold(a.values[field]) !== fold(b.values[field])) return false;
  }
  const zipA = fold(a.values.postal_code).slice(0, 5);
  const zipB = fold(b.values.postal_code).slice(0, 5);
  return !zipA || !zipB || zipA === zipB;
}

/** An address the map can place (street + city/state, city + state, or a postal code) beats a fragment. */
function addressRecord(ranked: readonly Record[]): Record | undefined {
  const locatable = (record: Record): boolean => {
    const v = record.values;
    return filled(v.postal_code) || (filled(v.city) && filled(v.state));
  };
  return ranked.find(locatable) ?? ranked.find((record) => ADDRESS.some((field) => filled(record.values[field])));
}

export function survivors(records: readonly Record[], options: SurvivorshipOptions = {}): Survivors {
  const ranked = rankRecords(records, options);
  const values: FieldValues = {};
  const chosen: { [K in FieldKey]?: string } = {};
  const provenance: Provenance = {};
  for (const field of FIELD_KEYS) {
    for (const record of ranked) {
      const value = record.values[field];
      if (!filled(value)) continue;
      (provenance[field] ??= []).push({ record: record.id, source: record.source, value });
    }
  }
  const hasPoint = (record: Record): boolean => filled(record.values.latitude) && filled(record.values.longitude);
  const address = addressRecord(ranked);
  const point = address && hasPoint(address) ? address : ranked.find(hasPoint);
  for (const [group, from] of [[ADDRESS, address], [POINT, point]] as const) {
    if (!from) continue;
    for (const field of group) {
      // A part the chosen record lacks may come from another listing of the same place.
      const giver = filled(from.values[field]) ? from
        : group === ADDRESS ? ranked.find((record) => filled(record.values[field]) && samePlace(from, record)) : undefined;
      const value = giver?.values[field];
      if (!giver || !filled(value)) continue;
      values[field] = value;
      chosen[field] = giver.id;
    }
  }
  for (const field of FIELD_KEYS) {
    if (GROUPED.has(field)) continue;
    const first = provenance[field]?.[0];
    if (first) {
      values[field] = first.value;
      chosen[field] = first.record;
    }
  }
  return { values, chosen, provenance };
}
