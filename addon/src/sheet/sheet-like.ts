/**
 * What the handlers need from a sheet, in as few round trips as Apps Script allows. Handlers take
 * a SheetLike so they run under jest; `apps-script-sheet.ts` is the one implementation that talks
 * to SpreadsheetApp.
 */

/**
 * A cell as `Range.getValues()` gives it: an empty cell is "", never null. The read methods of
 * SheetLike give dates as text in the spreadsheet's time zone (sheet/zoned-dates.ts).
 */
export type CellValue = string | number | boolean | Date;

/** A rectangle of the sheet read in one go: values, backgrounds and notes of the same cells. */
export interface Block {
  /** Sheet row of `values[0]` (1-based). */
  readonly firstRow: number;
  readonly values: CellValue[][];
  readonly backgrounds: string[][];
  readonly notes: string[][];
}

export interface Dropdown {
  readonly column: number;
  readonly firstRow: number;
  /** Empty: remove any dropdown from the column (fields that hold lists). */
  readonly values: readonly string[];
}

/** A rectangle of the sheet, 1-based. */
export type { Box } from '../core/rectangles';
import type { Box } from '../core/rectangles';

export interface SheetLike {
  /** The tab's id (stable across renames and moves; not its position). */
  id(): number;
  name(): string;
  /** Colours and notes of a rectangle, read again just before writing. */
  readMarks(box: Box): { backgrounds: string[][]; notes: string[][] };
  /** Writes colours and notes over the rectangle starting at (row, column); null resets a cell. */
  writeMarksAt(row: number, column: number, backgrounds: (string | null)[][], notes: (string | null)[][]): void;
  /** Areas a protection keeps the running user from editing. */
  blockedAreas(): Box[];
  /** Values exactly as stored (Dates stay Dates) and formulas of a rectangle, for writing back. */
  readRaw(box: Box): { values: CellValue[][]; formulas: string[][] };
  /** Writes a rectangle of values (strings are parsed as typed; see core/cell-text). */
  writeValuesAt(row: number, column: number, values: CellValue[][]): void;
  hideColumn(column: number): void;
  /** A short progress message in the corner of the spreadsheet. */
  toast(text: string): void;
  /** Every cell from A1 to the last row and column with content (one cell for an empty sheet). */
  readAll(): Block;
  /** `numRows` rows from `firstRow`, `numColumns` columns from A. */
  readRows(firstRow: number, numRows: number, numColumns: number): Block;
  /** Values only, for the first rows where a header may be. */
  readValues(firstRow: number, numRows: number, numColumns: number): CellValue[][];
  /** Formulas of the same rectangle ("" where a cell holds a plain value). */
  readFormulas(firstRow: number, numRows: number, numColumns: number): string[][];
  /** Writes a column-run of cells: `values[i]` goes to (firstRow + i, column). */
  writeColumn(firstRow: number, column: number, values: readonly string[]): void;
  /** Writes one row of notes from column A (the header's notes); every cell is rewritten, so pass existing notes back. */
  writeRowNotes(row: number, notes: readonly string[]): void;
  lastColumn(): number;
  lastRow(): number;
  /** Grows the grid to at least this many columns (a new sheet has 26; the template has more). */
  ensureColumns(columns: number): void;
  /** Rows in the grid, filled or not. */
  maxRows(): number;
  /** True when any cell of that row's first `numColumns` columns is part of a merge. */
  hasMergedCells(row: number, numColumns: number): boolean;
  insertRowBefore(row: number): void;
  writeHeader(row: number, firstColumn: number, labels: readonly string[], notes: readonly string[]): void;
  freezeRows(rows: number): void;
  /** Protects the row with a warning only: editors can still change it after confirming. */
  protectRowWithWarning(row: number, description: string): void;
  setDropdowns(dropdowns: readonly Dropdown[], lastRow: number): void;
  select(row: number, column: number): void;
}
