/**
 * Stage: read. Every active source through its reader. A source that fails keeps its last good
 * rows (marked stale) so the master loses nothing; one without any earlier read is reported
 * and its master rows are carried over unchanged by the merge stage.
 */
import type { RegistryEntry } from '../../registry/registry';
import type { SourceReaders } from '../../sources';
import type { SnapshotStore } from '../../sources/snapshot-store';
import { rowChangeTimes, snapshotTimes } from '../../sources/row-change-times';
import { SourceReadError, type SourceSnapshot } from '../../sources/types';

export type SourceState = 'read' | 'unchanged' | 'stale' | 'failed';

export interface SourceOutcome {
  readonly entry: RegistryEntry;
  readonly state: SourceState;
  /** Rows to use this run (header first); empty when failed with nothing to fall back on. */
  readonly rows: string[][];
  /** When each of `rows` last changed, parallel to it ("" where unknown): survivorship ranks by it. */
  readonly changedAt: readonly string[];
  readonly requests: number;
  readonly error?: string;
  /** What to store as this source's snapshot when the run is written (absent when nothing new). */
  readonly snapshot?: SourceSnapshot;
  readonly extra?: SourceSnapshot['extra'];
  /** Source ids merged away this read → their survivors' source ids (see SourceRead.merged). */
  readonly merged?: { readonly [sourceId: string]: string };
}

export interface ReadStageOptions {
  readonly readers: SourceReaders;
  readonly snapshots: SnapshotStore;
  readonly baseDir: string;
  readonly env?: { readonly [name: string]: string | undefined };
  readonly sourceDirs?: readonly string[];
  readonly now: Date;
  /** Sources read at once; small, to stay inside per-user API quotas. */
  readonly concurrency?: number;
  readonly onSource?: (outcome: SourceOutcome, done: number, total: number) => void;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

export async function readSource(entry: RegistryEntry, options: ReadStageOptions): Promise<SourceOutcome> {
  const previous = options.snapshots.get(entry.key);
  try {
    const read = await options.readers[entry.kind].read(entry, {
      baseDir: options.baseDir, previous, env: options.env, ...(options.sourceDirs ? { sourceDirs: options.sourceDirs } : {}),
    });
    // An unchanged read may still move its bookkeeping on (CiviCRM's watermark and id-scan time).
    const sameBookkeeping = read.version === previous?.version && JSON.stringify(read.extra) === JSON.stringify(previous?.extra);
    const rows = read.unchanged && previous ? previous.rows : read.rows;
    const changedAt = read.unchanged && previous
      ? snapshotTimes(previous)
      : rowChangeTimes(rows, previous, { modifiedTime: read.extra?.modifiedTime, at: options.now.toISOString() });
    const snapshot = read.unchanged && previous && sameBookkeeping ? undefined : {
      ...(read.version !== undefined ? { version: read.version } : {}),
      rows, changedAt, fetchedAt: options.now.toISOString(),
      ...(read.extra ? { extra: read.extra } : {}),
    };
    return { entry, state: read.unchanged ? 'unchanged' : 'read', rows: read.rows, changedAt, requests: read.requests,
      ...(snapshot ? { snapshot } : {}), ...(read.extra ?? previous?.extra ? { extra: read.extra ?? previous?.extra } : {}),
      ...(read.merged ? { merged: read.merged } : {}) };
  } catch (error) {
    const requests = error instanceof SourceReadError ? error.requests : 0;
    if (previous) {
      return { entry, state: 'stale', rows: previous.rows, changedAt: snapshotTimes(previous), requests, error: describe(error),
        ...(previous.extra ? { extra: previous.extra } : {}) };
    }
    return { entry, state: 'failed', rows: [], changedAt: [], requests, error: describe(error) };
  }
}

/** Reads sources a few at a time, in registry order of results. */
export async function readSources(entries: readonly RegistryEntry[], options: ReadStageOptions): Promise<SourceOutcome[]> {
  const results: SourceOutcome[] = new Array(entries.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const index = next;
      next += 1;
      const entry = entries[index] as RegistryEntry;
      const outcome = await readSource(entry, options);
      results[index] = outcome;
      done += 1;
      options.onSource?.(outcome, done, entries.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, entries.length)) }, worker));
  return results;
}
