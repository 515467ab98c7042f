/**
 * The workbook as a Google spreadsheet, one tab per workbook tab.
 *
 * Every write is safe to repeat, because a reply can be lost after Google carried the request out
 * (a 5xx or a timeout after commit: Google lets a request run 180 s, clients give up sooner). A
 * request that is not idempotent (addSheet, the swap, values.append) is never sent again blindly:
 * after any failure the spreadsheet is read, and the write goes on from what took effect.
 *
 * A tab is replaced by writing a staging tab, then one batchUpdate (all or nothing, so readers see
 * the old rows or the new ones) resizes the existing tab, clears its values, pastes the staging
 * values into it and deletes the staging tab. The tab keeps its sheetId, so `#gid=` links,
 * protections, filters, frozen rows, column widths and formulas in other tabs survive a run.
 * Staging tabs left by a killed run are removed at the start of the next run's first write, after
 * re-reading their ids and titles. Values are written RAW, so a name beginning with "=" stays text.
 *
 * The Slack app only appends to Decisions (append-only: the job never replaces that tab) and marks
 * one Review row in place, so it never replaces a tab the job is writing; the job re-derives every
 * Review status from Decisions on each run.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { pairKey, type Decision } from '../../../shared/schema';
import { sharedSheetsBudget, type SheetsBudget, type SheetsCallKind } from '../google/budget';
import { quoteTab, serviceAccountEmail, sheetsClient } from '../google/clients';
import { explainGoogleError, withMessage } from '../google/errors';
import { withRetry, type RetryOptions } from '../io/retry';
import {
  DECISION_COLUMNS, RUN_COLUMNS, TAB_TITLES, decisionToRow, latestDecisions, masterToRows, reviewToRows, rowsToDecisions,
  rowsToMaster, rowsToReview, rowsToRuns, runToRow, type TabName,
} from './tabs';
import type { GoogleWorkbookLocation, MasterRow, ReviewItem, RunRow, Workbook, WorkbookCapacity } from './types';
import { DccError } from '../errors';

/** Rows per values.update: keeps each request well under the 2 MB the API recommends. */
const CHUNK_ROWS = 2000;
/** Google's limit per spreadsheet, all tabs counted (workspaceupdates.googleblog.com, 2022-03). */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;
/** Google's limit per cell ("more than the maximum of 50000 characters in a single cell"). */
export const CELL_CHAR_LIMIT = 50_000;

const text = (cell: unknown): string => (cell === null || cell === undefined ? '' : typeof cell === 'string' ? cell : String(cell));

export const colLetters = (n: number): string => {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

interface TabInfo {
  readonly sheetId: number;
  readonly title: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly frozenRowCount: number;
}

export interface GoogleWorkbookOptions {
  readonly retry?: RetryOptions;
  /** Shared with the run's other Sheets clients; by default the process's budget. */
  readonly budget?: SheetsBudget;
  /** For tests: Google's is 10,000,000. */
  readonly cellLimit?: number;
}

const STAGING = / \(writing [^)]*\)$/;
const ALL_TITLES = new Set(Object.values(TAB_TITLES));
const isStaging = (title: string): boolean => STAGING.test(title) && ALL_TITLES.has(title.replace(STAGING, ''));

export class GoogleWorkbook implements Workbook {
  readonly location: string;
  readonly #budget: SheetsBudget;
  readonly #retry: RetryOptions;
  readonly #cellLimit: number;
  readonly #token = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  readonly #serviceAccount: string | undefined;
  #orphansChecked = false;

