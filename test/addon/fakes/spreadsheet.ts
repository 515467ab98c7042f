/**
 * In-memory SpreadsheetApp: a Spreadsheet of several Sheets (tabs) whose Ranges read and write
 * values, formulas, backgrounds, notes and data validations, with the documented edge behaviour
 * (platform-notes.md §1.1–1.3): "" for empty cells, dimension errors on set*, null resets a
 * background or removes a note, getLastRow() is 0 on an empty sheet. Dates and typed text
 * follow sheet-values.ts; protected ranges are enforced as described beside FakeProtection.
 */
import { counted, type CallLog } from './calls';
import { coerce, instantOf, SheetDate, type Stored } from './sheet-values';

export type Cell = Stored;
const WHITE = '#ffffff';

/**
 * The error a script gets when it writes (values, formats, notes, validation) into a cell a
 * protection keeps from the running user. The text is the one widely reported from Apps Script
 * ("Exception: You are trying to edit a protected cell or object…"); no official page quotes it
 * (UNCONFIRMED), so tests match only its start.
 * Source for the behaviour: https://developers.google.com/apps-script/reference/spreadsheet/protection
 * ("…prevents users other than the editors from editing"), and Range.protect(): "a user is blocked if
 * any overlapping protection blocks them" (platform-notes §1.2, AS-range).
 */
export const PROTECTED_ERROR = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export class FakeDataValidation {
  constructor(readonly values: readonly string[], readonly showDropdown: boolean, readonly allowInvalid: boolean) {}
  getCriteriaValues(): unknown[] {
    return [this.values, this.showDropdown];
  }
}

export class FakeDataValidationBuilder {
  private values: string[] = [];
  private showDropdown = true;
  private allowInvalid = true;
  requireValueInList(values: string[], showDropdown = true): this {
    this.values = [...values];
    this.showDropdown = showDropdown;
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this.allowInvalid = allow;
    return this;
  }
  build(): FakeDataValidation {
    return new FakeDataValidation(this.values, this.showDropdown, this.allowInvalid);
  }
}

interface Box {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

const overlaps = (a: Box, b: Box): boolean => a.row <= b.row + b.numRows - 1 && b.row <= a.row + a.numRows - 1
  && a.column <= b.column + b.numColumns - 1 && b.column <= a.column + a.numColumns - 1;

/**
 * A protected range or a protected sheet
 * (https://developers.google.com/apps-script/reference/spreadsheet/protection):
 * `canEdit()` is true for the protection's editors; `setWarningOnly(true)` lets everyone edit
 * after a warning (scripts are not stopped by a warning); a sheet protection may list
 * unprotected ranges (`getUnprotectedRanges`). Whoever creates a protection is its editor.
 */
export class FakeProtection {
  private description = '';
  private warningOnly = false;
  readonly editors = new Set<string>();
  unprotected: Box[] = [];
  constructor(readonly a1: string, readonly box: Box, readonly type: 'RANGE' | 'SHEET' = 'RANGE', private readonly rangeOf?: () => unknown, private readonly user?: () => string) {}
  /** Does this protection stop `user` from editing the cell? */
  blocks(user: string, row: number, column: number): boolean {
    if (this.warningOnly || this.editors.has(user)) return false;
    const cell = { row, column, numRows: 1, numColumns: 1 };
    if (!overlaps(this.box, cell)) return false;
    return !this.unprotected.some((free) => overlaps(free, cell));
  }
  canEdit(): boolean {
    return this.canEditAs(this.user?.() ?? '');
  }
  canEditAs(user: string): boolean {
    return this.warningOnly || this.editors.has(user);
  }
  getRange(): unknown {
    return this.rangeOf?.();
  }
  getUnprotectedRanges(): unknown[] {
    return [];
  }
  setDescription(text: string): this {
    this.description = text;
    return this;
  }
  getDescription(): string {
    return this.description;
  }
  setWarningOnly(value: boolean): this {
    this.warningOnly = value;
    return this;
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
}

interface Merge {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
}

/** The state of one sheet; tests read it directly to assert what the member sees. */
export class SheetState {
  values: Cell[][] = [];
  formulas: string[][] = [];
  backgrounds: string[][] = [];
  notes: string[][] = [];
  validations: (FakeDataValidation | null)[][] = [];
  merges: Merge[] = [];
  protections: FakeProtection[] = [];
  /** Sheet-level protection (Sheet.protect()), if any. */
  sheetProtection: FakeProtection | undefined;
  hiddenColumns = new Set<number>();
  frozenRows = 0;
  active: { row: number; column: number } | undefined;

