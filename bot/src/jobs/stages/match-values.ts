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
import type { ValidatedSource } from './validate';

/**
 * Fields the dedup engine reads (shared/dedup/features/match-features.ts). Coordinates are
 * left out: validation drops them when they look swapped, and swapped they would put the two
 * records thousands of kilometres apart.
 */
const MATCH_FIELDS: readonly FieldKey[] = ['name', 'street', 'street2', 'city', 'state', 'postal_code', 'phone', 'website',
  'email'];

/** The source's own values for every record of a validated source, by record id. */
function writtenValues(source: ValidatedSource): Map<string, FieldValues> {
  const { entry, rows } = source.outcome;
  const read = rowsToRecords(rows, { source: entry.key, ...(entry.columnMap ? { overrides: entry.columnMap } : {}) });
  return new Map(read.records.map((record) => [record.id, record.values]));
}

/**
 * Records of `source` as dedup should see them: validated values first, the written value for
 * a match field validation left out. Records no field of which was dropped are returned as they are.
 */
export function matchRecords(source: ValidatedSource): Record[] {
  if (source.records.length === 0) return [];
  const written = writtenValues(source);
  return source.records.map((record) => {
    const raw = written.get(record.id);
    if (!raw) return record;
    let values: FieldValues | undefined;
    for (const field of MATCH_FIELDS) {
      const value = raw[field];
      if (record.values[field] || !value || !value.trim()) continue;
      values ??= { ...record.values };
      values[field] = value;
    }
    return values ? { ...record, values } : record;
  });
}
