/**
 * CSV in and out. Parsing goes through papaparse (RFC 4180 quoting, quoted newlines, BOM); the
 * writer exists mostly for what we publish, where a cell that a spreadsheet would run as a
 * formula must be neutralized (OWASP "CSV Injection").
 */
import Papa from 'papaparse';

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Bytes that never appear in a text CSV; finding them means the file is binary (a spreadsheet, an image…). */
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000e-\u001a]/;

/**
 * Parses CSV text into rows of strings. Rows may be ragged (as sheets export them). Blank lines
 * are kept as `['']` so that row numbers stay the ones the member sees in the sheet; only blank
 * lines at the very end are dropped. Throws CsvError when the text cannot be a CSV at all.
 */
export function parseCsv(text: string): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (BINARY.test(body.slice(0, 4096))) {
    throw new CsvError('this file is not a CSV (it looks like a binary file; export the sheet as CSV first)');
  }
  const result = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter: sniffDelimiter(body) });
  // An unclosed quote swallows every row after it into one cell, which would be read (and published)
  // as one listing; nothing after it can be trusted, so the whole text is refused, naming the row.
  const fatal = result.errors.find((error) => error.type === 'Quotes' && error.code === 'MissingQuotes');
  if (fatal) {
    const row = (fatal.row ?? 0) + 1;
    const line = body.slice(0, fatal.index ?? 0).split(/\r\n|\n|\r/).length;
    throw new CsvError(`this file is not a valid CSV: a quoted cell in row ${row}${line !== row ? ` (line ${line})` : ''} is never closed, `
      + 'so the rows after it would be read as one cell. Close the quote (") or remove it');
  }
  const rows = result.data;
  while (rows.length > 0 && isBlank(rows[rows.length - 1])) rows.pop();
  return rows;
}

const isBlank = (row: readonly string[] | undefined): boolean => !row || row.every((cell) => cell.trim() === '');

/**
 * Papaparse guesses delimiters from the first rows, which misfires on a single-column CSV whose
 * values contain semicolons (our multi-value separator). Only a comma, tab or semicolon header
 * is considered, and a comma wins whenever the header has one.
 */
function sniffDelimiter(text: string): string {
  const end = text.search(/\r\n|\n|\r/);
  const header = end === -1 ? text : text.slice(0, end);
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet would evaluate (`=HYPERLINK(…)`, `+1+1`, `@SUM`, tab or CR first) gets a
 * leading apostrophe, the neutralization OWASP recommends. A signed plain number (a longitude
 * like -87.6, an E.164 phone like +13125550100) cannot carry a formula and stays as it is.
 */
export function neutralizeFormula(cell: string): string {
  if (!FORMULA_START.test(cell)) return cell;
  if (/^[+-]\d+(\.\d+)?$/.test(cell)) return cell;
  return `'${cell}`;
}

export interface ToCsvOptions {
  /** Neutralize formula injection; always on for anything published. */
  formulaSafe?: boolean;
}

/** Writes rows as RFC 4180 CSV with CRLF line ends, quoting only where needed. */
export function toCsv(rows: readonly (readonly string[])[], options: ToCsvOptions = {}): string {
  const data = options.formulaSafe ? rows.map((row) => row.map(neutralizeFormula)) : rows.map((row) => [...row]);
  return Papa.unparse(data, { newline: '\r\n', quotes: false, escapeFormulae: false }) + (rows.length ? '\r\n' : '');
}
