/**
 * Last good read of each source, kept beside the workbook (`DIR/cache/sources/<key>.json`). It
 * lets an unchanged sheet be skipped, CiviCRM be read incrementally, and a source that fails
 * this run keep its previous rows instead of vanishing from the master.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write';
import type { SourceSnapshot } from './types';

export class SnapshotStore {
  constructor(readonly dir: string) {}

  #path(key: string): string {
    return join(this.dir, `${encodeURIComponent(key)}.json`);
  }

  get(key: string): SourceSnapshot | undefined {
    const path = this.#path(key);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as SourceSnapshot;
    } catch {
      // A damaged cache only costs a full read.
      return undefined;
    }
  }

  put(key: string, snapshot: SourceSnapshot): void {
    writeFileAtomic(this.#path(key), JSON.stringify(snapshot));
  }
}
