/**
 * A member's Google sheet. One cheap Drive `files.get` (mimeType, modifiedTime, version) tells
 * whether it changed since the last run; only then is it read: `spreadsheets.get` for the tab's
 * grid size, then one `values.batchGet` of exactly that grid (a range past the grid is refused
 * with "exceeds grid limits", so no `A:ZZ`). An unchanged sheet costs one request, a changed one
 * three. Sheets calls draw on the run's shared request budget (../google/budget).
 */
import type { drive_v3 } from 'googleapis/build/src/apis/drive';
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { SheetsBudget, sharedSheetsBudget } from '../google/budget';
import type * as Clients from '../google/clients';
import type { GoogleClientOptions } from '../google/clients';
import { quoteTab, spreadsheetIdOf } from '../google/a1';
import { SPREADSHEET_MIME, explainGoogleError, notASpreadsheet, withMessage } from '../google/errors';
import { maxSourceBytes, SourceTooLargeError } from '../io/limits';
import { withRetry, type RetryOptions } from '../io/retry';
import type { RegistryEntry } from '../registry/registry';
import { withRequests, type SourceRead, type SourceReadContext, type SourceReader } from './types';

export interface GoogleSheetOptions extends GoogleClientOptions {
  readonly retry?: RetryOptions;
  /** The run's Sheets request budget; by default the process's shared one. */
  readonly budget?: SheetsBudget;
  /** A budget of its own with this many reads per minute (0 = no pacing), instead of the shared one. */
  readonly readsPerMinute?: number;
}

const cellText = (cell: unknown): string =>
  cell === null || cell === undefined ? '' : typeof cell === 'string' ? cell : String(cell);

const colLetters = (n: number): string => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

/** A problem the sheet's owner must fix: retrying will not help. */
const final = (message: string): Error => new Error(message);

export class GoogleSheetSourceReader implements SourceReader {
  #sheets?: sheets_v4.Sheets;
  #drive?: drive_v3.Drive;
  #serviceAccount?: string;
  readonly #budget: SheetsBudget;

  constructor(readonly options: GoogleSheetOptions = {}) {
    this.#budget = options.budget
      ?? (options.readsPerMinute !== undefined ? new SheetsBudget({ readsPerMinute: options.readsPerMinute }) : sharedSheetsBudget());
  }

  async #clients(env: SourceReadContext['env']): Promise<{ sheets: sheets_v4.Sheets; drive: drive_v3.Drive }> {
    // Loaded on first use, so runs without Google sources never load the client library.
    // `require`, not `import()`: see openWorkbook (the CLI runs through tsx's CommonJS hook).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { driveClient, serviceAccountEmail, sheetsClient } = require('../google/clients') as typeof Clients;
    const options = { ...this.options, env: this.options.env ?? env };
    this.#sheets ??= sheetsClient(options);
    this.#drive ??= driveClient(options);
    this.#serviceAccount ??= serviceAccountEmail(options.env ?? process.env);
    return { sheets: this.#sheets, drive: this.#drive };
  }

  async read(entry: RegistryEntry, context: SourceReadContext): Promise<SourceRead> {
    let requests = 0;
    try {
      return await this.#read(entry, context, () => (requests += 1));
    } catch (error) {
      const what = `the sheet ${entry.location}`;
      throw withRequests(withMessage(error, explainGoogleError(error, what, this.#serviceAccount)), requests);
    }
  }

  async #read(entry: RegistryEntry, context: SourceReadContext, count: () => void): Promise<SourceRead> {
    const { sheets, drive } = await this.#clients(context.env);
    const spreadsheetId = spreadsheetIdOf(entry.location);
    let requests = 0;
    const call = <T>(fn: () => Promise<T>, sheetsApi: boolean): Promise<T> => withRetry(() => {
      const send = (): Promise<T> => {
        requests += 1;
        count();
        return fn();
      };
      // Drive has its own quota; only Sheets calls draw on the Sheets budget.
      return sheetsApi ? this.#budget.run('read', send) : send();
    }, this.options.retry);

    const file = await call(() => drive.files.get({ fileId: spreadsheetId, fields: 'mimeType,modifiedTime,version', supportsAllDrives: true }), false);
    if (file.data.mimeType && file.data.mimeType !== SPREADSHEET_MIME) throw final(notASpreadsheet(`the sheet ${entry.location}`, file.data.mimeType));
    const version = `${file.data.version ?? ''}@${file.data.modifiedTime ?? ''}`;
    const previous = context.previous;
    if (previous && previous.version === version && file.data.version) {
      return { rows: previous.rows, version, unchanged: true, requests, extra: { modifiedTime: file.data.modifiedTime ?? '' } };
    }
    const book = await call(() => sheets.spreadsheets.get({ spreadsheetId, fields: 'sheets.properties(title,sheetType,gridProperties)' }), true);
    const tabs = (book.data.sheets ?? []).map((sheet) => sheet.properties ?? {}).filter((props) => (props.sheetType ?? 'GRID') === 'GRID');
    const tab = entry.tab ? tabs.find((props) => props.title === entry.tab) : tabs[0];
    if (!tab?.title) {
      const names = tabs.map((props) => `"${props.title ?? ''}"`).join(', ');
      throw final(entry.tab
        ? `the sheet ${entry.location} has no tab named "${entry.tab}" (its tabs: ${names || 'none'}): fix the tab column of the registry, or rename the tab`
        : `the sheet ${entry.location} has no grid tab to read`);
    }
    const rowCount = tab.gridProperties?.rowCount ?? 0;
    const columnCount = tab.gridProperties?.columnCount ?? 0;
    if (rowCount < 1 || columnCount < 1) return { rows: [], version, unchanged: false, requests, extra: { modifiedTime: file.data.modifiedTime ?? '' } };
    const range = `${quoteTab(tab.title)}!A1:${colLetters(columnCount)}${rowCount}`;
    const response = await call(() => sheets.spreadsheets.values.batchGet({
      spreadsheetId, ranges: [range], majorDimension: 'ROWS', valueRenderOption: 'FORMATTED_VALUE',
    }), true);
    const values = response.data.valueRanges?.[0]?.values ?? [];
    const rows = values.map((row) => (row as unknown[]).map(cellText));
    // The same cap as every other source: a sheet of 10M cells would otherwise go on through the run.
    const limit = maxSourceBytes(this.options.env ?? context.env ?? process.env);
    let size = 0;
    for (const row of rows) for (const cell of row) size += cell.length + 1;
    if (size > limit) throw new SourceTooLargeError(`the sheet ${entry.location}`, limit);
    return { rows, version, unchanged: false, requests, extra: { modifiedTime: file.data.modifiedTime ?? '' } };
  }

  linkTo(entry: RegistryEntry, row: number): string {
    const id = spreadsheetIdOf(entry.location);
    return `https://docs.google.com/spreadsheets/d/${id}/edit#range=${row}:${row}`;
  }
}
