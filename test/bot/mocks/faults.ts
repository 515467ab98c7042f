/**
 * Fault injection for the mock servers: a share of requests fail with 429 (with Retry-After),
 * 500, or never answer (the client's timeout fires). Seeded, so a failing run can be replayed.
 */
import type { ServerResponse } from 'node:http';
import { seededRandom } from '../../../shared/dedup/score/estimate-u';

export type FaultKind = '429' | '500' | 'timeout';

export interface FaultOptions {
  /** Share of requests that fail, 0..1. */
  readonly rate: number;
  readonly kinds?: readonly FaultKind[];
  readonly seed?: number;
  /** Body for a 500, in the API's own error shape. */
  readonly errorBody?: (status: number) => unknown;
}

export class FaultInjector {
  readonly #random: () => number;
  readonly injected: { [K in FaultKind]: number } = { '429': 0, '500': 0, timeout: 0 };
  readonly hanging = new Set<ServerResponse>();

  constructor(readonly options: FaultOptions) {
    this.#random = seededRandom(options.seed ?? 1);
  }

  /** True when this request was answered with a fault (or left hanging). */
  maybeFail(res: ServerResponse): boolean {
    if (this.#random() >= this.options.rate) return false;
    const kinds = this.options.kinds ?? ['429', '500', 'timeout'];
    const kind = kinds[Math.floor(this.#random() * kinds.length)] ?? '500';
    this.injected[kind] += 1;
    if (kind === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return true;
    }
    const status = kind === '429' ? 429 : 500;
    const body = this.options.errorBody?.(status) ?? { error: { code: status, message: 'injected', status: 'INTERNAL' } };
    res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 429 ? { 'Retry-After': '0' } : {}) });
    res.end(JSON.stringify(body));
    return true;
  }

  /** Ends requests left hanging, so servers can close. */
  release(): void {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }
}
