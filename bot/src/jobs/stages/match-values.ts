/**
 * Stage helper: what dedup compares. Validation keeps only values it can publish, so a phone
 * without an area code, a website or e-mail written loosely, or coordinates it doubts are
 * dropped from a record's values. `dcc dedupe` compares what the file says; the job compared
 * only what survived validation, and so missed duplicates that `dcc dedupe` found on the same
 * rows (a shared 7-digit phone, a shared website). Dedup now sees the normalized values plus,
 * for each field validation dropped, what the source wrote. These values only feed matching:
 * merging and publishing still read the validated records.
 */
import { rowsToRecords } from '../../../../shared/read/records';
import type { FieldKey, FieldValues, Record } from '../../../../shared/schema';
import type { RegistryEntry } from '../../registry/registry';

/**
 * Fields the dedup engine reads (shared/dedup/features/match-features.ts). Coordinates are
 * left out: validation drops them when they look swapped, and swapped they would put the two
 * records thousands of kilometres apart.
 */
const MATCH_FIELDS: readonly FieldKey[] = ['name', 'street', 'street2', 'city', 'state', 'postal_code', 'phone', 'website',
  'email'];

/** By record id, the written value of each match field validation dropped; records that lost none are absent. */
export type DroppedMatchValues = { readonly [recordId: string]: FieldValues };

/** What the source wrote for the match fields validation left out of `records`. */
export function droppedMatchValues(entry: RegistryEntry, rows: readonly (readonly string[])[],
  records: readonly Record[]): DroppedMatchValues {
  if (records.length === 0) return {};
  const read = rowsToRecords(rows, { source: entry.key, ...(entry.columnMap ? { overrides: entry.columnMap } : {}) });
  const written = new Map(read.records.map((record) => [record.id, record.values]));
  const dropped: { [recordId: string]: FieldValues } = {};
  for (const record of records) {
    const raw = written.get(record.id);
    if (!raw) continue;
    for (const field of MATCH_FIELDS) {
      const value = raw[field];
      if (record.values[field] || !value || !value.trim()) continue;
      (dropped[record.id] ??= {})[field] = value;
    }
  }
  return dropped;
}

/** Records as dedup should see them: validated values first, the written value for a match field validation left out. */
export function matchRecords(records: readonly Record[], dropped: DroppedMatchValues): Record[] {
  return records.map((record) => {
    const values = dropped[record.id];
    return values ? { ...record, values: { ...record.values, ...values } } : record;
  });
}
