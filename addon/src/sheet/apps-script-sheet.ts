/**
 * The only place that calls SpreadsheetApp. Every method is one batch of round trips whose count
 * does not depend on the number of rows.
 */
import type { Block, Box, CellValue, Dropdown, SheetLike } from './sheet-like';
import { datesToText } from './zoned-dates';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export class AppsScriptSheet implements SheetLike {

  private zone: string | undefined;

  constructor(private readonly sheet: Sheet) {}

  private sheetId: number | undefined;
  private sheetName: string | undefined;

  id(): number {
    this.sheetId ??= this.sheet.getSheetId();
    return this.sheetId;
  }

  name(): string {
    this.sheetName ??= this.sheet.getName();
    return this.sheetName;
  }

  readMarks(box: Box): { backgrounds: string[][]; notes: string[][] } {
    const range = this.sheet.getRange(box.row, box.column, box.numRows, box.numColumns);
    return { backgrounds: range.getBackgrounds(), notes: range.getNotes() };
  }

  writeMarksAt(row: number, column: number, backgrounds: (string | null)[][], notes: (string | null)[][]): void {
    const rows = backgrounds.length;
    const columns = backgrounds[0]?.length ?? 0;
    if (rows === 0 || columns === 0) return;
    const range = this.sheet.getRange(row, column, rows, columns);
    // Apps Script's typings say string[][], but null resetting a cell is documented behaviour.
    range.setBackgrounds(backgrounds as string[][]);
    range.setNotes(notes as string[][]);
  }

  blockedAreas(): Box[] {
    const areas: Box[] = [];
    for (const protection of this.sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
      if (protection.canEdit()) continue;
      const range = protection.getRange();
      areas.push({ row: range.getRow(), column: range.getColumn(), numRows: range.getNumRows(), numColumns: range.getNumColumns() });
    }
    const whole = this.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    // A protected tab with exceptions is treated as wholly blocked: skipping a cell we could have
    // marked is better than a write that fails.
    if (whole && !whole.canEdit()) areas.push({ row: 1, column: 1, numRows: this.sheet.getMaxRows(), numColumns: this.sheet.getMaxColumns() });
    return areas;
  }

  readRaw(box: Box): { values: CellValue[][]; formulas: string[][] } {
    const range = this.sheet.getRange(box.row, box.column, box.numRows, box.numColumns);
    return { values: range.getValues() as CellValue[][], formulas: range.getFormulas() };
  }

  writeValuesAt(row: number, column: number, values: CellValue[][]): void {
    if (values.length === 0 || (values[0]?.length ?? 0) === 0) return;
    this.sheet.getRange(row, column, values.length, values[0]?.length ?? 0).setValues(values);
  }

  hideColumn(column: number): void {
    this.sheet.hideColumns(column);
  }

  toast(text: string): void {
    this.sheet.getParent().toast(text, 'Data Commons', 5);
  }

  private timeZone(): string {
    this.zone ??= this.sheet.getParent().getSpreadsheetTimeZone();
    return this.zone;
  }

  readAll(): Block {
    return this.readRange(this.sheet.getDataRange(), 1);
  }

  readRows(firstRow: number, numRows: number, numColumns: number): Block {
    return this.readRange(this.sheet.getRange(firstRow, 1, numRows, Math.max(1, numColumns)), firstRow);
  }

  readValues(firstRow: number, numRows: number, numColumns: number): CellValue[][] {
    return datesToText(this.sheet.getRange(firstRow, 1, numRows, Math.max(1, numColumns)).getValues() as CellValue[][], () => this.timeZone());
  }

  readFormulas(firstRow: number, numRows: number, numColumns: number): string[][] {
    return this.sheet.getRange(firstRow, 1, numRows, Math.max(1, numColumns)).getFormulas();
  }

  writeColumn(firstRow: number, column: number, values: readonly string[]): void {
    this.sheet.getRange(firstRow, column, values.length, 1).setValues(values.map((value) => [value]));
  }

  writeRowNotes(row: number, notes: readonly string[]): void {
    if (notes.length === 0) return;
    this.sheet.getRange(row, 1, 1, notes.length).setNotes([notes.map((note) => (note === '' ? null : note)) as string[]]);
  }

  ensureColumns(columns: number): void {
    const max = this.sheet.getMaxColumns();
    if (max < columns) this.sheet.insertColumnsAfter(max, columns - max);
  }

  maxRows(): number {
    return this.sheet.getMaxRows();
  }

  lastColumn(): number {
    return this.sheet.getLastColumn();
  }

  lastRow(): number {
    return this.sheet.getLastRow();
  }

  hasMergedCells(row: number, numColumns: number): boolean {
    return this.sheet.getRange(row, 1, 1, Math.max(1, numColumns)).getMergedRanges().length > 0;
  }

  insertRowBefore(row: number): void {
    this.sheet.insertRowBefore(row);
  }

  writeHeader(row: number, firstColumn: number, labels: readonly string[], notes: readonly string[]): void {
    if (labels.length === 0) return;
    const range = this.sheet.getRange(row, firstColumn, 1, labels.length);
    range.setValues([[...labels]]);
    range.setNotes([[...notes]]);
  }

  freezeRows(rows: number): void {
    this.sheet.setFrozenRows(rows);
  }

  protectRowWithWarning(row: number, description: string): void {
    const existing = this.sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    if (existing.some((protection) => protection.getDescription() === description)) return;
    const protection = this.sheet.getRange(`${row}:${row}`).protect();
    protection.setDescription(description);
    protection.setWarningOnly(true);
  }

  setDropdowns(dropdowns: readonly Dropdown[], lastRow: number): void {
    for (const dropdown of dropdowns) {
      if (lastRow < dropdown.firstRow) continue;
      const range = this.sheet.getRange(dropdown.firstRow, dropdown.column, lastRow - dropdown.firstRow + 1, 1);
      if (dropdown.values.length === 0) {
        range.setDataValidation(null);
        continue;
      }
      const rule = SpreadsheetApp.newDataValidation()
        .requireValueInList([...dropdown.values], true)
        .setAllowInvalid(true)
        .build();
      range.setDataValidation(rule);
    }
  }

  select(row: number, column: number): void {
    this.sheet.getRange(row, column).activate();
  }

  private readRange(range: Range, firstRow: number): Block {
    const values = datesToText(range.getValues() as CellValue[][], () => this.timeZone());
    const block: Block = { firstRow, values, backgrounds: range.getBackgrounds(), notes: range.getNotes() };
    return block;
  }
}

/** The sheet the member is looking at. */
export function activeSheet(): AppsScriptSheet {
  return new AppsScriptSheet(SpreadsheetApp.getActiveSheet());
}

/**
 * The tab a sidebar was opened for, by id: the member may have clicked another tab since.
 * Undefined when that tab was deleted.
 */
export function sheetById(id: number): AppsScriptSheet | undefined {
  const sheet = SpreadsheetApp.getActive().getSheets().find((candidate) => candidate.getSheetId() === id);
  return sheet ? new AppsScriptSheet(sheet) : undefined;
}

/** The sheet an onEdit event happened in, plus the edited rows. */
export function editedSheet(range: Range): { sheet: AppsScriptSheet; firstRow: number; numRows: number } {
  return { sheet: new AppsScriptSheet(range.getSheet()), firstRow: range.getRow(), numRows: range.getNumRows() };
}

/** Applies pending writes; Apps Script asks for it before a lock is released. */
export function flushSheet(): void {
  SpreadsheetApp.flush();
}
