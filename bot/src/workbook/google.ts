/**
 * The workbook as a Google spreadsheet, one tab per workbook tab. A tab is replaced by writing a
 * staging tab and then, in one batchUpdate (all or nothing), deleting the old tab and renaming
 * the staging one, so anyone reading the Master sees the old rows or the new ones, never half.
 * Values are written RAW, so a name beginning with "=" stays text.
 */
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import type { Decision } from '../../../shared/schema';
import { quoteTab, sheetsClient } from '../google/clients';
import { withRetry, type RetryOptions } from '../io/retry';
import { reviewPairId } from './pair-id';
import {
  DECISION_COLUMNS, RUN_COLUMNS, TAB_TITLES, decisionToRow, latestDecisions, masterToRows, reviewToRows, rowsToDecisions,
  rowsToMaster, rowsToReview, rowsToRuns, runToRow, type TabName,
} from './tabs';
import type { GoogleWorkbookLocation, MasterRow, ReviewItem, RunRow, Workbook } from './types';

/** Rows per values.update: keeps each request well under the 2 MB the API recommends. */
const CHUNK_ROWS = 2000;

const text = (cell: unknown): string => (cell === null || cell === undefined ? '' : typeof cell === 'string' ? cell : String(cell));

export class GoogleWorkbook implements Workbook {
  readonly location: string;

  private constructor(readonly sheets: sheets_v4.Sheets, readonly spreadsheetId: string, readonly retry: RetryOptions) {
    this.location = `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`;
  }

  static async open(location: GoogleWorkbookLocation, retry: RetryOptions = {}): Promise<GoogleWorkbook> {
    const sheets = sheetsClient({ ...location.client, ...(location.rootUrl ? { rootUrl: location.rootUrl } : {}) });
    return new GoogleWorkbook(sheets, location.spreadsheetId, retry);
  }

  #call<T>(fn: () => Promise<T>): Promise<T> {
    return withRetry(fn, this.retry);
  }

  async #tabs(): Promise<Map<string, number>> {
    const response = await this.#call(() => this.sheets.spreadsheets.get({
      spreadsheetId: this.spreadsheetId, fields: 'sheets.properties(sheetId,title)',
    }));
    return new Map((response.data.sheets ?? []).map((sheet) => [sheet.properties?.title ?? '', sheet.properties?.sheetId ?? 0]));
  }

  async #read(tab: TabName): Promise<string[][]> {
    const title = TAB_TITLES[tab];
    if (!(await this.#tabs()).has(title)) return [];
    const response = await this.#call(() => this.sheets.spreadsheets.values.get({
      spreadsheetId: this.spreadsheetId, range: quoteTab(title), valueRenderOption: 'FORMATTED_VALUE',
    }));
    return (response.data.values ?? []).map((row) => (row as unknown[]).map(text));
  }

  async #replace(tab: TabName, rows: readonly (readonly string[])[]): Promise<void> {
    const title = TAB_TITLES[tab];
    const tabs = await this.#tabs();
    const staging = `${title} (writing ${Date.now()})`;
    const columns = Math.max(26, ...rows.map((row) => row.length));
    const added = await this.#call(() => this.sheets.spreadsheets.batchUpdate({
      spreadsheetId: this.spreadsheetId,
      requestBody: { requests: [{ addSheet: { properties: { title: staging, gridProperties: { rowCount: rows.length + 10, columnCount: columns } } } }] },
    }));
    const stagingId = added.data.replies?.[0]?.addSheet?.properties?.sheetId;
    if (stagingId === undefined || stagingId === null) throw new Error('the spreadsheet did not return the new tab\'s id');
    try {
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = rows.slice(start, start + CHUNK_ROWS).map((row) => [...row]);
        await this.#call(() => this.sheets.spreadsheets.values.update({
          spreadsheetId: this.spreadsheetId, range: `${quoteTab(staging)}!A${start + 1}`, valueInputOption: 'RAW',
          requestBody: { values: chunk },
        }));
      }
      const old = tabs.get(title);
      await this.#call(() => this.sheets.spreadsheets.batchUpdate({
        spreadsheetId: this.spreadsheetId,
        requestBody: { requests: [
          ...(old !== undefined ? [{ deleteSheet: { sheetId: old } }] : []),
          { updateSheetProperties: { properties: { sheetId: stagingId, title }, fields: 'title' } },
        ] },
      }));
    } catch (error) {
      await this.sheets.spreadsheets.batchUpdate({
        spreadsheetId: this.spreadsheetId, requestBody: { requests: [{ deleteSheet: { sheetId: stagingId } }] },
      }).catch(() => undefined);
      throw error;
    }
  }

  async #append(tab: TabName, header: readonly string[], row: readonly string[]): Promise<void> {
    const title = TAB_TITLES[tab];
    if (!(await this.#tabs()).has(title)) {
      await this.#replace(tab, [header, row]);
      return;
    }
    await this.#call(() => this.sheets.spreadsheets.values.append({
      spreadsheetId: this.spreadsheetId, range: quoteTab(title), valueInputOption: 'RAW', insertDataOption: 'INSERT_ROWS',
      requestBody: { values: [[...row]] },
    }));
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
    const pair = reviewPairId(decision.a, decision.b);
    const current = latestDecisions(await this.readDecisions()).find((known) => reviewPairId(known.a, known.b) === pair);
    if (current?.outcome === decision.outcome) return false;
    await this.#append('decisions', DECISION_COLUMNS, decisionToRow(decision));
    const review = await this.readReview();
    if (review.some((item) => item.pair_id === pair)) {
      await this.writeReview(review.map((item) => item.pair_id !== pair ? item : {
        ...item, status: decision.outcome === 'merge' ? 'merged' : 'not-duplicate', decided_by: decision.by, decided_at: decision.at,
      }));
    }
    return true;
  }

  async readRuns(): Promise<RunRow[]> {
    return rowsToRuns(await this.#read('runs'));
  }

  async appendRun(run: RunRow): Promise<void> {
    await this.#append('runs', RUN_COLUMNS, runToRow(run));
  }

  async readSources(): Promise<string[][]> {
    return this.#read('sources');
  }

  async writeSources(rows: readonly (readonly string[])[]): Promise<void> {
    await this.#replace('sources', rows);
  }
}
