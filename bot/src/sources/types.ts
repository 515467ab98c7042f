/**
 * Every kind of source (Google sheet, CiviCRM, CSV) is read through one `SourceReader`, which
 * returns plain rows, header first, so header mapping and validation are the same for all.
 */
import type { RegistryEntry } from '../registry/registry';

/** What a reader keeps between runs, to skip unchanged sources and to read CiviCRM incrementally. */
export interface SourceSnapshot {
  /** Opaque change marker (Drive version, file mtime+size, CiviCRM max modified_date). */
  readonly version?: string;
  /** The rows as last read, header first. */
  readonly rows: string[][];
  /** When each row last changed, parallel to `rows` (see row-change-times.ts); absent in older snapshots. */
  readonly changedAt?: readonly string[];
  readonly fetchedAt: string;
  /** Reader-specific extras (e.g. a sheet's gid for links). */
  readonly extra?: { readonly [key: string]: string };
}

export interface SourceRead {
  readonly rows: string[][];
  readonly version?: string;
  /** True when the source had not changed and `rows` are the previous snapshot's. */
  readonly unchanged: boolean;
  /** HTTP requests this read made, retries included. */
  readonly requests: number;
  readonly extra?: { readonly [key: string]: string };
  /**
   * Rows gone because their record was merged into another one in the source: old source id →
   * the survivor's source id. The job moves the old row's master entry to the survivor's.
   */
  readonly merged?: { readonly [sourceId: string]: string };
}

export interface SourceReadContext {
  /** Where relative CSV paths start: the registry file's folder. */
  readonly baseDir: string;
  readonly previous?: SourceSnapshot;
  /** Environment for secrets (CIVICRM_API_KEY_<KEY>…); defaults to process.env. */
  readonly env?: { readonly [name: string]: string | undefined };
  /** Folders besides `baseDir` that local CSV sources may be read from (named by the operator). */
  readonly sourceDirs?: readonly string[];
}

export interface SourceReader {
  read(entry: RegistryEntry, context: SourceReadContext): Promise<SourceRead>;
  /** A link to a row in its source, for reviewers; "" when none can be built. */
  linkTo(entry: RegistryEntry, row: number, sourceId: string | undefined, extra?: SourceSnapshot['extra']): string;
}

/** A read that failed, with the requests it made on the way (retries included), for the run report. */
export class SourceReadError extends Error {
  constructor(message: string, readonly requests: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceReadError';
  }
}

export function withRequests(error: unknown, requests: number): SourceReadError {
  const message = error instanceof Error ? error.message : String(error);
  return new SourceReadError(message, requests, { cause: error });
}
