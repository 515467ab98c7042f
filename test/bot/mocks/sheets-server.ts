/**
 * Google Sheets API v4 (and the one Drive v3 call the job makes) on 127.0.0.1, speaking the
 * REST shapes googleapis sends and expects, with Google's error body
 * `{"error":{"code","message","status"}}`. Each behaviour below names its source; where the
 * source is silent the harsher behaviour is modelled and marked UNCONFIRMED.
 *
 * Sources (keys used beside each behaviour):
 *   LIMITS  https://developers.google.com/workspace/sheets/api/limits
 *   APPEND  https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/append
 *   BATCH   https://developers.google.com/workspace/sheets/api/guides/batchupdate ("all or nothing")
 *   COPY    CopyPasteRequest.destination (Sheets REST reference, as generated into every client library)
 *   CELLS   https://workspaceupdates.googleblog.com/2022/03/ten-million-cells-google-sheets.html, and the
 *           error text quoted in github.com/nithinmurali/pygsheets/issues/589
 *   CHARS   50,000 characters per cell: github.com/ONE-F-M/one_fm/pull/1926, dhis2/dhis2-utils#117
 *   GRID    "exceeds grid limits" for ranges past a tab's grid, reads and writes: public client code and
 *           threads (gspread, pygsheets users); exact wording beyond that phrase UNCONFIRMED
 *   DRV     https://developers.google.com/workspace/drive/api/reference/rest/v3/files
 *   NOTES   ../shared/spec/platform-notes.md §2 and §5
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type Fault, type FaultOptions } from './faults';

export interface GridRangeJson {
  sheetId?: number;
  startRowIndex?: number;
  endRowIndex?: number;
  startColumnIndex?: number;
  endColumnIndex?: number;
}

export interface MockSheet {
  sheetId: number;
  title: string;
  values: string[][];
  /** The grid: what exists, whether or not it holds values. */
  rowCount: number;
  columnCount: number;
  frozenRowCount?: number;
  protectedRanges: { protectedRangeId: number; range: GridRangeJson; description?: string }[];
  basicFilter?: { range: GridRangeJson };
  /** Pixel widths set on columns, by 0-based column index. */
  columnWidths: { [column: number]: number };
}

export interface MockSpreadsheet {
  title: string;
  sheets: MockSheet[];
  version: number;
  modifiedTime: string;
  /** Drive mimeType; a spreadsheet unless a test says otherwise. */
  mimeType?: string;
  /** False: the service account was not given access (403). */
  shared?: boolean;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** What the request was answered with: a status, or 'fault-before'/'fault-after'. */
  outcome?: number | string;
}

export interface QuotaOptions {
  /** LIMITS: 60 read and 60 write requests per minute per user per project. */
  readonly readsPerMinute?: number;
  readonly writesPerMinute?: number;
  /** Injected so tests can pass a minute without waiting. */
  readonly clock?: () => number;
}

export interface MockSheetsOptions {
  readonly faults?: FaultOptions;
  /** Per-user per-minute quotas; off unless given. */
  readonly quota?: QuotaOptions;
  /** CELLS: 10,000,000 per spreadsheet, all tabs counted. Lowered in tests to reach it cheaply. */
  readonly cellLimit?: number;
  /** 0 (the default) lets the system pick a free port, as tests must. */
  readonly port?: number;
}

export interface MockSheets {
  readonly url: string;
  readonly spreadsheets: Map<string, MockSpreadsheet>;
  readonly requests: LoggedRequest[];
  readonly faults?: FaultInjector;
  /** 429s answered for quota, reads and writes. */
  readonly throttled: { read: number; write: number };
  /** Adds or replaces a spreadsheet with one tab per entry. */
  put(id: string, tabs: { [title: string]: string[][] }, grid?: { rows?: number; columns?: number }): MockSpreadsheet;
  /** Records an edit: bumps version and modifiedTime, as Drive does. */
  touch(id: string): void;
  /** Fails (or drops) the next request that matches, after carrying it out: a lost reply. */
  loseReplyTo(match: (method: string, path: string, body: unknown) => boolean, kind?: '500' | 'drop'): void;
  close(): Promise<void>;
}

