import { HttpError } from '../../../bot/src/io/http';
import { isRetryable, retryAfterMs, withRetry } from '../../../bot/src/io/retry';

describe('withRetry', () => {
  it('retries 429 and 5xx and waits at least Retry-After', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls === 1) throw new HttpError('busy', 429, '', '3');
      if (calls === 2) throw new HttpError('oops', 503, '');
      return 'ok';
    }, { sleep: async (ms) => void waits.push(ms), random: () => 0 });
    expect(result).toBe('ok');
    expect(waits[0]).toBe(3000);
    expect(waits).toHaveLength(2);
  });

  it('never retries a 4xx other than 408 and 429', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls += 1;
      throw new HttpError('denied', 403, '');
    }, { sleep: async () => undefined })).rejects.toThrow('denied');
    expect(calls).toBe(1);
  });

  it('gives up after the allowed retries with the last error', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls += 1;
      throw new HttpError(`fail ${calls}`, 500, '');
    }, { retries: 2, sleep: async () => undefined })).rejects.toThrow('fail 3');
  });

  it('backs off exponentially with jitter, capped', async () => {
    const waits: number[] = [];
    await withRetry(async (attempt) => {
      if (attempt < 5) throw new HttpError('x', 500, '');
    }, { baseMs: 100, maxMs: 1000, retries: 6, random: () => 1, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([100, 200, 400, 800, 1000]);
  });

  it('recognizes timeouts, dropped connections and gaxios errors', () => {
    expect(isRetryable(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable({ response: { status: 429, headers: { 'retry-after': '1' } } })).toBe(true);
    expect(isRetryable(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'UND_ERR_SOCKET' }) }))).toBe(true);
    expect(retryAfterMs({ response: { headers: new Headers({ 'retry-after': '2' }) } })).toBe(2000);
    expect(retryAfterMs({ retryAfter: 'Wed, 21 Oct 2015 07:28:10 GMT' }, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
  });
});