  private constructor(readonly sheets: sheets_v4.Sheets, readonly spreadsheetId: string, options: GoogleWorkbookOptions, serviceAccount?: string) {
    this.location = `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
    this.#budget = options.budget ?? sharedSheetsBudget();
    this.#retry = options.retry ?? {};
    this.#cellLimit = options.cellLimit ?? SPREADSHEET_CELL_LIMIT;
    this.#serviceAccount = serviceAccount;
  }

  static async open(location: GoogleWorkbookLocation, options: GoogleWorkbookOptions | RetryOptions = {}): Promise<GoogleWorkbook> {
    const sheets = sheetsClient({ ...location.client, ...(location.rootUrl ? { rootUrl: location.rootUrl } : {}) });
    const given: GoogleWorkbookOptions = 'retry' in options || 'budget' in options || 'cellLimit' in options
      ? options as GoogleWorkbookOptions : { retry: options as RetryOptions };
    const resolved: GoogleWorkbookOptions = {
      ...given, budget: given.budget ?? location.budget, retry: given.retry ?? location.retry,
    };
    return new GoogleWorkbook(sheets, location.spreadsheetId, resolved, serviceAccountEmail(location.client?.env ?? process.env));
  }

  /** An idempotent call: retried on 429, 5xx and timeouts. */
  #call<T>(kind: SheetsCallKind, fn: () => Promise<T>): Promise<T> {
    return withRetry(() => this.#budget.run(kind, fn), this.#retry);
  }

  /**
   * A write that must not happen twice. After any failure, `tookEffect` reads the spreadsheet: when
   * the write is there, that is the result; when it is not, the write is retried (if the failure
   * is one worth retrying). If the state cannot be read, the run stops rather than guess.
   */
  #once<T>(apply: () => Promise<T>, tookEffect: () => Promise<T | undefined>): Promise<T> {
    return withRetry(async () => {
      try {
        return await this.#budget.run('write', apply);
      } catch (error) {
        let done: T | undefined;
        try {
          done = await tookEffect();
        } catch (readError) {
          // No status and no cause: not retryable, so the write is not sent again unseen.
          throw new DccError(`a write to ${this.location} failed (${(error as Error).message}) and its effect could not be read back `
            + `(${(readError as Error).message}); run again to continue from what took effect`, 'dcc_workbook_unknown_state');
        }
        if (done !== undefined) return done;
        throw error;
      }
    }, this.#retry);
  }

  async #state(): Promise<TabInfo[]> {
    try {
      const response = await this.#call('read', () => this.sheets.spreadsheets.get({
        spreadsheetId: this.spreadsheetId, fields: 'sheets.properties(sheetId,title,gridProperties)',
      }));
      return (response.data.sheets ?? []).map((sheet) => ({
        sheetId: sheet.properties?.sheetId ?? 0,
        title: sheet.properties?.title ?? '',
        rowCount: sheet.properties?.gridProperties?.rowCount ?? 0,
        columnCount: sheet.properties?.gridProperties?.columnCount ?? 0,
        frozenRowCount: sheet.properties?.gridProperties?.frozenRowCount ?? 0,
      }));
    } catch (error) {
      throw withMessage(error, explainGoogleError(error, `the workbook spreadsheet ${this.location}`, this.#serviceAccount, 'Editor'));
    }
  }

  /** The tab's values, asking only for its grid. */
  async #values(info: TabInfo): Promise<string[][]> {
    if (info.rowCount < 1 || info.columnCount < 1) return [];
    const response = await this.#call('read', () => this.sheets.spreadsheets.values.get({
      spreadsheetId: this.spreadsheetId, range: `${quoteTab(info.title)}!A1:${colLetters(info.columnCount)}${info.rowCount}`,
      valueRenderOption: 'FORMATTED_VALUE',
    }));
    return (response.data.values ?? []).map((row) => (row as unknown[]).map(text));
  }

  async #read(tab: TabName): Promise<string[][]> {
    const info = (await this.#state()).find((candidate) => candidate.title === TAB_TITLES[tab]);
    return info ? this.#values(info) : [];
  }

  /** How much of the spreadsheet's cell limit its grids use. */
  async capacity(): Promise<WorkbookCapacity> {
    const tabs = await this.#state();
    return { cells: tabs.reduce((sum, tab) => sum + tab.rowCount * tab.columnCount, 0), limit: this.#cellLimit };
  }

  /** Deletes one tab, only if the same id still has the same title. */
  async #deleteTab(tab: TabInfo): Promise<void> {
    const current = (await this.#state()).find((candidate) => candidate.sheetId === tab.sheetId);
    if (!current || current.title !== tab.title) return;
    await this.#once(
      () => this.sheets.spreadsheets.batchUpdate({ spreadsheetId: this.spreadsheetId, requestBody: { requests: [{ deleteSheet: { sheetId: tab.sheetId } }] } }),
      async () => ((await this.#state()).some((candidate) => candidate.sheetId === tab.sheetId) ? undefined : { data: {} } as never),
    );
  }

  /** Staging tabs a killed run left behind. */
  async #removeOrphans(): Promise<void> {
    if (this.#orphansChecked) return;
    for (const tab of (await this.#state()).filter((candidate) => isStaging(candidate.title))) await this.#deleteTab(tab);
    this.#orphansChecked = true;
  }

  #checkFits(title: string, tabs: readonly TabInfo[], rows: number, columns: number): void {
    const existing = tabs.find((tab) => tab.title === title);
    const mine = existing ? existing.rowCount * existing.columnCount : 0;
    const others = tabs.reduce((sum, tab) => sum + tab.rowCount * tab.columnCount, 0) - mine;
    // The staging copy and the tab are both there until the swap: the peak holds both. A new tab
    // is the staging tab renamed, so it needs room for one copy only.
    const needed = rows * columns;
    const peak = existing ? others + Math.max(mine, needed) + needed : others + needed;
    if (peak <= this.#cellLimit) return;
    const room = this.#cellLimit - others;
    const maxCells = !existing ? room : Math.max(Math.min(mine, room - mine), Math.floor(room / 2) > mine ? Math.floor(room / 2) : 0);
    const maxRows = Math.max(0, Math.floor(maxCells / columns) - 1);
    throw new DccError(`the ${title} tab needs ${(rows - 1).toLocaleString('en-US')} rows × ${columns} columns, but the spreadsheet can hold `
      + `at most ${maxRows.toLocaleString('en-US')} rows of it: Google allows ${this.#cellLimit.toLocaleString('en-US')} cells per spreadsheet, `
      + `the other tabs' grids use ${others.toLocaleString('en-US')}, and a safe rewrite needs room for a second copy while it is written. `
      + 'Nothing was changed. Delete unused tabs or empty rows and columns, or move the master to a new spreadsheet.', 'dcc_workbook_limit');
  }

