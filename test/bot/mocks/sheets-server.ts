/**
 * Google Sheets API v4 (and the one Drive v3 call the job makes) on 127.0.0.1, speaking the
 * REST shapes googleapis sends and expects: values.get/batchGet/update/append/clear,
 * spreadsheets.get and batchUpdate (addSheet, deleteSheet, updateSheetProperties — all or
 * nothing), Drive files.get with modifiedTime and version (an int64 sent as a string), and
 * Google's error body `{"error":{"code","message","status"}}`. Trailing empty rows and cells are
 * left out of value ranges, as the real API does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultOptions } from './faults';

export interface MockSheet {
  sheetId: number;
  title: string;
  values: string[][];
}

export interface MockSpreadsheet {
  title: string;
  sheets: MockSheet[];
  version: number;
  modifiedTime: string;
  /** False: the service account was not given access (403). */
  shared?: boolean;
}

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
}

export interface MockSheets {
  readonly url: string;
  readonly spreadsheets: Map<string, MockSpreadsheet>;
  readonly requests: LoggedRequest[];
  readonly faults?: FaultInjector;
  /** Adds or replaces a spreadsheet with one tab per entry. */
  put(id: string, tabs: { [title: string]: string[][] }): MockSpreadsheet;
  /** Records an edit: bumps version and modifiedTime, as Drive does. */
  touch(id: string): void;
  close(): Promise<void>;
}

const STATUS: { [code: number]: string } = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL' };

function fail(res: ServerResponse, code: number, message: string): void {
  res.writeHead(code, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ error: { code, message, status: STATUS[code] ?? 'UNKNOWN' } }));
}

function ok(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}

const colNumber = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
const colLetters = (n: number): string => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

interface A1 {
  sheet?: string;
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
  if (!cells) return { ...(sheet !== undefined ? { sheet } : {}), startRow: 1, startCol: 1 };
  const [start = '', end] = cells.split(':');
  const part = (text: string): { col?: number; row?: number } => {
    const m = /^([A-Z]*)(\d*)$/i.exec(text);
    if (!m) throw new Error(`Unable to parse range: ${range}`);
    return { ...(m[1] ? { col: colNumber(m[1]) } : {}), ...(m[2] ? { row: Number(m[2]) } : {}) };
  };
  const s = part(start);
  const e = end === undefined ? s : part(end);
  return {
    ...(sheet !== undefined ? { sheet } : {}), startRow: s.row ?? 1, startCol: s.col ?? 1,
    ...(e.row !== undefined ? { endRow: e.row } : {}), ...(e.col !== undefined ? { endCol: e.col } : {}),
  };
}

async function readJson(req: IncomingMessage): Promise<{ [key: string]: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as { [key: string]: unknown }) : {};
}

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

