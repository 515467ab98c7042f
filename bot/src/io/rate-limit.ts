/**
 * A token bucket: at most `perMinute` calls in any minute, bursts up to `burst`. The Sheets API
 * allows 60 read requests per minute per user; staying under it costs less than 429s and backoff.
 */
export class RateLimiter {
  #tokens: number;
  #last: number;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    readonly perMinute: number,
    readonly burst = Math.max(1, Math.floor(perMinute / 6)),
    readonly clock: () => number = Date.now,
    readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.#tokens = burst;
    this.#last = clock();
  }

  /** Resolves when a call may go out; calls are served in order. */
  take(): Promise<void> {
    if (!Number.isFinite(this.perMinute) || this.perMinute <= 0) return Promise.resolve();
    const turn = this.#queue.then(async () => {
      for (;;) {
        const now = this.clock();
        this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) * this.perMinute) / 60_000);
        this.#last = now;
        if (this.#tokens >= 1) {
          this.#tokens -= 1;
          return;
        }
        await this.sleep(Math.ceil(((1 - this.#tokens) * 60_000) / this.perMinute));
      }
    });
    this.#queue = turn;
    return turn;
  }
}