export const CELL_LIMIT = 10_000_000;
/** CHARS */
export const CELL_CHARS = 50_000;

const STATUS: { [code: number]: string } = {
  400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL',
};

class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function fail(res: ServerResponse, code: number, message: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, status: STATUS[code] ?? 'UNKNOWN' } }));
}

const colNumber = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
export const colLetters = (n: number): string => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

interface A1 {
  sheet?: string;
  /** 'grid': a tab's title alone; 'cell': one cell; 'range': with a colon. */
  span: 'grid' | 'cell' | 'range';
  startRow: number;
  startCol: number;
  endRow?: number;
  endCol?: number;
}

export function parseA1(range: string): A1 {
  let sheet: string | undefined;
  let cells = range;
  const bang = range.lastIndexOf('!');
  if (bang >= 0) {
    sheet = range.slice(0, bang);
    cells = range.slice(bang + 1);
  } else if (!/^[A-Z]*\d*(:[A-Z]*\d*)?$/i.test(range)) {
    sheet = range;
    cells = '';
  }
  if (sheet?.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  if (!cells) return { ...(sheet !== undefined ? { sheet } : {}), span: 'grid', startRow: 1, startCol: 1 };
  const [start = '', end] = cells.split(':');
  const part = (text: string): { col?: number; row?: number } => {
    const m = /^([A-Z]*)(\d*)$/i.exec(text);
    if (!m) throw new ApiError(400, `Unable to parse range: ${range}`);
    return { ...(m[1] ? { col: colNumber(m[1]) } : {}), ...(m[2] ? { row: Number(m[2]) } : {}) };
  };
  const s = part(start);
  const e = end === undefined ? s : part(end);
  return {
    ...(sheet !== undefined ? { sheet } : {}), span: end === undefined ? 'cell' : 'range', startRow: s.row ?? 1, startCol: s.col ?? 1,
    ...(e.row !== undefined ? { endRow: e.row } : {}), ...(e.col !== undefined ? { endCol: e.col } : {}),
  };
}

async function readJson(req: IncomingMessage): Promise<{ [key: string]: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as { [key: string]: unknown }) : {};
}

/** Trailing empty rows and cells are left out of value ranges, as the real API does (SH-rest ValueRange). */
const trimmed = (rows: string[][]): string[][] => {
  const out = rows.map((row) => {
    let end = row.length;
    while (end > 0 && (row[end - 1] ?? '') === '') end -= 1;
    return row.slice(0, end);
  });
  let last = out.length;
  while (last > 0 && (out[last - 1]?.length ?? 0) === 0) last -= 1;
  return out.slice(0, last);
};

const blankRow = (row: readonly string[] | undefined): boolean => !row || row.every((cell) => cell === '');
const gridCells = (sheets: readonly MockSheet[]): number => sheets.reduce((sum, sheet) => sum + sheet.rowCount * sheet.columnCount, 0);

function newSheet(sheetId: number, title: string, values: string[][], rows = 1000, columns = 26): MockSheet {
  return {
    sheetId, title, values,
    rowCount: Math.max(rows, values.length), columnCount: values.reduce((most, row) => Math.max(most, row.length), columns),
    protectedRanges: [], columnWidths: {},
  };
}

