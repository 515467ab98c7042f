/**
 * A local stand-in for the Slack Web API (platform-notes §4.3): records every call and answers
 * like Slack does, `{ok:true,…}` on success, `{ok:false,error}` at HTTP 200 on failure, and 429
 * with Retry-After when told to. Also takes `response_url` posts under /respond/.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly params: { [name: string]: unknown };
  readonly token: string | undefined;
  readonly at: number;
  /** What the mock answered, once it has. */
  response?: unknown;
}

type Scripted = { readonly kind: 'error'; readonly error: string } | { readonly kind: 'rate-limit'; readonly retryAfter: number };

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata']);

function parseParams(raw: string, contentType: string): { [name: string]: unknown } {
  if (contentType.startsWith('application/json')) return raw === '' ? {} : (JSON.parse(raw) as { [name: string]: unknown });
  const params: { [name: string]: unknown } = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    params[name] = JSON_FIELDS.has(name) ? JSON.parse(value) : value;
  }
  return params;
}

const readBody = (request: IncomingMessage): Promise<string> => new Promise((resolve, reject) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  request.on('error', reject);
});

export class MockSlackApi {
  readonly calls: RecordedCall[] = [];
  /** Members of each user group, for usergroups.users.list. */
  readonly usergroups = new Map<string, string[]>();
  readonly #scripted = new Map<string, Scripted[]>();
  #server: Server | undefined;
  #port = 0;
  #ts = 1_700_000_000;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.#port}/respond/${id}`;
  }

  /** The next call to `method` fails with Slack's `error`. */
  failNext(method: string, error: string): void {
    this.#push(method, { kind: 'error', error });
  }

  /** The next call to `method` gets HTTP 429 with this Retry-After (seconds). */
  rateLimitNext(method: string, retryAfter: number): void {
    this.#push(method, { kind: 'rate-limit', retryAfter });
  }

  #push(method: string, scripted: Scripted): void {
    this.#scripted.set(method, [...(this.#scripted.get(method) ?? []), scripted]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves once `count` calls to `method` have arrived (requests finish asynchronously after an ack). */
  async waitForCalls(method: string, count: number, timeoutMs = 10_000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.callsTo(method).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} ${method} call(s), got ${this.callsTo(method).length}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.callsTo(method);
  }

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      void (async () => {
        const raw = await readBody(request);
        const url = new URL(request.url ?? '/', 'http://127.0.0.1');
        const method = url.pathname.startsWith('/respond/') ? 'response_url' : url.pathname.replace(/^\/api\//, '');
        const params = parseParams(raw, request.headers['content-type'] ?? '');
        const auth = request.headers.authorization;
        const call: RecordedCall = { method, params, token: auth?.replace(/^Bearer /, ''), at: Date.now() };
        this.calls.push(call);
        const scripted = this.#scripted.get(method)?.shift();
        if (scripted?.kind === 'rate-limit') {
          response.writeHead(429, { 'Retry-After': String(scripted.retryAfter), 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        response.writeHead(200, { 'Content-Type': 'application/json' });
        if (method === 'response_url') return void response.end('ok');
        if (scripted?.kind === 'error') return void response.end(JSON.stringify({ ok: false, error: scripted.error }));
        if (!auth) return void response.end(JSON.stringify({ ok: false, error: 'not_authed' }));
        call.response = this.#answer(method, params);
        response.end(JSON.stringify(call.response));
      })();
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  #answer(method: string, params: { [name: string]: unknown }): object {
    const channel = typeof params.channel === 'string' ? params.channel : 'C0';
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'dcc', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };
      case 'chat.postMessage': {
        this.#ts += 1;
        const ts = `${this.#ts}.000100`;
        return { ok: true, channel, ts, message: { type: 'message', text: params.text, ts, blocks: params.blocks } };
      }
      case 'chat.update':
        return { ok: true, channel, ts: params.ts, text: params.text, message: { text: params.text, blocks: params.blocks } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.#ts}.000200` };
      case 'usergroups.users.list': {
        const users = this.usergroups.get(String(params.usergroup));
        return users ? { ok: true, users } : { ok: false, error: 'no_such_subteam' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
