/**
 * One request budget for every Sheets API call of a run: member sheets, the workbook and the
 * Slack app reading it all draw on the same per-user quota. Google counts read and write requests
 * apart, per minute per user ("Read requests ... per minute per user per project 60; write
 * requests ... 60"; each batch counts as one; https://developers.google.com/workspace/sheets/api/limits).
 * Calls are spaced so no 60 s window holds more than the limit; a 429 that still comes back (another
 * program on the same account) waits for the quota to refill ("After 1 minute, you can execute
 * requests again") before the same request goes again: a 429 is a refusal, so repeating it is safe.
 */
import { errorStatus, retryAfterMs } from '../io/retry';

export type SheetsCallKind = 'read' | 'write';

export interface SheetsBudgetOptions {
  /** Default 60, Google's published per-user quota; 0 = no pacing. */
  readonly readsPerMinute?: number;
  readonly writesPerMinute?: number;
  /** How long a 429 waits: the quota refills each minute. */
  readonly refillMs?: number;
  /** 429 waits before giving up on one call. */
  readonly maxWaits?: number;
  /** Injected in tests, with `sleep`, so a minute passes without waiting. */
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onWait?: (kind: SheetsCallKind, ms: number, why: 'pace' | '429') => void;
}

export const GOOGLE_PER_USER_PER_MINUTE = 60;
const MINUTE = 60_000;

/** At most `limit` starts in any 60 s window, served in order. */
class Window {
  readonly #starts: number[] = [];
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly limit: number, readonly clock: () => number, readonly sleep: (ms: number) => Promise<void>,
    readonly onWait: (ms: number) => void) {}

  take(): Promise<void> {
    if (!(this.limit > 0)) return Promise.resolve();
    const turn = this.#queue.then(async () => {
      for (;;) {
        const now = this.clock();
        while (this.#starts.length && (this.#starts[0] ?? 0) <= now - MINUTE) this.#starts.shift();
        if (this.#starts.length < this.limit) {
          this.#starts.push(now);
          return;
        }
        const wait = (this.#starts[0] ?? now) + MINUTE - now + 1;
        this.onWait(wait);
        await this.sleep(wait);
      }
    });
    this.#queue = turn;
    return turn;
  }

  /** After a 429 the server's count is fuller than ours: treat the window as full. */
  fill(): void {
    const now = this.clock();
    while (this.#starts.length < this.limit) this.#starts.push(now);
  }
}

export class SheetsBudget {
  readonly #windows: { [K in SheetsCallKind]: Window };
  readonly used: { [K in SheetsCallKind]: number } = { read: 0, write: 0 };
  readonly throttled: { [K in SheetsCallKind]: number } = { read: 0, write: 0 };
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(readonly options: SheetsBudgetOptions = {}) {
    const clock = options.clock ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const window = (kind: SheetsCallKind, limit: number): Window =>
      new Window(limit, clock, this.#sleep, (ms) => options.onWait?.(kind, ms, 'pace'));
    this.#windows = {
      read: window('read', options.readsPerMinute ?? GOOGLE_PER_USER_PER_MINUTE),
      write: window('write', options.writesPerMinute ?? GOOGLE_PER_USER_PER_MINUTE),
    };
  }

  /** Runs one API call inside the budget; a 429 waits for the refill and goes again. */
  async run<T>(kind: SheetsCallKind, fn: () => Promise<T>): Promise<T> {
    const maxWaits = this.options.maxWaits ?? 5;
    for (let waits = 0; ; waits += 1) {
      await this.#windows[kind].take();
      this.used[kind] += 1;
      try {
        return await fn();
      } catch (error) {
        if (errorStatus(error) !== 429 || waits >= maxWaits) throw error;
        this.throttled[kind] += 1;
        this.#windows[kind].fill();
        // Sheets sends no Retry-After; a proxy or emulator that does is taken at its word.
        const ms = retryAfterMs(error) ?? this.options.refillMs ?? MINUTE;
        this.options.onWait?.(kind, ms, '429');
        await this.#sleep(ms);
      }
    }
  }
}

const numberFrom = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

let shared: SheetsBudget | undefined;

/**
 * The process's budget, shared by every Sheets client that is not given its own. Limits come from
 * DCC_SHEETS_READS_PER_MINUTE / DCC_SHEETS_WRITES_PER_MINUTE, else Google's defaults.
 */
export function sharedSheetsBudget(env: { readonly [name: string]: string | undefined } = process.env): SheetsBudget {
  const reads = numberFrom(env.DCC_SHEETS_READS_PER_MINUTE);
  const writes = numberFrom(env.DCC_SHEETS_WRITES_PER_MINUTE);
  shared ??= new SheetsBudget({ ...(reads !== undefined ? { readsPerMinute: reads } : {}), ...(writes !== undefined ? { writesPerMinute: writes } : {}) });
  return shared;
}
