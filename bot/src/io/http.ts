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
  readonly method?: 'GET' | 'POST';
  readonly headers?: { readonly [name: string]: string };
  readonly body?: string | URLSearchParams;
  /** Abort after this long; a timeout is retryable. */
  readonly timeoutMs?: number;
}

/** fetch() that throws HttpError on any non-2xx status and a TimeoutError when the server stalls. */
export async function fetchText(url: string, options: FetchTextOptions = {}): Promise<{ text: string; headers: Headers }> {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new HttpError(`HTTP ${response.status} from ${new URL(url).host}: ${text.slice(0, 200)}`, response.status, text,
      response.headers.get('retry-after') ?? undefined);
  }
  return { text, headers: response.headers };
}
