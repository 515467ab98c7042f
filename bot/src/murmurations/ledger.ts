/**
 * What `dcc murmurations register` told each index, kept in out/cache/ (which scheduled runners
 * keep) so the next run posts only new and changed profiles and knows which ones to delete.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../io/atomic-write';
import type { NodeStatus } from './index-client';
import { DccError } from '../errors';

export interface LedgerEntry {
  readonly dcc_id: string;
  readonly node_id: string;
  /** SHA-256 of the profile's bytes when last posted. */
  readonly sha256: string;
  readonly status: NodeStatus | 'delete_pending';
  /** The index's reasons, in plain words, when it rejected the profile or refused to delete it. */
  readonly problems?: readonly string[];
  readonly at: string;
}

/** Profile URL → entry, per index URL. */
export type Ledger = { [indexUrl: string]: { [profileUrl: string]: LedgerEntry } };

export function readLedger(path: string): Ledger {
  if (!existsSync(path)) return {};
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { indexes?: unknown };
    return typeof parsed.indexes === 'object' && parsed.indexes !== null ? parsed.indexes as Ledger : {};
  } catch {
    throw new DccError(`${path} is not readable JSON; move it aside to register every profile again`, 'dcc_input');
  }
}

export function writeLedger(path: string, ledger: Ledger): void {
  writeFileAtomic(path, `${JSON.stringify({ indexes: ledger }, null, 1)}\n`);
}
