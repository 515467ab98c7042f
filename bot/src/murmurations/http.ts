/**
 * Every HTTP exchange with Murmurations — the index API and the profiles it points to — goes
 * through `murmurationsRequest`, so one place decides what may be fetched. Profile URLs come from
 * other people's index entries and are untrusted. The transport is the bot's own (io/http.ts): the
 * URL policy on every hop and on the addresses a name resolves to, redirects re-checked, and a
 * size cap read from the stream. On top of it, Murmurations' own rules: https only (plain http to
 * loopback only when allowed, which also lets private addresses through), and no user:password@ URLs.
 */
import { request } from '../io/http';
import { SourceTooLargeError } from '../io/limits';
import { UrlRefusedError } from '../io/url-policy';

export interface MurmurationsHttpPolicy {
  /** Let http://127.0.0.1, ::1 and localhost through: for tests and a local index. */
  readonly allowLoopbackHttp?: boolean;
  /** Largest body accepted, in bytes. */
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

export interface MurmurationsRequest extends MurmurationsHttpPolicy {
  readonly method?: 'GET' | 'POST' | 'DELETE';
  /** Sent as application/json. */
  readonly json?: unknown;
}

export interface HttpReply {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

/** A URL the policy refuses, or a body over the size cap: the request was not made, or was cut off. */
export { UrlRefusedError as RefusedUrlError };

export const DEFAULT_MAX_BYTES = 512 * 1024;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function checkUrl(raw: string, policy: MurmurationsHttpPolicy = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefusedError(`"${raw.slice(0, 200)}" is not a URL`);
  }
  if (url.username || url.password) throw new UrlRefusedError(`${url.host}: URLs with a user name or password are refused`);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && policy.allowLoopbackHttp && LOOPBACK.has(url.hostname)) return url;
  throw new UrlRefusedError(`${raw.slice(0, 200)}: only https:// addresses are fetched`);
}

export async function murmurationsRequest(raw: string, options: MurmurationsRequest = {}): Promise<HttpReply> {
  const url = checkUrl(raw, options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const reply = await request(url.href, {
      policy: { allowPrivateNetwork: options.allowLoopbackHttp === true },
      method: options.method ?? 'GET',
      headers: { accept: 'application/json', ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBytes,
    });
    return { status: reply.status, text: reply.body.toString('utf8'), headers: reply.headers, url: reply.url };
  } catch (error) {
    if (error instanceof SourceTooLargeError) throw new UrlRefusedError(`${url.href}: the response is larger than ${maxBytes} bytes`);
    throw error;
  }
}
