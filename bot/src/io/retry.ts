/**
 * Retries with truncated exponential backoff and full jitter, as the Sheets quota guide asks,
 * and waits at least as long as a Retry-After header says. Only failures worth retrying are
 * retried: 408, 429, 5xx, timeouts and dropped connections.
 */
export interface RetryOptions {
  /** Attempts after the first. */
  readonly retries?: number;
  readonly baseMs?: number;
  readonly maxMs?: number;
  /** Injected in tests to avoid real waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY: Required<Pick<RetryOptions, 'retries' | 'baseMs' | 'maxMs'>> = {
  retries: 6, baseMs: 200, maxMs: 20_000,
};

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const RETRYABLE_CODES = new Set(['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ESOCKETTIMEDOUT', 'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

interface ErrorShape {
  status?: unknown;
  code?: unknown;
  name?: unknown;
  cause?: unknown;
  response?: { status?: unknown; headers?: unknown };
  retryAfter?: unknown;
}

/** HTTP status of an error from fetch wrappers (`status`) or gaxios (`response.status`). */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as ErrorShape;
  const status = shape.response?.status ?? shape.status;
  return typeof status === 'number' ? status : undefined;
}

export function isRetryable(error: unknown): boolean {
  const status = errorStatus(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as ErrorShape;
  if (shape.name === 'AbortError' || shape.name === 'TimeoutError') return true;
  if (typeof shape.code === 'string' && RETRYABLE_CODES.has(shape.code)) return true;
  return shape.cause !== undefined && shape.cause !== error && isRetryable(shape.cause);
}

/** Retry-After in ms (seconds or an HTTP date), from `retryAfter` or the response headers. */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as ErrorShape;
  let value: unknown = shape.retryAfter;
  const headers = shape.response?.headers;
  if (value === undefined && headers) {
    value = typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get('retry-after')
      : (headers as { [name: string]: unknown })['retry-after'];
  }
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRY.retries;
  const baseMs = options.baseMs ?? DEFAULT_RETRY.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_RETRY.maxMs;
  const sleep = options.sleep ?? wait;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= retries || !isRetryable(error)) throw error;
      const backoff = random() * Math.min(maxMs, baseMs * 2 ** attempt);
      const delay = Math.min(Math.max(backoff, retryAfterMs(error) ?? 0), Math.max(maxMs, 60_000));
      options.onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
