/**
 * Survivorship: which source's value a merged entity shows for each field. Per field, the
 * non-empty value from the most trusted source wins; among equally trusted sources, the most
 * recently changed record; then the lowest record id, so the outcome never depends on read
 * order. Latitude and longitude travel as a pair so a point is never half from one source.
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
  const point = ranked.find((record) => filled(record.values.latitude) && filled(record.values.longitude));
  for (const field of FIELD_KEYS) {
    if (field === 'latitude' || field === 'longitude') {
      if (point) {
        values[field] = point.values[field];
        chosen[field] = point.id;
      }
      continue;
    }
    const first = provenance[field]?.[0];
    if (first) {
      values[field] = first.value;
      chosen[field] = first.record;
    }
  }
  return { values, chosen, provenance };
}
