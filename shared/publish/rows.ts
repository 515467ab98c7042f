/**
 * What gets published, one row per master entity, and the public master.csv built from it.
 * Pure builders: the bot does the file I/O.
 */
import { PUBLIC_FIELDS, type FieldValues } from '../schema';
import { publicValues } from './privacy';

export interface PublishRow {
  readonly dcc_id: string;
  readonly values: FieldValues;
  /** Contributing source keys. */
  readonly sources: readonly string[];
  /** ISO 8601 time the row last changed. */
  readonly updated_at: string;
}

/** Credit for a source, as the map and the JSON feed show it. */
export interface SourceCredit {
  readonly key: string;
  readonly name: string;
  readonly attribution: string;
  readonly license: string;
}

export const PUBLIC_CSV_COLUMNS: readonly string[] = ['dcc_id', ...PUBLIC_FIELDS.map((def) => def.key), 'sources', 'updated_at'];

/** Rows for the public master.csv, header first; write them with `toCsv(rows, { formulaSafe: true })`. */
export function publicCsvRows(rows: readonly PublishRow[]): string[][] {
  return [
    [...PUBLIC_CSV_COLUMNS],
    ...rows.map((row) => {
      const values = publicValues(row.values);
      return [row.dcc_id, ...PUBLIC_FIELDS.map((def) => values[def.key] ?? ''), row.sources.join(';'), row.updated_at];
    }),
  ];
}
