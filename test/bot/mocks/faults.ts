/**
 * Fault injection for the mock servers: a share of requests fail with 429 (with Retry-After),
 * 500, never answer (the client's timeout fires), or lose their connection. Seeded, so a failing
 * run can be replayed.
 *
 * `afterCommit` is the share of faults that strike after the server carried the request out: the
 * change is made, and the client sees a 500 or a dropped connection. Google lets a request run up
 * to 180 s while clients give up sooner (Sheets API usage limits: "a request taking more than
 * 180 s gets a timeout error"), so a client can never tell from the error alone whether a write
 * took effect. A 429 is never after commit: it is a refusal (google.rpc RESOURCE_EXHAUSTED).
 */
import type { ServerResponse } from 'node:http';
import { seededRandom } from '../../../shared/dedup';

export type FaultKind = '429' | '500' | 'timeout' | 'drop';

export interface FaultOptions {
  /** Share of requests that fail, 0..1. */
  readonly rate: number;
  readonly kinds?: readonly FaultKind[];
  readonly seed?: number;
  /** Body for a 500, in the API's own error shape. */
  readonly errorBody?: (status: number) => unknown;
  /** Share of faults (0..1) applied after the request took effect; only servers that support it use it. */
  readonly afterCommit?: number;
}

export interface Fault {
  readonly kind: FaultKind;
  readonly afterCommit: boolean;
}

export class FaultInjector {
  readonly #random: () => number;
  readonly injected: { [K in FaultKind]: number } = { '429': 0, '500': 0, timeout: 0, drop: 0 };
  /** Faults struck after the change was made. */
  afterCommit = 0;
  readonly hanging = new Set<ServerResponse>();

  constructor(readonly options: FaultOptions) {
    this.#random = seededRandom(options.seed ?? 1);
  }

  /** Whether this request fails, and how; undefined when it goes through. */
  decide(): Fault | undefined {
    if (this.#random() >= this.options.rate) return undefined;
    const kinds = this.options.kinds ?? ['429', '500', 'timeout'];
    const kind = kinds[Math.floor(this.#random() * kinds.length)] ?? '500';
    const after = kind !== '429' && this.#random() < (this.options.afterCommit ?? 0);
    return { kind, afterCommit: after };
  }

  /** Answers the request with the fault (or leaves it hanging, or drops it). */
  send(res: ServerResponse, fault: Fault): void {
    this.injected[fault.kind] += 1;
    if (fault.afterCommit) this.afterCommit += 1;
    if (fault.kind === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (fault.kind === 'drop') {
      res.socket?.destroy();
      return;
    }
    const status = fault.kind === '429' ? 429 : 500;
    const body = this.options.errorBody?.(status) ?? { error: { code: status, message: 'injected', status: 'INTERNAL' } };
    res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 429 ? { 'Retry-After': '0' } : {}) });
    res.end(JSON.stringify(body));
  }

  /** True when this request was answered with a fault (or left hanging), before doing anything. */
  maybeFail(res: ServerResponse): boolean {
    const fault = this.decide();
    if (!fault) return false;
    this.send(res, { ...fault, afterCommit: false });
    return true;
  }

  /** Ends requests left hanging, so servers can close. */
  release(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }
}
