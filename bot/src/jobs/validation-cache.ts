/**
 * The last validation of each source, kept in out/cache/validated/<key>.json. Validating 100k
 * rows is most of what a run that saw one source of 200 change would otherwise spend; a source
 * whose rows, registry settings and year are the same as last time gets its last result back.
 *
 * Each file starts with the digest it was made for, on a line of its own, so a source that
 * changed costs a short read and no parse. A damaged or foreign file only costs a validation.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write';
import { JOB_VERSION } from './job-version';
import type { SourceOutcome } from './stages/read';
import { validateRowsOf, type Validation } from './stages/validate';

/** A source's rows, or any list of JSON values (a tab's rows as the job reads them). */
type Rows = readonly unknown[];

const digests = new WeakMap<Rows, string>();

/** SHA-256 of a list, item by item (no single string of a 100k-row source); remembered per array. */
export function rowsDigest(rows: Rows): string {
  let digest = digests.get(rows);
  if (digest === undefined) {
    const hash = createHash('sha256');
    for (const row of rows) hash.update(JSON.stringify(row));
    digest = hash.digest('hex');
    digests.set(rows, digest);
  }
  return digest;
}

export class ValidationCache {
  readonly #dir: string;
  readonly #pending = new Map<string, string>();

  constructor(outDir: string) {
    this.#dir = join(outDir, 'cache', 'validated');
  }

  #path(key: string): string {
    return join(this.#dir, `${encodeURIComponent(key)}.json`);
  }

  /** `validateRowsOf(outcome, outcome.rows, now)`, from the cache when it holds the same input. */
  validate(outcome: SourceOutcome, now: Date): Validation {
    const { rows } = outcome;
    // Empty rows validate in no time, and what they mean depends on the read's state.
    if (rows.length === 0) return validateRowsOf(outcome, rows, now);
    const { entry } = outcome;
    // Everything validation reads besides the rows: the source's key (record ids), country and
    // column map, and the year (shared/normalize judges founding years against it, in local time).
    const digest = createHash('sha256').update(JSON.stringify([JOB_VERSION, entry.key, entry.country ?? '',
      entry.columnMap ?? null, now.getFullYear(), rowsDigest(rows)])).digest('hex');
    const cached = this.#read(entry.key, digest);
    if (cached) return cached;
    const validation = validateRowsOf(outcome, rows, now);
    this.#pending.set(entry.key, `${digest}\n${JSON.stringify(validation)}`);
    return validation;
  }

  #read(key: string, digest: string): Validation | undefined {
    const path = this.#path(key);
    try {
      if (!existsSync(path)) return undefined;
      const text = readFileSync(path, 'utf8');
      if (!text.startsWith(`${digest}\n`)) return undefined;
      return JSON.parse(text.slice(digest.length + 1)) as Validation;
    } catch {
      return undefined;
    }
  }

  /** Writes this run's new validations and removes those of sources no longer read. */
  save(keep: ReadonlySet<string>): void {
    for (const [key, text] of this.#pending) writeFileAtomic(this.#path(key), text);
    this.#pending.clear();
    if (!existsSync(this.#dir)) return;
    const kept = new Set([...keep].map((key) => `${encodeURIComponent(key)}.json`));
    for (const name of readdirSync(this.#dir)) if (name.endsWith('.json') && !kept.has(name)) rmSync(join(this.#dir, name), { force: true });
  }
}