export async function startMockSheets(options: MockSheetsOptions = {}): Promise<MockSheets> {
  const spreadsheets = new Map<string, MockSpreadsheet>();
  const requests: LoggedRequest[] = [];
  const faults = options.faults ? new FaultInjector(options.faults) : undefined;
  const cellLimit = options.cellLimit ?? CELL_LIMIT;
  const lostReplies: { match: (method: string, path: string, body: unknown) => boolean; kind: '500' | 'drop' }[] = [];
  const throttled = { read: 0, write: 0 };
  const quotaClock = options.quota?.clock ?? Date.now;
  const used = new Map<string, number[]>();
  let nextSheetId = 1000;
  let nextProtectionId = 1;
  let clock = Date.UTC(2026, 0, 1);

  const touch = (id: string): void => {
    const book = spreadsheets.get(id);
    if (!book) return;
    book.version += 1;
    book.modifiedTime = new Date((clock += 1000)).toISOString();
  };

  /**
   * LIMITS: "Read requests ... Per minute per user per project 60; Write requests ... 60"; "If your app
   * sends 350 requests in one minute, the additional 50 ... generate a 429"; "After 1 minute, you can
   * execute requests again". Counted over the last 60 s (a sliding window is the harsher reading of
   * "per minute"). Each batch counts as one request. No Retry-After header (UNCONFIRMED; harsher).
   */
  const overQuota = (user: string, kind: 'read' | 'write'): boolean => {
    const limit = kind === 'read' ? options.quota?.readsPerMinute : options.quota?.writesPerMinute;
    if (!options.quota || limit === undefined) return false;
    const now = quotaClock();
    const key = `${user}|${kind}`;
    const times = (used.get(key) ?? []).filter((t) => t > now - 60_000);
    used.set(key, times);
    if (times.length >= limit) return true;
    times.push(now);
    return false;
  };

  const sheetFor = (book: MockSpreadsheet, a1: A1, range: string): MockSheet => {
    const sheet = a1.sheet === undefined ? book.sheets[0] : book.sheets.find((candidate) => candidate.title === a1.sheet);
    if (!sheet) throw new ApiError(400, `Unable to parse range: ${range}`);
    return sheet;
  };

  /** GRID: a range past the tab's grid is refused, not clipped. */
  const checkGrid = (sheet: MockSheet, a1: A1, range: string): void => {
    const lastRow = a1.endRow ?? a1.startRow;
    const lastCol = a1.endCol ?? a1.startCol;
    if (Math.max(a1.startRow, lastRow) > sheet.rowCount || Math.max(a1.startCol, lastCol) > sheet.columnCount) {
      throw new ApiError(400, `Range (${range}) exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`);
    }
  };

  const valueRange = (book: MockSpreadsheet, range: string): { range: string; majorDimension: string; values?: string[][] } => {
    const a1 = parseA1(range);
    const sheet = sheetFor(book, a1, range);
    checkGrid(sheet, a1, range);
    const endRow = a1.span === 'cell' ? a1.startRow : a1.endRow ?? sheet.rowCount;
    const endCol = a1.span === 'cell' ? a1.startCol : a1.endCol ?? sheet.columnCount;
    const rows = sheet.values.slice(a1.startRow - 1, endRow).map((row) => row.slice(a1.startCol - 1, endCol));
    const values = trimmed(rows);
    const echo = `'${sheet.title}'!${colLetters(a1.startCol)}${a1.startRow}:${colLetters(endCol)}${endRow}`;
    return { range: echo, majorDimension: 'ROWS', ...(values.length ? { values } : {}) };
  };

  /** CHARS: "Your input contains more than the maximum of 50000 characters in a single cell." */
  const checkChars = (values: unknown[][]): void => {
    for (const row of values) {
      for (const cell of row) {
        if (typeof cell === 'string' && cell.length > CELL_CHARS) {
          throw new ApiError(400, `Your input contains more than the maximum of ${CELL_CHARS} characters in a single cell.`);
        }
      }
    }
  };

  const put = (sheet: MockSheet, row0: number, col0: number, values: unknown[][]): number => {
    let cells = 0;
    values.forEach((row, r) => {
      const target = (sheet.values[row0 + r] ??= []);
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        while (target.length < col0 + c) target.push('');
        target[col0 + c] = typeof cell === 'string' ? cell : String(cell);
        cells += 1;
      });
    });
    for (let r = 0; r < sheet.values.length; r += 1) sheet.values[r] ??= [];
    return cells;
  };

  const write = (id: string, book: MockSpreadsheet, range: string, values: unknown[][]) => {
    const a1 = parseA1(range);
    const sheet = sheetFor(book, a1, range);
    checkChars(values);
    const width = values.reduce((most, row) => Math.max(most, row.length), 0);
    // GRID: values.update does not grow the grid (harsher reading; public code widens the grid first).
    checkGrid(sheet, { ...a1, endRow: a1.startRow + Math.max(values.length, 1) - 1, endCol: a1.startCol + Math.max(width, 1) - 1 }, range);
    const cells = put(sheet, a1.startRow - 1, a1.startCol - 1, values);
    touch(id);
    return {
      updatedRange: `'${sheet.title}'!${colLetters(a1.startCol)}${a1.startRow}:${colLetters(a1.startCol + Math.max(width, 1) - 1)}${a1.startRow + Math.max(values.length, 1) - 1}`,
      updatedRows: values.length, updatedColumns: width, updatedCells: cells,
    };
  };

  /**
   * APPEND: "The input range is used to search for existing data and find a 'table' within that
   * range. Values will be appended to the next row of the table, starting with the first column of
   * the table." The first table below the range's start wins, so a blank row ends it and rows
   * under the blank row are not seen. INSERT_ROWS inserts rows (the grid grows, CELLS applies).
   */
  const append = (id: string, book: MockSpreadsheet, range: string, values: unknown[][], insertRows: boolean) => {
    const a1 = parseA1(range);
    const sheet = sheetFor(book, a1, range);
    checkChars(values);
    const lastRow = Math.min(a1.endRow ?? sheet.rowCount, sheet.rowCount);
    let start = a1.startRow - 1;
    while (start < lastRow && blankRow(sheet.values[start]?.slice(a1.startCol - 1, a1.endCol))) start += 1;
    let at: number;
    let tableRange = '';
    if (start >= lastRow) {
      at = a1.startRow - 1;
    } else {
      let end = start;
      while (end < sheet.rowCount && !blankRow(sheet.values[end]?.slice(a1.startCol - 1, a1.endCol))) end += 1;
      at = end;
      tableRange = `'${sheet.title}'!${colLetters(a1.startCol)}${start + 1}:${colLetters(a1.endCol ?? a1.startCol)}${end}`;
    }
    const width = values.reduce((most, row) => Math.max(most, row.length), 1);
    const grow = insertRows ? values.length : Math.max(0, at + values.length - sheet.rowCount);
    const growCols = Math.max(0, a1.startCol - 1 + width - sheet.columnCount);
    if (gridCells(book.sheets) + grow * sheet.columnCount + growCols * (sheet.rowCount + grow) > cellLimit) {
      throw new ApiError(400, `This action would increase the number of cells in the workbook above the limit of ${cellLimit} cells.`);
    }
    if (insertRows) sheet.values.splice(Math.min(at, sheet.values.length), 0, ...values.map(() => []));
    sheet.rowCount += grow;
    sheet.columnCount += growCols;
    const cells = put(sheet, at, a1.startCol - 1, values);
    touch(id);
    return {
      tableRange,
      updates: {
        spreadsheetId: id, updatedRange: `'${sheet.title}'!A${at + 1}:${colLetters(width)}${at + values.length}`,
        updatedRows: values.length, updatedColumns: width, updatedCells: cells,
      },
    };
  };

  const properties = (sheet: MockSheet, index: number): unknown => ({
    sheetId: sheet.sheetId, title: sheet.title, index, sheetType: 'GRID',
    gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount, ...(sheet.frozenRowCount ? { frozenRowCount: sheet.frozenRowCount } : {}) },
  });

  /** BATCH: every request is checked and applied to a copy; any failure leaves the spreadsheet as it was. */
  const batchUpdate = (book: MockSpreadsheet, requestsIn: { [kind: string]: { [key: string]: unknown } }[]): unknown[] => {
    const copied = new Set<MockSheet>();
    const sheets = book.sheets.map((sheet) => ({ ...sheet, protectedRanges: [...sheet.protectedRanges], columnWidths: { ...sheet.columnWidths } }));
    const own = (sheet: MockSheet): MockSheet => {
      if (!copied.has(sheet)) {
        sheet.values = sheet.values.map((row) => [...row]);
        copied.add(sheet);
      }
      return sheet;
    };
    const byId = (id: unknown, at: string): MockSheet => {
      const sheet = sheets.find((candidate) => candidate.sheetId === id);
      if (!sheet) throw new ApiError(400, `Invalid requests[${at}: No grid with id: ${String(id)}`);
      return sheet;
    };
    const limit = (at: string): void => {
      if (gridCells(sheets) > cellLimit) {
        throw new ApiError(400, `Invalid requests[${at}: This action would increase the number of cells in the workbook above the limit of ${cellLimit} cells.`);
      }
    };
    const replies: unknown[] = [];
    requestsIn.forEach((request, i) => {
      const kind = Object.keys(request)[0] ?? '';
      const at = `${i}].${kind}`;
      const body = request[kind] ?? {};
      if (kind === 'addSheet') {
        const props = (body.properties ?? {}) as { title?: string; sheetId?: number; gridProperties?: { rowCount?: number; columnCount?: number } };
        const title = props.title ?? `Sheet${sheets.length + 1}`;
        if (sheets.some((sheet) => sheet.title.toLowerCase() === title.toLowerCase())) {
          throw new ApiError(400, `Invalid requests[${at}: A sheet with the name "${title}" already exists. Please enter another name.`);
        }
        const sheet = newSheet(props.sheetId ?? (nextSheetId += 1), title, [], props.gridProperties?.rowCount ?? 1000, props.gridProperties?.columnCount ?? 26);
        sheet.rowCount = props.gridProperties?.rowCount ?? 1000;
        sheet.columnCount = props.gridProperties?.columnCount ?? 26;
        copied.add(sheet);
        sheets.push(sheet);
        limit(at);
        replies.push({ addSheet: { properties: properties(sheet, sheets.length - 1) } });
      } else if (kind === 'deleteSheet') {
        const sheet = byId(body.sheetId, at);
        if (sheets.length === 1) throw new ApiError(400, `Invalid requests[${at}: You can't remove all the sheets in a document.`);
        sheets.splice(sheets.indexOf(sheet), 1);
        replies.push({});
      } else if (kind === 'updateSheetProperties') {
        const props = body.properties as { sheetId: number; title?: string; gridProperties?: { rowCount?: number; columnCount?: number; frozenRowCount?: number } };
        const fields = String(body.fields ?? '').split(',').map((field) => field.trim());
        const sheet = byId(props.sheetId, at);
        if (fields.includes('title') && props.title !== undefined) {
          if (sheets.some((other) => other !== sheet && other.title.toLowerCase() === props.title?.toLowerCase())) {
            throw new ApiError(400, `Invalid requests[${at}: A sheet with the name "${props.title}" already exists. Please enter another name.`);
          }
          sheet.title = props.title;
        }
        const grid = props.gridProperties ?? {};
        if (fields.includes('gridProperties.rowCount') && grid.rowCount !== undefined) {
          own(sheet).values.length = Math.min(sheet.values.length, grid.rowCount);
          sheet.rowCount = grid.rowCount;
        }
        if (fields.includes('gridProperties.columnCount') && grid.columnCount !== undefined) {
          const columns = grid.columnCount;
          own(sheet).values = sheet.values.map((row) => row.slice(0, columns));
          sheet.columnCount = columns;
        }
        if (fields.includes('gridProperties.frozenRowCount')) sheet.frozenRowCount = grid.frozenRowCount ?? 0;
        limit(at);
        replies.push({});
      } else if (kind === 'updateCells') {
        // Clearing form: a range and `fields` with no rows clears those fields in the range.
        const range = body.range as GridRangeJson;
        if (body.rows !== undefined || !String(body.fields ?? '').includes('userEnteredValue')) {
          throw new ApiError(400, `Invalid requests[${at}: only clearing userEnteredValue is modelled`);
        }
        const sheet = own(byId(range.sheetId, at));
        for (let r = range.startRowIndex ?? 0; r < Math.min(range.endRowIndex ?? sheet.rowCount, sheet.values.length); r += 1) {
          const row = sheet.values[r] ?? [];
          for (let c = range.startColumnIndex ?? 0; c < Math.min(range.endColumnIndex ?? sheet.columnCount, row.length); c += 1) row[c] = '';
        }
        replies.push({});
      } else if (kind === 'copyPaste') {
        // COPY: "If the range is smaller than the source range, the entire source data will still be
        // copied"; a destination that is a multiple of the source repeats it. Only PASTE_VALUES and
        // PASTE_NORMAL (values here) are modelled; pasted blanks overwrite what was there.
        const source = body.source as GridRangeJson;
        const destination = body.destination as GridRangeJson;
        const pasteType = String(body.pasteType ?? 'PASTE_NORMAL');
        if (pasteType !== 'PASTE_VALUES' && pasteType !== 'PASTE_NORMAL') throw new ApiError(400, `Invalid requests[${at}: pasteType ${pasteType} not modelled`);
        const from = byId(source.sheetId, at);
        const to = own(byId(destination.sheetId, at));
        const r0 = source.startRowIndex ?? 0;
        const c0 = source.startColumnIndex ?? 0;
        const height = (source.endRowIndex ?? from.rowCount) - r0;
        const width = (source.endColumnIndex ?? from.columnCount) - c0;
        const dr = destination.startRowIndex ?? 0;
        const dc = destination.startColumnIndex ?? 0;
        if (dr + height > to.rowCount || dc + width > to.columnCount) {
          throw new ApiError(400, `Invalid requests[${at}: Range exceeds grid limits. Max rows: ${to.rowCount}, max columns: ${to.columnCount}`);
        }
        const block = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => from.values[r0 + r]?.[c0 + c] ?? ''));
        for (let r = 0; r < height; r += 1) {
          const row = (to.values[dr + r] ??= []);
          while (row.length < dc) row.push('');
          for (let c = 0; c < width; c += 1) row[dc + c] = block[r]?.[c] ?? '';
        }
        for (let r = 0; r < to.values.length; r += 1) to.values[r] ??= [];
        replies.push({});
      } else if (kind === 'deleteDimension') {
        const range = body.range as { sheetId: number; dimension: string; startIndex: number; endIndex: number };
        const sheet = own(byId(range.sheetId, at));
        if (range.dimension === 'ROWS') {
          sheet.values.splice(range.startIndex, range.endIndex - range.startIndex);
          sheet.rowCount -= Math.min(sheet.rowCount, range.endIndex) - range.startIndex;
        } else {
          sheet.values = sheet.values.map((row) => [...row.slice(0, range.startIndex), ...row.slice(range.endIndex)]);
          sheet.columnCount -= Math.min(sheet.columnCount, range.endIndex) - range.startIndex;
        }
        if (sheet.rowCount < 1 || sheet.columnCount < 1) throw new ApiError(400, `Invalid requests[${at}: You can't delete all the rows on the sheet.`);
        replies.push({});
      } else if (kind === 'appendDimension') {
        const sheet = byId(body.sheetId, at);
        if (body.dimension === 'ROWS') sheet.rowCount += Number(body.length);
        else sheet.columnCount += Number(body.length);
        limit(at);
        replies.push({});
      } else if (kind === 'addProtectedRange') {
        const protectedRange = body.protectedRange as { range: GridRangeJson; description?: string };
        const sheet = byId(protectedRange.range.sheetId, at);
        const added = { protectedRangeId: (nextProtectionId += 1), range: protectedRange.range, ...(protectedRange.description ? { description: protectedRange.description } : {}) };
        sheet.protectedRanges.push(added);
        replies.push({ addProtectedRange: { protectedRange: added } });
      } else if (kind === 'setBasicFilter') {
        const filter = body.filter as { range: GridRangeJson };
        byId(filter.range.sheetId, at).basicFilter = filter;
        replies.push({});
      } else if (kind === 'updateDimensionProperties') {
        const range = body.range as { sheetId: number; dimension: string; startIndex: number; endIndex: number };
        const sheet = byId(range.sheetId, at);
        const size = (body.properties as { pixelSize?: number }).pixelSize;
        if (range.dimension === 'COLUMNS' && size !== undefined) for (let c = range.startIndex; c < range.endIndex; c += 1) sheet.columnWidths[c] = size;
        replies.push({});
      } else {
        throw new ApiError(400, `Invalid requests[${at}: unsupported request`);
      }
    });
    book.sheets = sheets;
    return replies;
  };

  const perform = async (req: IncomingMessage, url: URL, path: string, body: { [key: string]: unknown }): Promise<unknown> => {
    const drive = /^\/drive\/v3\/files\/([^/]+)$/.exec(path);
    if (drive) {
      // DRV: version is an int64 sent as a string; a file the caller cannot see is a 404.
      const book = spreadsheets.get(drive[1] ?? '');
      if (!book || book.shared === false) throw new ApiError(404, `File not found: ${drive[1]}.`);
      return { id: drive[1], mimeType: book.mimeType ?? 'application/vnd.google-apps.spreadsheet', modifiedTime: book.modifiedTime, version: String(book.version) };
    }
    const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(path);
    if (!m) throw new ApiError(404, 'Not found');
    const id = m[1] ?? '';
    const rest = m[2] ?? '';
    const book = spreadsheets.get(id);
    if (!book) throw new ApiError(404, 'Requested entity was not found.');
    if (book.shared === false) throw new ApiError(403, 'The caller does not have permission');
    if (book.mimeType && book.mimeType !== 'application/vnd.google-apps.spreadsheet') {
      throw new ApiError(400, 'This operation is not supported for this document');
    }
    if (req.method === 'GET' && rest === '') {
      return {
        spreadsheetId: id, properties: { title: book.title },
        sheets: book.sheets.map((sheet, index) => ({
          properties: properties(sheet, index),
          ...(sheet.protectedRanges.length ? { protectedRanges: sheet.protectedRanges } : {}),
          ...(sheet.basicFilter ? { basicFilter: sheet.basicFilter } : {}),
        })),
      };
    }
    if (req.method === 'GET' && rest === '/values:batchGet') {
      return { spreadsheetId: id, valueRanges: url.searchParams.getAll('ranges').map((range) => valueRange(book, range)) };
    }
    if (req.method === 'POST' && rest === '/values:batchUpdate') {
      if (!body.valueInputOption) throw new ApiError(400, "'valueInputOption' is required but not specified");
      const data = (body.data as { range: string; values: unknown[][] }[]) ?? [];
      // One request, all or nothing: check every range on a copy first.
      for (const item of data) {
        const a1 = parseA1(item.range);
        checkChars(item.values);
        checkGrid(sheetFor(book, a1, item.range), { ...a1, endRow: a1.startRow + item.values.length - 1 }, item.range);
      }
      const responses = data.map((item) => ({ spreadsheetId: id, ...write(id, book, item.range, item.values) }));
      return { spreadsheetId: id, totalUpdatedCells: responses.reduce((sum, r) => sum + r.updatedCells, 0), responses };
    }
    const values = /^\/values\/(.+?)(:append|:clear)?$/.exec(rest);
    if (values) {
      const range = values[1] ?? '';
      if (req.method === 'GET' && !values[2]) return valueRange(book, range);
      if (req.method === 'PUT' && !values[2]) {
        if (!url.searchParams.get('valueInputOption')) throw new ApiError(400, "'valueInputOption' is required but not specified");
        return { spreadsheetId: id, ...write(id, book, range, (body.values as unknown[][]) ?? []) };
      }
      if (req.method === 'POST' && values[2] === ':append') {
        if (!url.searchParams.get('valueInputOption')) throw new ApiError(400, "'valueInputOption' is required but not specified");
        return { spreadsheetId: id, ...append(id, book, range, (body.values as unknown[][]) ?? [], url.searchParams.get('insertDataOption') === 'INSERT_ROWS') };
      }
      if (req.method === 'POST' && values[2] === ':clear') {
        const sheet = sheetFor(book, parseA1(range), range);
        sheet.values = [];
        touch(id);
        return { spreadsheetId: id, clearedRange: range };
      }
    }
    if (req.method === 'POST' && rest === ':batchUpdate') {
      const replies = batchUpdate(book, (body.requests as { [kind: string]: { [key: string]: unknown } }[]) ?? []);
      touch(id);
      return { spreadsheetId: id, replies };
    }
    throw new ApiError(404, 'Not found');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    const logged: LoggedRequest = { method: req.method ?? 'GET', path, query: url.searchParams };
    requests.push(logged);
    const user = req.headers.authorization ?? url.searchParams.get('key');
    if (!user) return fail(res, 403, 'The request is missing a valid API key.');
    const body = req.method === 'GET' ? {} : await readJson(req);
    const lost = lostReplies.findIndex((rule) => rule.match(logged.method, path, body));
    const rule = lost >= 0 ? lostReplies.splice(lost, 1)[0] : undefined;
    let fault: Fault | undefined = rule ? { kind: rule.kind, afterCommit: true } : faults?.decide();
    if (fault && !fault.afterCommit) {
      logged.outcome = 'fault-before';
      return faults ? faults.send(res, fault) : undefined;
    }
    if (!path.startsWith('/drive/')) {
      const kind = req.method === 'GET' ? 'read' : 'write';
      if (overQuota(user, kind)) {
        throttled[kind] += 1;
        logged.outcome = 429;
        const metric = kind === 'read' ? 'Read requests' : 'Write requests';
        return fail(res, 429, `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per user' of service 'sheets.googleapis.com' for consumer 'project_number:0'.`);
      }
    }
    let result: unknown;
    try {
      result = await perform(req, url, path, body);
    } catch (error) {
      fault = undefined;
      const status = error instanceof ApiError ? error.status : 500;
      logged.outcome = status;
      return fail(res, status, (error as Error).message);
    }
    if (fault) {
      logged.outcome = 'fault-after';
      if (faults) return faults.send(res, fault);
      if (fault.kind === 'drop') {
        res.socket?.destroy();
        return;
      }
      return fail(res, 500, 'Internal error encountered.');
    }
    logged.outcome = 200;
    res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(result));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, 500, String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    spreadsheets,
    requests,
    throttled,
    ...(faults ? { faults } : {}),
    put(id, tabs, grid = {}) {
      const book: MockSpreadsheet = {
        title: id, version: 1, modifiedTime: new Date((clock += 1000)).toISOString(),
        sheets: Object.entries(tabs).map(([title, values]) => newSheet((nextSheetId += 1), title, values.map((row) => [...row]), grid.rows, grid.columns)),
      };
      spreadsheets.set(id, book);
      return book;
    },
    touch,
    loseReplyTo(match, kind = '500') {
      lostReplies.push({ match, kind });
    },
    close: () => new Promise<void>((resolve) => {
      faults?.release();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