  constructor(public maxRows = 1000, public maxColumns = 26) {}

  ensure(rows: number, columns: number): void {
    this.maxRows = Math.max(this.maxRows, rows);
    this.maxColumns = Math.max(this.maxColumns, columns);
  }

  value(row: number, column: number): Cell {
    return this.values[row - 1]?.[column - 1] ?? '';
  }
  formula(row: number, column: number): string {
    return this.formulas[row - 1]?.[column - 1] ?? '';
  }
  background(row: number, column: number): string {
    return this.backgrounds[row - 1]?.[column - 1] ?? WHITE;
  }
  note(row: number, column: number): string {
    return this.notes[row - 1]?.[column - 1] ?? '';
  }
  validation(row: number, column: number): FakeDataValidation | null {
    return this.validations[row - 1]?.[column - 1] ?? null;
  }

  set<T>(grid: T[][], row: number, column: number, value: T): void {
    const line = (grid[row - 1] ??= []);
    line[column - 1] = value;
  }

  lastRow(): number {
    for (let r = Math.max(this.values.length, this.formulas.length); r >= 1; r--) {
      const values = this.values[r - 1] ?? [];
      const formulas = this.formulas[r - 1] ?? [];
      if (values.some((cell) => cell !== '' && cell !== undefined) || formulas.some((f) => f)) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    const rows = Math.max(this.values.length, this.formulas.length);
    for (let r = 0; r < rows; r++) {
      const values = this.values[r] ?? [];
      const formulas = this.formulas[r] ?? [];
      for (let c = Math.max(values.length, formulas.length); c > last; c--) {
        if ((values[c - 1] !== undefined && values[c - 1] !== '') || formulas[c - 1]) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** True when a protection keeps `user` from editing (row, column). */
  blocked(user: string, row: number, column: number): boolean {
    return this.protections.some((p) => p.blocks(user, row, column)) || (this.sheetProtection?.blocks(user, row, column) ?? false);
  }

  /** Protects a rectangle so that only `editors` may edit it (the test plays the owner). */
  protectRange(row: number, column: number, numRows: number, numColumns: number, editors: readonly string[] = []): FakeProtection {
    const protection = new FakeProtection(`R${row}C${column}`, { row, column, numRows, numColumns });
    editors.forEach((editor) => protection.editors.add(editor));
    this.protections.push(protection);
    return protection;
  }

  /** Top-left cell of the merge covering (row, column), if any. */
  mergeAt(row: number, column: number): Merge | undefined {
    return this.merges.find((m) => row >= m.row && row < m.row + m.numRows && column >= m.column && column < m.column + m.numColumns);
  }
}


function mismatch(what: 'rows' | 'columns', data: number, range: number): Error {
  return new Error(`The number of ${what} in the data does not match the number of ${what} in the range. The data has ${data} but the range has ${range}.`);
}

export class FakeRange {
  constructor(
    private readonly sheet: FakeSheet,
    private readonly state: SheetState,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    if (row + numRows - 1 > state.maxRows || column + numColumns - 1 > state.maxColumns) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  private grid<T>(read: (row: number, column: number) => T): T[][] {
    this.sheet.app.onCells(this.numRows * this.numColumns);
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numColumns; c++) line.push(read(this.row + r, this.column + c));
      out.push(line);
    }
    return out;
  }

  private check(data: readonly (readonly unknown[])[]): void {
    if (!Array.isArray(data) || data.length !== this.numRows) throw mismatch('rows', Array.isArray(data) ? data.length : 0, this.numRows);
    for (const line of data) if (!Array.isArray(line) || line.length !== this.numColumns) throw mismatch('columns', Array.isArray(line) ? line.length : 0, this.numColumns);
  }

  private each(data: readonly (readonly unknown[])[], write: (row: number, column: number, value: unknown) => void): this {
    this.check(data);
    this.guardWrite();
    this.sheet.app.cellsWritten += this.numRows * this.numColumns;
    this.sheet.app.onCells(this.numRows * this.numColumns);
    data.forEach((line, r) => line.forEach((value, c) => write(this.row + r, this.column + c, value)));
    return this;
  }

  getRow(): number { return this.row; }
  getColumn(): number { return this.column; }
  getNumRows(): number { return this.numRows; }
  getNumColumns(): number { return this.numColumns; }
  getLastRow(): number { return this.row + this.numRows - 1; }
  getLastColumn(): number { return this.column + this.numColumns - 1; }
  getSheet(): FakeSheet { return this.sheet; }
  getA1Notation(): string { return `R${this.row}C${this.column}:R${this.getLastRow()}C${this.getLastColumn()}`; }

  /** A date cell comes back as a Date of the script's realm at its wall time in the spreadsheet's zone (sheet-values.ts). */
  private out(cell: Cell): Cell {
    return cell instanceof SheetDate ? new this.sheet.app.RealmDate(instantOf(cell, this.sheet.app.timeZone)) : cell;
  }
  getValues(): Cell[][] {
    return this.grid((r, c) => {
      const merge = this.state.mergeAt(r, c);
      if (merge && (merge.row !== r || merge.column !== c)) return '';
      return this.out(this.state.value(r, c));
    });
  }
  getDisplayValues(): string[][] {
    return this.grid((r, c) => String(this.state.value(r, c)));
  }
  getValue(): Cell { return this.out(this.state.value(this.row, this.column)); }
  /** https://developers.google.com/apps-script/reference/spreadsheet/range#canEdit — every cell editable by the user. */
  canEdit(): boolean {
    for (let r = this.row; r < this.row + this.numRows; r++) {
      for (let c = this.column; c < this.column + this.numColumns; c++) if (this.state.blocked(this.sheet.app.user, r, c)) return false;
    }
    return true;
  }
  private guardWrite(): void {
    if (!this.canEdit()) throw new Error(PROTECTED_ERROR);
  }
  getFormulas(): string[][] { return this.grid((r, c) => this.state.formula(r, c)); }
  getBackgrounds(): string[][] { return this.grid((r, c) => this.state.background(r, c)); }
  getNotes(): string[][] { return this.grid((r, c) => this.state.note(r, c)); }
  getDataValidations(): (FakeDataValidation | null)[][] { return this.grid((r, c) => this.state.validation(r, c)); }

  setValues(data: unknown[][]): this {
    return this.each(data, (r, c, input) => {
      if (input === null || input === undefined) throw new Error('Cannot set a null value; write "" to clear a cell.');
      const typed = coerce(input, this.sheet.app.timeZone);
      this.state.set(this.state.values, r, c, typed.value);
      this.state.set(this.state.formulas, r, c, typed.formula);
    });
  }
  setValue(input: unknown): this {
    return this.setValues(this.grid(() => input));
  }
  setBackgrounds(data: (string | null)[][]): this {
    return this.each(data, (r, c, colour) => this.state.set(this.state.backgrounds, r, c, colour === null ? WHITE : String(colour).toLowerCase()));
  }
  setBackground(colour: string | null): this {
    return this.setBackgrounds(this.grid(() => colour));
  }
  setNotes(data: (string | null)[][]): this {
    return this.each(data, (r, c, note) => this.state.set(this.state.notes, r, c, note === null ? '' : String(note)));
  }
  setNote(note: string | null): this {
    return this.setNotes(this.grid(() => note));
  }
  setDataValidation(rule: FakeDataValidation | null): this {
    return this.setDataValidations(this.grid(() => rule));
  }
  setDataValidations(data: (FakeDataValidation | null)[][]): this {
    return this.each(data, (r, c, rule) => this.state.set(this.state.validations, r, c, rule as FakeDataValidation | null));
  }
  merge(): this {
    this.state.merges.push({ row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns });
    return this;
  }
  getMergedRanges(): FakeRange[] {
    return this.state.merges
      .filter((m) => m.row <= this.getLastRow() && m.row + m.numRows - 1 >= this.row && m.column <= this.getLastColumn() && m.column + m.numColumns - 1 >= this.column)
      .map((m) => new FakeRange(this.sheet, this.state, m.row, m.column, m.numRows, m.numColumns));
  }
  protect(): FakeProtection {
    const protection = new FakeProtection(this.getA1Notation(), { row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns },
      'RANGE', () => this, () => this.sheet.app.user);
    protection.editors.add(this.sheet.app.user);
    this.state.protections.push(protection);
    return protection;
  }
  /** Selecting a range on another tab makes that tab the active one (Range.activate). */
  activate(): this {
    this.state.active = { row: this.row, column: this.column };
    this.sheet.app.activate(this.sheet.getName());
    return this;
  }
}

export class FakeSheet {
  /** The proxied version of this sheet, handed to the add-on so its calls are counted. */
  self: FakeSheet = this;

  constructor(readonly state: SheetState, private readonly name: string, private readonly id: number,
    private readonly wrap: <T extends object>(value: T) => T, readonly app: FakeSpreadsheetApp) {}

  private range(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    return this.wrap(new FakeRange(this.self, this.state, row, column, numRows, numColumns));
  }

  getName(): string { return this.name; }
  getParent(): object { return this.app.getActive(); }
  getSheetId(): number { return this.id; }
  getLastRow(): number { return this.state.lastRow(); }
  getLastColumn(): number { return this.state.lastColumn(); }
  getMaxRows(): number { return this.state.maxRows; }
  getMaxColumns(): number { return this.state.maxColumns; }
  getFrozenRows(): number { return this.state.frozenRows; }
  setFrozenRows(rows: number): this {
    this.state.frozenRows = rows;
    return this;
  }
  getDataRange(): FakeRange {
    return this.range(1, 1, Math.max(1, this.state.lastRow()), Math.max(1, this.state.lastColumn()));
  }
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): FakeRange {
    if (typeof rowOrA1 === 'string') {
      const rows = /^(\d+):(\d+)$/.exec(rowOrA1);
      if (!rows) throw new Error(`Range not found: ${rowOrA1}`);
      const first = Number(rows[1]);
      return this.range(first, 1, Number(rows[2]) - first + 1, this.state.maxColumns);
    }
    if (column === undefined) throw new Error('The parameters (number) don\'t match the method signature for SpreadsheetApp.Sheet.getRange.');
    return this.range(rowOrA1, column, numRows ?? 1, numColumns ?? 1);
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType) */
  getProtections(type: string): FakeProtection[] {
    const attach = (p: FakeProtection): FakeProtection => this.wrap(p);
    if (type === 'SHEET') return this.state.sheetProtection ? [attach(this.state.sheetProtection)] : [];
    return this.state.protections.map((p) => {
      const withRange = new FakeProtection(p.a1, p.box, 'RANGE', () => this.range(p.box.row, p.box.column, p.box.numRows, p.box.numColumns), () => this.app.user);
      p.editors.forEach((editor) => withRange.editors.add(editor));
      if (p.isWarningOnly()) withRange.setWarningOnly(true);
      withRange.setDescription(p.getDescription());
      return attach(withRange);
    });
  }
  hideColumns(column: number, howMany = 1): this {
    for (let c = column; c < column + howMany; c++) this.state.hiddenColumns.add(c);
    return this;
  }
  isColumnHiddenByUser(column: number): boolean {
    return this.state.hiddenColumns.has(column);
  }
  /** Structural changes are refused on a protected sheet, as cell edits are. */
  private guardSheet(): void {
    if (this.state.sheetProtection && !this.state.sheetProtection.canEditAs(this.app.user)) throw new Error(PROTECTED_ERROR);
  }
  insertColumnsAfter(column: number, howMany: number): this {
    this.guardSheet();
    if (column !== this.state.maxColumns) throw new Error('The fake only appends columns at the end.');
    this.state.maxColumns += howMany;
    return this;
  }
  insertRowBefore(row: number): this {
    this.guardSheet();
    for (const grid of [this.state.values, this.state.formulas, this.state.backgrounds, this.state.notes, this.state.validations] as unknown[][][]) {
      if (grid.length >= row) grid.splice(row - 1, 0, []);
    }
    this.state.maxRows += 1;
    return this;
  }
}

export interface UiRecord {
  menus: { name: string; items: { caption: string; functionName: string }[] }[];
  sidebars: { title: string; content: string }[];
  alerts: string[];
}

class FakeMenu {
  readonly items: { caption: string; functionName: string }[] = [];
  constructor(private readonly record: UiRecord, private readonly name: string) {}
  addItem(caption: string, functionName: string): this {
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): this {
    return this;
  }
  addToUi(): void {
    this.record.menus.push({ name: this.name, items: this.items });
  }
}

export class FakeUi {
  constructor(private readonly record: UiRecord, private readonly wrap: <T extends object>(value: T) => T) {}
  createAddonMenu(): FakeMenu {
    return this.wrap(new FakeMenu(this.record, 'Data Commons'));
  }
  createMenu(name: string): FakeMenu {
    return this.wrap(new FakeMenu(this.record, name));
  }
  showSidebar(output: { getContent(): string; getTitle(): string }): void {
    this.record.sidebars.push({ title: output.getTitle(), content: output.getContent() });
  }
  alert(message: string): string {
    this.record.alerts.push(message);
    return 'OK';
  }
}

export interface Toast {
  readonly message: string;
  readonly title: string;
}

/**
 * SpreadsheetApp and the one Spreadsheet it is bound to. Sheet ids are arbitrary integers
 * (the first tab's is 0; https://developers.google.com/apps-script/reference/spreadsheet/sheet#getSheetId),
 * so nothing may assume id = position. The active tab is whatever the member last selected and
 * can change between a sidebar opening and a button click in it.
 */
export class FakeSpreadsheetApp {
  readonly ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' };
  readonly sheets: FakeSheet[] = [];
  activeIndex = 0;
  /** Spreadsheet time zone (File → Settings), distinct from the script's manifest zone. */
  timeZone = 'Etc/UTC';
  /** The running user's email, for protections. */
  user = 'member@example.org';
  /** The Date constructor of the script's realm, so dates returned pass `instanceof Date` there. */
  RealmDate: DateConstructor = Date;
  /** Cells written by set* calls (values, backgrounds, notes, validations). */
  cellsWritten = 0;
  /** Told how many cells each read or write touches (the environment charges time for them). */
  onCells: (cells: number) => void = () => undefined;
  readonly toasts: Toast[] = [];

  constructor(private readonly calls: CallLog, private readonly ui: UiRecord, private readonly guard: (service: 'spreadsheet' | 'ui', method: string) => void) {}

  private wrapSheetObject = <T extends object>(value: T): T => counted(value, 'spreadsheet', this.calls, (method) => this.guard('spreadsheet', method));
  private wrapUiObject = <T extends object>(value: T): T => counted(value, 'ui', this.calls, (method) => this.guard('ui', method));

  addSheet(name: string, state = new SheetState()): FakeSheet {
    const sheet = new FakeSheet(state, name, this.sheets.length * 1_000_003, this.wrapSheetObject, this);
    sheet.self = this.wrapSheetObject(sheet);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The member clicks another tab. */
  activate(name: string): void {
    const index = this.sheets.findIndex((sheet) => sheet.getName() === name);
    if (index < 0) throw new Error(`No tab named ${name}`);
    this.activeIndex = index;
  }

  getActiveSheet(): FakeSheet {
    const sheet = this.sheets[this.activeIndex];
    if (!sheet) throw new Error('No active sheet.');
    return sheet.self;
  }
  private spreadsheet(): object {
    return this.wrapSheetObject({
      getActiveSheet: () => this.getActiveSheet(),
      getSheets: () => this.sheets.map((sheet) => sheet.self),
      getSheetByName: (name: string) => this.sheets.find((sheet) => sheet.getName() === name)?.self ?? null,
      /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone() */
      getSpreadsheetTimeZone: () => this.timeZone,
      /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#toast(String,String,Number) */
      toast: (message: string, title = '', _seconds?: number) => {
        this.toasts.push({ message: String(message), title: String(title) });
      },
      getId: () => 'spreadsheet-1',
    });
  }
  getActive(): object {
    return this.spreadsheet();
  }
  getActiveSpreadsheet(): object {
    return this.spreadsheet();
  }
  getUi(): FakeUi {
    return this.wrapUiObject(new FakeUi(this.ui, this.wrapUiObject));
  }
  newDataValidation(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder();
  }
  flush(): void {}
}
