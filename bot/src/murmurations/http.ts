/**
 * Every HTTP exchange with Murmurations — the index API and the profiles it points to — goes
 * through `murmurationsRequest`, so one place decides what may be fetched. Profile URLs come from
 * other people's index entries and are untrusted: https only (plain http to loopback only when a
 * test allows it), no user:password@ URLs, redirects re-checked hop by hop, and a size cap read
 * from the stream, not from a Content-Length the server may lie about. Every hop also passes the
 * bot's URL policy (io/url-policy.ts) on the addresses the name resolves to: link-local and
 * metadata addresses never, loopback and private ranges only when loopback is allowed.
 */
import { checkUrl as checkAddress } from '../io/url-policy';

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
export class RefusedUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedUrlError';
  }
}

export const DEFAULT_MAX_BYTES = 512 * 1024;
const MAX_REDIRECTS = 3;
const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function checkUrl(raw: string, policy: MurmurationsHttpPolicy = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedUrlError(`"${raw.slice(0, 200)}" is not a URL`);
  }
  if (url.username || url.password) throw new RefusedUrlError(`${url.host}: URLs with a user name or password are refused`);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && policy.allowLoopbackHttp && LOOPBACK.has(url.hostname)) return url;
  throw new RefusedUrlError(`${raw.slice(0, 200)}: only https:// addresses are fetched`);
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new RefusedUrlError(`${url}: the response is larger than ${maxBytes} bytes`);
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new RefusedUrlError(`${url}: the response is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function murmurationsRequest(raw: string, request: MurmurationsRequest = {}): Promise<HttpReply> {
  let url = checkUrl(raw, request);
  const signal = AbortSignal.timeout(request.timeoutMs ?? 30_000);
  const policy = { allowPrivateNetwork: request.allowLoopbackHttp === true };
  for (let hop = 0; ; hop += 1) {
    await checkAddress(url, policy);
    const response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: { accept: 'application/json', ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
      redirect: 'manual',
      signal,
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS) throw new RefusedUrlError(`${url.href}: more than ${MAX_REDIRECTS} redirects`);
      url = checkUrl(new URL(location, url).href, request);
      continue;
    }
    return { status: response.status, text: await readCapped(response, request.maxBytes ?? DEFAULT_MAX_BYTES, url.href),
      headers: response.headers, url: url.href };
  }
}
