/**
 * A member's Google sheet. One cheap Drive `files.get` (modifiedTime, version) tells whether it
 * changed since the last run; only then is it read, with one `values.batchGet`. So an unchanged
 * sheet costs one request and a changed one two. Reads are paced under the Sheets per-user quota.
 */
import type { drive_v3 } from 'googleapis/build/src/apis/drive';
import type { sheets_v4 } from 'googleapis/build/src/apis/sheets';
import type { GoogleClientOptions } from '../google/clients';
import { quoteTab, spreadsheetIdOf } from '../google/a1';
import { RateLimiter } from '../io/rate-limit';
import { withRetry, type RetryOptions } from '../io/retry';
import type { RegistryEntry } from '../registry/registry';
import { withRequests, type SourceRead, type SourceReadContext, type SourceReader } from './types';

export interface GoogleSheetOptions extends GoogleClientOptions {
  readonly retry?: RetryOptions;
  /** Sheets API reads per minute across all sheets (the per-user quota is 60); 0 = no limit. */
  readonly readsPerMinute?: number;
}

const cellText = (cell: unknown): string =>
  cell === null || cell === undefined ? '' : typeof cell === 'string' ? cell : String(cell);

export class GoogleSheetSourceReader implements SourceReader {
  #sheets?: sheets_v4.Sheets;
  #drive?: drive_v3.Drive;
  readonly #quota: RateLimiter;

  constructor(readonly options: GoogleSheetOptions = {}) {
    this.#quota = new RateLimiter(options.readsPerMinute ?? 60);
  }

  async #clients(env: SourceReadContext['env']): Promise<{ sheets: sheets_v4.Sheets; drive: drive_v3.Drive }> {
    // Loaded on first use, so runs without Google sources never load the client library.
    const { driveClient, sheetsClient } = await import('../google/clients');
    const options = { ...this.options, env: this.options.env ?? env };
    this.#sheets ??= sheetsClient(options);
    this.#drive ??= driveClient(options);
    return { sheets: this.#sheets, drive: this.#drive };
  }

  async read(entry: RegistryEntry, context: SourceReadContext): Promise<SourceRead> {
    let requests = 0;
    try {
      return await this.#read(entry, context, () => (requests += 1));
    } catch (error) {
      throw withRequests(error, requests);
    }
  }

  async #read(entry: RegistryEntry, context: SourceReadContext, count: () => void): Promise<SourceRead> {
    const { sheets, drive } = await this.#clients(context.env);
    const spreadsheetId = spreadsheetIdOf(entry.location);
    let requests = 0;
    const call = <T>(fn: () => Promise<T>): Promise<T> => withRetry(() => {
      requests += 1;
      count();
      return fn();
    }, this.options.retry);

    const file = await call(() => drive.files.get({ fileId: spreadsheetId, fields: 'modifiedTime,version', supportsAllDrives: true }));
    const version = `${file.data.version ?? ''}@${file.data.modifiedTime ?? ''}`;
    const previous = context.previous;
    if (previous && previous.version === version && file.data.version) {
      return { rows: previous.rows, version, unchanged: true, requests, extra: { modifiedTime: file.data.modifiedTime ?? '' } };
    }
    const range = entry.tab ? quoteTab(entry.tab) : 'A:ZZ';
    const response = await call(async () => {
      await this.#quota.take();
      return sheets.spreadsheets.values.batchGet({
        spreadsheetId, ranges: [range], majorDimension: 'ROWS', valueRenderOption: 'FORMATTED_VALUE',
      });
    });
    const values = response.data.valueRanges?.[0]?.values ?? [];
    const rows = values.map((row) => (row as unknown[]).map(cellText));
    return { rows, version, unchanged: false, requests, extra: { modifiedTime: file.data.modifiedTime ?? '' } };
  }

  linkTo(entry: RegistryEntry, row: number): string {
    const id = spreadsheetIdOf(entry.location);
    return `https://docs.google.com/spreadsheets/d/${id}/edit#range=${row}:${row}`;
  }
}
