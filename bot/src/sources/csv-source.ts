/**
 * A CSV file (path relative to the registry) or URL. Files are skipped when their size and
 * modification time are unchanged; URLs are fetched each run with retries.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseCsv } from '../../../shared/read/csv';
import { fetchText } from '../io/http';
import { withRetry, type RetryOptions } from '../io/retry';
import type { RegistryEntry } from '../registry/registry';
import type { SourceRead, SourceReadContext, SourceReader } from './types';

const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

export function csvPath(entry: RegistryEntry, baseDir: string): string {
  return isAbsolute(entry.location) ? entry.location : resolve(baseDir, entry.location);
}

export class CsvSourceReader implements SourceReader {
  constructor(readonly retry: RetryOptions = {}) {}

  async read(entry: RegistryEntry, context: SourceReadContext): Promise<SourceRead> {
    if (isUrl(entry.location)) {
      let requests = 0;
      const { text } = await withRetry(() => {
        requests += 1;
        return fetchText(entry.location);
      }, this.retry);
      return { rows: parseCsv(text), unchanged: false, requests };
    }
    const path = csvPath(entry, context.baseDir);
    if (!existsSync(path)) throw new Error(`file not found: ${path} (a relative location starts at the registry's folder)`);
    const stat = statSync(path);
    const version = `${stat.size}:${stat.mtimeMs}`;
    if (context.previous && context.previous.version === version) {
      return { rows: context.previous.rows, version, unchanged: true, requests: 0 };
    }
    return { rows: parseCsv(readFileSync(path, 'utf8')), version, unchanged: false, requests: 0 };
  }

  linkTo(entry: RegistryEntry, row: number): string {
    return `${entry.location}#row=${row}`;
  }
}