  async #replace(tab: TabName, rowsIn: readonly (readonly string[])[], cleanOrphans = true): Promise<void> {
    const title = TAB_TITLES[tab];
    const rows = rowsIn.length ? rowsIn : [[]];
    rows.forEach((row, r) => row.forEach((cell, c) => {
      if (cell.length > CELL_CHAR_LIMIT) {
        throw new DccError(`the ${title} tab's cell ${colLetters(c + 1)}${r + 1} holds ${cell.length.toLocaleString('en-US')} characters; Google allows ${CELL_CHAR_LIMIT.toLocaleString('en-US')}. Nothing was changed.`, 'dcc_workbook_limit');
      }
    }));
    // Only the job cleans up: the Slack app must not take a running job's staging tab for an orphan.
    if (cleanOrphans) await this.#removeOrphans();
    const height = rows.length;
    const width = rows.reduce((most, row) => Math.max(most, row.length), 1);
    const tabs = await this.#state();
    this.#checkFits(title, tabs, height, width);

    const stagingTitle = `${title} (writing ${this.#token})`;
    const existingStaging = tabs.find((candidate) => candidate.title === stagingTitle);
    if (existingStaging) await this.#deleteTab(existingStaging);
    const staging = await this.#once(
      async () => {
        const added = await this.sheets.spreadsheets.batchUpdate({
          spreadsheetId: this.spreadsheetId,
          requestBody: { requests: [{ addSheet: { properties: { title: stagingTitle, gridProperties: { rowCount: height, columnCount: width } } } }] },
        });
        const sheetId = added.data.replies?.[0]?.addSheet?.properties?.sheetId;
        if (sheetId === undefined || sheetId === null) throw new DccError('the spreadsheet did not return the new tab\'s id', 'dcc_remote');
        return { sheetId, title: stagingTitle, rowCount: height, columnCount: width, frozenRowCount: 0 };
      },
      async () => (await this.#state()).find((candidate) => candidate.title === stagingTitle),
    );
    try {
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = rows.slice(start, start + CHUNK_ROWS).map((row) => [...row]);
        await this.#call('write', () => this.sheets.spreadsheets.values.update({
          spreadsheetId: this.spreadsheetId, range: `${quoteTab(stagingTitle)}!A${start + 1}`, valueInputOption: 'RAW',
          requestBody: { values: chunk },
        }));
      }
      await this.#swap(title, staging, height, width);
    } catch (error) {
      await this.#deleteTab(staging).catch(() => undefined);
      throw error;
    }
  }

  async #swap(title: string, staging: TabInfo, height: number, width: number): Promise<void> {
    const target = (await this.#state()).find((candidate) => candidate.title === title && candidate.sheetId !== staging.sheetId);
    const requests: sheets_v4.Schema$Request[] = target
      ? [
        {
          updateSheetProperties: {
            // A frozen row cannot be the last row left (UNCONFIRMED wording; kept safe).
            properties: { sheetId: target.sheetId, gridProperties: { rowCount: Math.max(height, target.frozenRowCount + 1), columnCount: width } },
            fields: 'gridProperties.rowCount,gridProperties.columnCount',
          },
        },
        { updateCells: { range: { sheetId: target.sheetId }, fields: 'userEnteredValue' } },
        {
          copyPaste: {
            source: { sheetId: staging.sheetId, startRowIndex: 0, endRowIndex: height, startColumnIndex: 0, endColumnIndex: width },
            destination: { sheetId: target.sheetId, startRowIndex: 0, endRowIndex: height, startColumnIndex: 0, endColumnIndex: width },
            pasteType: 'PASTE_VALUES',
          },
        },
        { deleteSheet: { sheetId: staging.sheetId } },
      ]
      : [{ updateSheetProperties: { properties: { sheetId: staging.sheetId, title }, fields: 'title' } }];
    await this.#once(
      () => this.sheets.spreadsheets.batchUpdate({ spreadsheetId: this.spreadsheetId, requestBody: { requests } }),
      async () => {
        const now = (await this.#state()).find((candidate) => candidate.sheetId === staging.sheetId);
        // The batch is atomic: the staging tab gone (or renamed) means all of it took effect.
        const done = target ? now === undefined : now?.title === title;
        return done ? { data: {} } as never : undefined;
      },
    );
  }

  /**
   * Appends one row unless a row with the same key is there already, so a repeat after a lost
   * reply does not write it twice. The append names the last row of the table as it was read, so
   * a blank row above it does not send the new row into the middle (values.append appends after
   * the first table it finds), and a row another writer added meanwhile is appended after.
   */
  async #append(tab: TabName, header: readonly string[], row: readonly string[], same: (cells: readonly string[], header: readonly string[]) => boolean): Promise<boolean> {
    const title = TAB_TITLES[tab];
    const find = async (): Promise<{ info?: TabInfo; rows: string[][] }> => {
      const info = (await this.#state()).find((candidate) => candidate.title === title);
      return { ...(info ? { info } : {}), rows: info ? await this.#values(info) : [] };
    };
    const present = (rows: readonly string[][]): boolean => rows.slice(1).some((cells) => same(cells, rows[0] ?? []));
    const { info, rows } = await find();
    if (!info) {
      await this.#replace(tab, [header, row], tab === 'runs');
      return true;
    }
    if (present(rows)) return false;
    let last = rows.length;
    while (last > 0 && (rows[last - 1] ?? []).every((cell) => cell === '')) last -= 1;
    const values = last === 0 ? [[...header], [...row]] : [[...row]];
    const range = last === 0 ? `${quoteTab(title)}!A1` : `${quoteTab(title)}!A${last}:${colLetters(Math.max(1, header.length))}${last}`;
    await this.#once(
      () => this.sheets.spreadsheets.values.append({
        spreadsheetId: this.spreadsheetId, range, valueInputOption: 'RAW', insertDataOption: 'INSERT_ROWS', requestBody: { values },
      }),
      async () => (present((await find()).rows) ? { data: {} } as never : undefined),
    );
    return true;
  }

  async readMaster(): Promise<MasterRow[]> {
    return rowsToMaster(await this.#read('master'));
  }

  async writeMaster(rows: readonly MasterRow[]): Promise<void> {
    await this.#replace('master', masterToRows(rows));
  }

  async readReview(): Promise<ReviewItem[]> {
    return rowsToReview(await this.#read('review'));
  }

  async writeReview(items: readonly ReviewItem[]): Promise<void> {
    await this.#replace('review', reviewToRows(items));
  }

  async readDecisions(): Promise<Decision[]> {
    return rowsToDecisions(await this.#read('decisions'));
  }

  async appendDecision(decision: Decision): Promise<boolean> {
    const pair = pairKey(decision.a, decision.b);
    const current = latestDecisions(await this.readDecisions()).find((known) => pairKey(known.a, known.b) === pair);
    if (current?.outcome === decision.outcome) return false;
    const mine = decisionToRow(decision);
    await this.#append('decisions', DECISION_COLUMNS, mine, (cells, header) => {
      const at = (name: string): string => cells[header.indexOf(name)] ?? '';
      return ['a', 'b', 'outcome', 'by', 'at'].every((name, i) => at(name) === mine[i]);
    });
    await this.#markReviewed(pair, decision);
    return true;
  }

  /** Marks the pair's Review row decided, in place: three cells, one idempotent request. */
  async #markReviewed(pair: string, decision: Decision): Promise<void> {
    const info = (await this.#state()).find((candidate) => candidate.title === TAB_TITLES.review);
    if (!info) return;
    const rows = await this.#values(info);
    const header = (rows[0] ?? []).map((name) => name.trim());
    const index = rows.findIndex((cells, i) => i > 0 && cells[header.indexOf('pair_id')] === pair);
    if (index < 1) return;
    const cell = (name: string, value: string): sheets_v4.Schema$ValueRange | undefined => {
      const c = header.indexOf(name);
      return c < 0 ? undefined : { range: `${quoteTab(info.title)}!${colLetters(c + 1)}${index + 1}`, values: [[value]] };
    };
    const data = [
      cell('status', decision.outcome === 'merge' ? 'merged' : 'not-duplicate'), cell('decided_by', decision.by), cell('decided_at', decision.at),
    ].filter((range): range is sheets_v4.Schema$ValueRange => range !== undefined);
    await this.#call('write', () => this.sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: this.spreadsheetId, requestBody: { valueInputOption: 'RAW', data },
    }));
  }

  async readRuns(): Promise<RunRow[]> {
    return rowsToRuns(await this.#read('runs'));
  }

  async appendRun(run: RunRow): Promise<void> {
    await this.#append('runs', RUN_COLUMNS, runToRow(run), (cells, header) => cells[header.indexOf('run_id')] === run.run_id);
  }

  async readSources(): Promise<string[][]> {
    return this.#read('sources');
  }

  async writeSources(rows: readonly (readonly string[])[]): Promise<void> {
    await this.#replace('sources', rows);
  }
}
