import type { FieldValues, Finding, Record } from '../schema/record';
import { cellToString, isBlankRow } from './cells';
import { countKnownHeaders, mapHeaders, type HeaderMapping, type HeaderOverrides } from './headers';

export interface RowsToRecordsOptions {
  /** Key of the Source, the prefix of every Record id. */
  readonly source: string;
  readonly overrides?: HeaderOverrides;
  /** 0-based index of the header row; found automatically when absent (see findHeaderRow). */
  readonly headerRowIndex?: number;
}

export interface ReadResult {
  readonly records: Record[];
  readonly mapping: HeaderMapping;
  /** Index of the header row used, 0-based. */
  readonly headerRowIndex: number;
  readonly findings: Finding[];
}

/**
 * Sheets often carry a title or instructions above the header. The header is the first of the
 * top rows where the most cells name template fields; row 1 when none does.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], overrides: HeaderOverrides = {}, scan = 20): number {
  let best = 0;
  let bestCount = 0;
  for (let index = 0; index < Math.min(rows.length, scan); index += 1) {
    const row = rows[index] ?? [];
    const count = countKnownHeaders(row.map(cellToString), overrides);
    if (count > bestCount) {
      best = index;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Turns a sheet's rows into Records. Row numbers are the ones the member sees (header = row 1
 * when it is the first row). Blank rows are skipped; every other cell ends up either in a field
 * or in `extra`, so nothing the member wrote is dropped.
 */
export function rowsToRecords(rows: readonly (readonly unknown[])[], options: RowsToRecordsOptions): ReadResult {
  const headerRowIndex = options.headerRowIndex ?? findHeaderRow(rows, options.overrides);
  const headers = (rows[headerRowIndex] ?? []).map((cell) => cellToString(cell));
  const mapping = mapHeaders(headers, options.overrides);
  const findings: Finding[] = [...mapping.findings];
  const records: Record[] = [];
  const seen = new Map<string, number>();
  const idColumn = mapping.byField.get('source_id');

  for (let index = headerRowIndex + 1; index < rows.length; index += 1) {
    const row = rows[index] ?? [];
    if (isBlankRow(row)) continue;
    const sheetRow = index + 1;
    const values: FieldValues = {};
    const extra: { [header: string]: string } = {};
    for (let column = 0; column < row.length; column += 1) {
      const text = cellToString(row[column]);
      if (text === '') continue;
      const mapped = mapping.columns[column];
      if (mapped?.field) {
        values[mapped.field] = text;
      } else {
        const header = mapped?.header || `Column ${column + 1}`;
        extra[extra[header] === undefined ? header : `${header} (${column + 1})`] = text;
      }
    }
    const sourceId = values.source_id?.trim();
    let id = `${options.source}:${sourceId || sheetRow}`;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      findings.push({ row: sheetRow, field: 'source_id', column: idColumn === undefined ? undefined : idColumn + 1,
        severity: 'warning', code: 'source_id_duplicate',
        message: `Row ${sheetRow} has the same id "${sourceId}" as row ${earlier}. Ids must be unique so each listing can be recognized; change one of them.` });
      id = `${options.source}:${sourceId || sheetRow}#${sheetRow}`;
    }
    seen.set(id, sheetRow);
    records.push({ id, source: options.source, row: sheetRow, values, extra });
  }
  return { records, mapping, headerRowIndex, findings };
}