export async function startMockSheets(options: { faults?: FaultOptions } = {}): Promise<MockSheets> {
  const spreadsheets = new Map<string, MockSpreadsheet>();
  const requests: LoggedRequest[] = [];
  const faults = options.faults ? new FaultInjector(options.faults) : undefined;
  let nextSheetId = 1000;
  let clock = Date.UTC(2026, 0, 1);

  const touch = (id: string): void => {
    const book = spreadsheets.get(id);
    if (!book) return;
    book.version += 1;
    book.modifiedTime = new Date((clock += 1000)).toISOString();
  };

  const sheetFor = (book: MockSpreadsheet, a1: A1): MockSheet | undefined =>
    a1.sheet === undefined ? book.sheets[0] : book.sheets.find((sheet) => sheet.title === a1.sheet);

  const valueRange = (book: MockSpreadsheet, range: string): { range: string; majorDimension: string; values?: string[][] } => {
    const a1 = parseA1(range);
    const sheet = sheetFor(book, a1);
    if (!sheet) throw Object.assign(new Error(`Unable to parse range: ${range}`), { status: 400 });
    const rows = sheet.values
      .slice(a1.startRow - 1, a1.endRow)
      .map((row) => row.slice(a1.startCol - 1, a1.endCol));
    const values = trimmed(rows);
    const echo = `'${sheet.title}'!${colLetters(a1.startCol)}${a1.startRow}:${colLetters(a1.endCol ?? 26)}${a1.endRow ?? 1000}`;
    return { range: echo, majorDimension: 'ROWS', ...(values.length ? { values } : {}) };
  };

  const write = (book: MockSpreadsheet, range: string, values: unknown[][]): { updatedRange: string; updatedRows: number; updatedColumns: number; updatedCells: number } => {
    const a1 = parseA1(range);
    const sheet = sheetFor(book, a1);
    if (!sheet) throw Object.assign(new Error(`Unable to parse range: ${range}`), { status: 400 });
    let cells = 0;
    let columns = 0;
    values.forEach((row, r) => {
      const target = (sheet.values[a1.startRow - 1 + r] ??= []);
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        while (target.length < a1.startCol - 1 + c) target.push('');
        target[a1.startCol - 1 + c] = typeof cell === 'string' ? cell : String(cell);
        cells += 1;
      });
      columns = Math.max(columns, row.length);
    });
    for (let r = 0; r < sheet.values.length; r += 1) sheet.values[r] ??= [];
    touch([...spreadsheets].find(([, b]) => b === book)?.[0] ?? '');
    return { updatedRange: `'${sheet.title}'!A${a1.startRow}`, updatedRows: values.length, updatedColumns: columns, updatedCells: cells };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    requests.push({ method: req.method ?? 'GET', path, query: url.searchParams });
    if (!url.searchParams.get('key') && !req.headers.authorization) return fail(res, 403, 'The request is missing a valid API key.');
    if (faults?.maybeFail(res)) return;

    const drive = /^\/drive\/v3\/files\/([^/]+)$/.exec(path);
    if (drive) {
      const book = spreadsheets.get(drive[1] ?? '');
      if (!book || book.shared === false) return fail(res, 404, `File not found: ${drive[1]}.`);
      return ok(res, { modifiedTime: book.modifiedTime, version: String(book.version) });
    }
    const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(path);
    if (!m) return fail(res, 404, 'Not found');
    const id = m[1] ?? '';
    const rest = m[2] ?? '';
    const book = spreadsheets.get(id);
    if (!book) return fail(res, 404, 'Requested entity was not found.');
    if (book.shared === false) return fail(res, 403, 'The caller does not have permission');

    try {
      if (req.method === 'GET' && rest === '') {
        return ok(res, { spreadsheetId: id, properties: { title: book.title },
          sheets: book.sheets.map((sheet, index) => ({ properties: { sheetId: sheet.sheetId, title: sheet.title, index,
            sheetType: 'GRID', gridProperties: { rowCount: Math.max(1000, sheet.values.length), columnCount: 26 } } })) });
      }
      if (req.method === 'GET' && rest === '/values:batchGet') {
        const ranges = url.searchParams.getAll('ranges');
        return ok(res, { spreadsheetId: id, valueRanges: ranges.map((range) => valueRange(book, range)) });
      }
      const values = /^\/values\/(.+?)(:append|:clear)?$/.exec(rest);
      if (values) {
        const range = values[1] ?? '';
        if (req.method === 'GET' && !values[2]) return ok(res, valueRange(book, range));
        if (req.method === 'PUT' && !values[2]) {
          if (!url.searchParams.get('valueInputOption')) return fail(res, 400, "'valueInputOption' is required but not specified");
          const body = await readJson(req);
          return ok(res, { spreadsheetId: id, ...write(book, range, (body.values as unknown[][]) ?? []) });
        }
        if (req.method === 'POST' && values[2] === ':append') {
          const body = await readJson(req);
          const a1 = parseA1(range);
          const sheet = sheetFor(book, a1);
          if (!sheet) return fail(res, 400, `Unable to parse range: ${range}`);
          const start = trimmed(sheet.values).length + 1;
          const target = `'${sheet.title}'!A${start}`;
          return ok(res, { spreadsheetId: id, tableRange: `'${sheet.title}'!A1`, updates: { spreadsheetId: id, ...write(book, target, (body.values as unknown[][]) ?? []) } });
        }
        if (req.method === 'POST' && values[2] === ':clear') {
          const sheet = sheetFor(book, parseA1(range));
          if (!sheet) return fail(res, 400, `Unable to parse range: ${range}`);
          sheet.values = [];
          touch(id);
          return ok(res, { spreadsheetId: id, clearedRange: range });
        }
      }
      if (req.method === 'POST' && rest === ':batchUpdate') {
        const body = await readJson(req);
        const requestsIn = (body.requests as { [kind: string]: { [key: string]: unknown } }[]) ?? [];
        // Validate every request first: a batch is all or nothing.
        const sheets = book.sheets.map((sheet) => ({ ...sheet }));
        const replies: unknown[] = [];
        for (const request of requestsIn) {
          if (request.addSheet) {
            const props = (request.addSheet.properties ?? {}) as { title?: string };
            if (!props.title || sheets.some((sheet) => sheet.title === props.title)) {
              return fail(res, 400, `Invalid requests[${replies.length}].addSheet: A sheet with the name "${props.title}" already exists. Please enter another name.`);
            }
            const sheet = { sheetId: (nextSheetId += 1), title: props.title, values: [] };
            sheets.push(sheet);
            replies.push({ addSheet: { properties: { sheetId: sheet.sheetId, title: sheet.title, index: sheets.length - 1 } } });
          } else if (request.deleteSheet) {
            const index = sheets.findIndex((sheet) => sheet.sheetId === request.deleteSheet?.sheetId);
            if (index < 0) return fail(res, 400, `Invalid requests[${replies.length}].deleteSheet: No grid with id: ${String(request.deleteSheet.sheetId)}`);
            if (sheets.length === 1) return fail(res, 400, `Invalid requests[${replies.length}].deleteSheet: You can't remove all the sheets in a document.`);
            sheets.splice(index, 1);
            replies.push({});
          } else if (request.updateSheetProperties) {
            const props = request.updateSheetProperties.properties as { sheetId: number; title: string };
            const sheet = sheets.find((candidate) => candidate.sheetId === props.sheetId);
            if (!sheet) return fail(res, 400, `Invalid requests[${replies.length}].updateSheetProperties: No grid with id: ${props.sheetId}`);
            if (sheets.some((other) => other !== sheet && other.title === props.title)) {
              return fail(res, 400, `Invalid requests[${replies.length}].updateSheetProperties: A sheet with the name "${props.title}" already exists.`);
            }
            sheet.title = props.title;
            replies.push({});
          } else {
            return fail(res, 400, `Invalid requests[${replies.length}]: unsupported request`);
          }
        }
        // Keep the same sheet objects for unchanged ids so their values carry over.
        book.sheets = sheets.map((copy) => {
          const original = book.sheets.find((sheet) => sheet.sheetId === copy.sheetId);
          if (original) {
            original.title = copy.title;
            return original;
          }
          return copy;
        });
        touch(id);
        return ok(res, { spreadsheetId: id, replies });
      }
      return fail(res, 404, 'Not found');
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      return fail(res, status, (error as Error).message);
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => fail(res, 500, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    spreadsheets,
    requests,
    ...(faults ? { faults } : {}),
    put(id, tabs) {
      const book: MockSpreadsheet = {
        title: id, version: 1, modifiedTime: new Date((clock += 1000)).toISOString(),
        sheets: Object.entries(tabs).map(([title, values]) => ({ sheetId: (nextSheetId += 1), title, values: values.map((row) => [...row]) })),
      };
      spreadsheets.set(id, book);
      return book;
    },
    touch,
    close: () => new Promise<void>((resolve) => {
      faults?.release();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
