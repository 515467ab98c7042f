/**
 * A CSV file or URL. A file must lie inside the registry's folder (or a folder the operator named
 * with --source-dir), after symlinks are resolved, so a registry row cannot publish /etc/passwd or a
 * key file. A URL goes through the URL policy. Files are skipped when their size and modification
 * time are unchanged; URLs are fetched each run with retries. Every read is capped in size.
 */
import { openSync, closeSync, fstatSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parseCsv } from '../../../shared/read/csv';
import { decodeText } from '../io/decode-text';
import { describeFsError } from '../io/fs-errors';
import { fetchBytes } from '../io/http';
import { maxSourceBytes, SourceTooLargeError } from '../io/limits';
import { withRetry, type RetryOptions } from '../io/retry';
import { urlPolicyFromEnv, UrlRefusedError } from '../io/url-policy';
import type { RegistryEntry } from '../registry/registry';
import type { SourceRead, SourceReadContext, SourceReader } from './types';
import { DccError } from '../errors';

const isUrl = (location: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(location);

export function csvPath(entry: RegistryEntry, baseDir: string): string {
  return isAbsolute(entry.location) ? entry.location : resolve(baseDir, entry.location);
}

const inside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

function realOrNull(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The file's real path when it lies inside one of the allowed folders; throws a plain refusal otherwise. */
export function allowedCsvPath(entry: RegistryEntry, context: SourceReadContext): string {
  const path = csvPath(entry, context.baseDir);
  const roots = [context.baseDir, ...(context.sourceDirs ?? [])].map((dir) => realOrNull(resolve(dir))).filter((dir): dir is string => !!dir);
  const real = realOrNull(path);
  if (!roots.some((root) => inside(root, real ?? path))) {
    throw new UrlRefusedError(`refused ${entry.location}: a CSV file must be inside the registry's folder (or a folder given with --source-dir)`);
  }
  if (!real) throw new DccError(`file not found: ${path} (a relative location starts at the registry's folder)`, 'dcc_input');
  return real;
}

/** Reads at most `limit` bytes; a file past the limit (or that grows past it while read) is refused. */
function readCapped(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new DccError(`${path} is not a regular file`, 'dcc_input');
    if (stat.size > limit) throw new SourceTooLargeError(path, limit);
    const buffer = Buffer.alloc(Math.min(limit + 1, stat.size + 1));
    let size = 0;
    for (;;) {
      const read = readSync(fd, buffer, size, buffer.length - size, null);
      if (read === 0) break;
      size += read;
      if (size > limit) throw new SourceTooLargeError(path, limit);
      if (size === buffer.length) break;
    }
    return buffer.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}

export class CsvSourceReader implements SourceReader {
  constructor(readonly retry: RetryOptions = {}) {}

  async read(entry: RegistryEntry, context: SourceReadContext): Promise<SourceRead> {
    const env = context.env ?? process.env;
    const maxBytes = maxSourceBytes(env);
    if (isUrl(entry.location)) {
      const policy = urlPolicyFromEnv(env);
      let requests = 0;
      const { body } = await withRetry(() => {
        requests += 1;
        return fetchBytes(entry.location, { policy, maxBytes });
      }, this.retry);
      return { rows: parseCsv(decodeText(body).text), unchanged: false, requests };
    }
    const path = allowedCsvPath(entry, context);
    const stat = statSync(path);
    const version = `${stat.size}:${stat.mtimeMs}`;
    if (context.previous && context.previous.version === version) {
      return { rows: context.previous.rows, version, unchanged: true, requests: 0 };
    }
    let bytes: Buffer;
    try {
      bytes = readCapped(path, maxBytes);
    } catch (error) {
      if (error instanceof SourceTooLargeError || !(error as NodeJS.ErrnoException).code) throw error;
      throw new DccError(describeFsError(error, entry.location), 'dcc_input');
    }
    return { rows: parseCsv(decodeText(bytes).text), version, unchanged: false, requests: 0 };
  }

  linkTo(entry: RegistryEntry, row: number): string {
    return `${entry.location}#row=${row}`;
  }
}
