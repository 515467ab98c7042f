/**
 * HTTP for addresses that come from the registry or a sheet (CSV URLs, CiviCRM). Every hop goes
 * through the URL policy: the address is checked before the request and again at connection time,
 * redirects are followed here (never by the client) and each one is checked the same way, and
 * headers that could carry a secret never go to another origin. Bodies are capped in size.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DEFAULT_MAX_SOURCE_BYTES, SourceTooLargeError } from './limits';
import { checkUrl, guardedLookup, UrlRefusedError, type UrlPolicy } from './url-policy';

/** A failed HTTP exchange, with what retry and error reports need. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
    readonly retryAfter?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface FetchTextOptions {
  /** Which addresses may be reached; required, since every caller's address is untrusted. */
  readonly policy: UrlPolicy;
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly headers?: { readonly [name: string]: string };
  readonly body?: string | URLSearchParams;
  /** Abort after this long; a timeout is retryable. */
  readonly timeoutMs?: number;
  /** Largest body accepted. */
  readonly maxBytes?: number;
}

/** Headers that carry nothing secret, so they may follow a redirect to another origin. */
const SAFE_HEADERS = new Set(['accept', 'accept-language', 'content-type', 'user-agent', 'x-requested-with']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

interface Exchange {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

function toHeaders(message: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

function exchange(url: URL, method: string, headers: { [name: string]: string }, body: string | undefined,
  options: FetchTextOptions, signal: AbortSignal): Promise<Exchange> {
  const limit = options.maxBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.policy), signal,
    }, (res) => {
      const status = res.statusCode ?? 0;
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limit) {
        res.destroy();
        reject(new SourceTooLargeError(`the response from ${url.host}`, limit));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          res.destroy();
          reject(new SourceTooLargeError(`the response from ${url.host}`, limit));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, headers: toHeaders(res), body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A refusal at connection time (the name now resolves somewhere refused) arrives as a socket error.
      const refused = error instanceof UrlRefusedError ? error : error.cause instanceof UrlRefusedError ? error.cause : undefined;
      reject(refused ?? error);
    });
    req.end(body);
  });
}

/** What an address finally answered, whatever its status. */
export interface HttpReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

/**
 * One request through the URL policy, following up to five redirects (each checked), with the
 * final answer returned whatever its status (for APIs that explain a 4xx in their body). Throws
 * UrlRefusedError for a refused address, SourceTooLargeError past `maxBytes`, and a TimeoutError
 * when the server stalls.
 */
export async function request(address: string, options: FetchTextOptions): Promise<HttpReply> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const origin = new URL(address).origin;
  let url = await checkUrl(address, options.policy);
  let method: string = options.method ?? 'GET';
  let body = options.body === undefined ? undefined : String(options.body);
  let headers: { [name: string]: string } = { ...options.headers };
  if (options.body instanceof URLSearchParams && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
  }
  for (let hop = 0; ; hop += 1) {
    const response = await exchange(url, method, headers, body, options, signal);
    const location = response.headers.get('location');
    if (REDIRECTS.has(response.status) && location) {
      if (hop >= MAX_REDIRECTS) throw new HttpError(`too many redirects from ${new URL(address).host}`, response.status, '');
      const next = await checkUrl(new URL(location, url), options.policy).catch((error: unknown) => {
        throw error instanceof UrlRefusedError ? new UrlRefusedError(`${url.host} redirected: ${error.message}`) : error;
      });
      if (next.origin !== origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => SAFE_HEADERS.has(name.toLowerCase())));
      }
      // 303 (and 301/302 after a POST, as browsers do) turns into a GET without a body.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
      }
      url = next;
      continue;
    }
    return { status: response.status, headers: response.headers, body: response.body, url: url.href };
  }
}

/** `request`, with a non-2xx status thrown as an HttpError. */
export async function fetchBytes(address: string, options: FetchTextOptions): Promise<{ body: Buffer; headers: Headers; url: string }> {
  const reply = await request(address, options);
  if (reply.status < 200 || reply.status > 299) {
    const text = reply.body.toString('utf8');
    throw new HttpError(`HTTP ${reply.status} from ${new URL(reply.url).host}: ${text.slice(0, 200)}`, reply.status, text,
      reply.headers.get('retry-after') ?? undefined);
  }
  return { body: reply.body, headers: reply.headers, url: reply.url };
}

/** fetchBytes with the body read as UTF-8. */
export async function fetchText(url: string, options: FetchTextOptions): Promise<{ text: string; headers: Headers }> {
  const { body, headers } = await fetchBytes(url, options);
  return { text: body.toString('utf8'), headers };
}
