/**
 * Which pairs have been announced where, so a pair is posted once however many runs see it open.
 * One JSON object per line, appended right after each successful post: a run killed half-way
 * loses at most the line being written, and a torn last line is skipped on reading.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface PostedEntry {
  readonly pair_id: string;
  /** A Slack channel id, or `file` for alerts written to the alerts file. */
  readonly destination: string;
  /** Slack's message ts, so the message can be found and updated later. */
  readonly ts?: string;
  readonly posted_at: string;
  /** Set on a later line once the message shows a decision made elsewhere (in the sheet). */
  readonly closed_at?: string;
}

export interface PostedLedger {
  has(destination: string, pairId: string): boolean;
  /** What is known of the pair's message: the later lines' fields win. */
  get(destination: string, pairId: string): PostedEntry | undefined;
  record(entry: PostedEntry): void;
  entries(): readonly PostedEntry[];
}

const isEntry = (value: unknown): value is PostedEntry => {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as { [key: string]: unknown };
  return typeof entry.pair_id === 'string' && typeof entry.destination === 'string' && typeof entry.posted_at === 'string'
    && (entry.ts === undefined || typeof entry.ts === 'string')
    && (entry.closed_at === undefined || typeof entry.closed_at === 'string');
};

const key = (destination: string, pairId: string): string => `${destination}\u0000${pairId}`;

export class FilePostedLedger implements PostedLedger {
  readonly #entries: PostedEntry[] = [];
  readonly #byKey = new Map<string, PostedEntry>();

  constructor(readonly path: string) {
    if (!existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        const parsed: unknown = JSON.parse(line);
        if (isEntry(parsed)) this.#remember(parsed);
      } catch {
        // A line torn by a killed run: that post may be repeated once, which beats losing the file.
      }
    }
  }

  #remember(entry: PostedEntry): void {
    this.#entries.push(entry);
    const k = key(entry.destination, entry.pair_id);
    this.#byKey.set(k, { ...this.#byKey.get(k), ...entry });
  }

  has(destination: string, pairId: string): boolean {
    return this.#byKey.has(key(destination, pairId));
  }

  get(destination: string, pairId: string): PostedEntry | undefined {
    return this.#byKey.get(key(destination, pairId));
  }

  record(entry: PostedEntry): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
    this.#remember(entry);
  }

  entries(): readonly PostedEntry[] {
    return this.#entries;
  }
}
