/**
 * The add-on's one door into shared/validate: rows as Apps Script returns them in, sheet-numbered
 * Findings and normalized Records out. No rule lives here.
 */
import type { FieldKey, Finding, Record } from '../../../shared/schema';
import { rowsToRecords } from '../../../shared/read/records';
import { validateRows } from '../../../shared/validate';
import type { CellValue } from '../sheet/sheet-like';
import type { Settings } from './settings';

export const SHEET_SOURCE = 'sheet';

export interface SheetCheck {
  readonly records: Record[];
  /** Row numbers are sheet rows; row 0 is about the sheet as a whole. */
  readonly findings: Finding[];
  /** Field → 1-based sheet column. */
  readonly columns: ReadonlyMap<FieldKey, number>;
  /** Ids of records an error holds back from publishing. */
  readonly blocked: ReadonlySet<string>;
}

/**
 * `rows[i]` is sheet row `i + 1`; rows outside the part being checked may be empty arrays, which
 * is how the live check validates a few edited rows without reading the whole sheet.
 */
export function checkRows(rows: readonly (readonly CellValue[])[], headerRow: number, settings: Settings, source = SHEET_SOURCE): SheetCheck {
  const result = validateRows(rows, {
    source,
    country: settings.country,
    overrides: settings.overrides,
    headerRowIndex: headerRow - 1,
  });
  const columns = new Map<FieldKey, number>([...result.mapping.byField].map(([field, index]) => [field, index + 1]));
  return { records: result.records, findings: result.findings, columns, blocked: result.blocked };
}

/**
 * Records as read, without validation: the dedup engine takes raw values as well as normalized
 * ones, and skipping validation halves the time of Find duplicates on a big sheet.
 */
export function readRecords(rows: readonly (readonly CellValue[])[], headerRow: number, settings: Settings, source = SHEET_SOURCE): SheetCheck {
  const result = rowsToRecords(rows, { source, overrides: settings.overrides, headerRowIndex: headerRow - 1 });
  const columns = new Map<FieldKey, number>([...result.mapping.byField].map(([field, index]) => [field, index + 1]));
  return { records: result.records, findings: result.findings, columns, blocked: new Set() };
}

/** A sheet with only some rows filled in: the header, and `block` at its own row numbers. */
export function sparseRows(header: readonly CellValue[], headerRow: number, firstRow: number,
  block: readonly (readonly CellValue[])[]): CellValue[][] {
  const rows: CellValue[][] = Array.from({ length: firstRow - 1 + block.length }, () => []);
  rows[headerRow - 1] = [...header];
  block.forEach((row, index) => (rows[firstRow - 1 + index] = [...row]));
  return rows;
}
