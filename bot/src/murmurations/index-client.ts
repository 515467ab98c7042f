/**
 * A Murmurations index, API v2 (MurmurationsServices services/index: routes in
 * pkg/index/service.go, handlers in internal/controller/rest/node_handler.go, response shapes in
 * pkg/jsonapi/jsonapi.go). Answers are JSON:API documents: `data`, or `errors` of
 * { status, title, detail, source: { pointer | parameter } }, plus `meta` and `links`.
 */
import { createHash } from 'node:crypto';
import { HttpError } from '../io/http';
import { withRetry, type RetryOptions } from '../io/retry';
import { murmurationsRequest, type HttpReply, type MurmurationsHttpPolicy } from './http';
import { DccError } from '../errors';

export interface IndexError {
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
  readonly source?: { readonly pointer?: string; readonly parameter?: string };
}

/** pkg/constant/nodestatus.go */
export type NodeStatus = 'received' | 'validated' | 'validation_failed' | 'post_failed' | 'posted' | 'deleted';

export interface NodeState {
  /** `missing` when the index has no such node (404 Node Not Found). */
  readonly status: NodeStatus | 'missing';
  readonly errors: readonly IndexError[];
}

/** One search hit: the few fields the index keeps (internal/model/profile.go AllowedFields). */
export interface IndexNode {
  readonly profile_url: string;
  readonly status?: string;
  readonly name?: string;
  readonly last_updated?: number;
  readonly [field: string]: unknown;
}

/** The node_id the index gives a profile: the SHA-256 of its URL, in hex (cryptoutil.ComputeSHA256; Developer FAQs). */
export const nodeIdOf = (profileUrl: string): string => createHash('sha256').update(profileUrl).digest('hex');

/**
 * The index sends no Retry-After with a 429, only X-RateLimit-Reset, a Unix time in seconds
 * (pkg/middleware/limiter/limiter.go); as seconds from now it is a Retry-After the retry loop honours.
 */
function retryAfterOf(headers: Headers): string | undefined {
  const given = headers.get('retry-after');
  if (given) return given;
  const reset = Number(headers.get('x-ratelimit-reset') ?? 'NaN');
  return Number.isFinite(reset) ? String(Math.max(0, reset - Math.floor(Date.now() / 1000))) : undefined;
}

interface JsonApiDocument {
  readonly data?: unknown;
  readonly errors?: IndexError[];
  readonly meta?: { readonly total_pages?: number; readonly number_of_results?: number; readonly message?: string };
}

export interface IndexClientOptions extends MurmurationsHttpPolicy {
  readonly retry?: RetryOptions;
}

export class MurmurationsIndex {
  /** `https://index.murmurations.network/v2`, without a trailing slash. */
  readonly base: string;

  constructor(baseUrl: string, readonly options: IndexClientOptions = {}) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** One exchange; 408, 429 and 5xx are retried, every other answer is the index's word. */
  private async call(path: string, init: { method?: 'GET' | 'POST' | 'DELETE'; json?: unknown } = {}): Promise<{ reply: HttpReply; doc: JsonApiDocument }> {
    const reply = await withRetry(async () => {
      const answer = await murmurationsRequest(`${this.base}${path}`, { ...this.options, ...init });
      if (answer.status === 408 || answer.status === 429 || answer.status >= 500) {
        throw new HttpError(`HTTP ${answer.status} from the index: ${answer.text.slice(0, 200)}`, answer.status, answer.text,
          retryAfterOf(answer.headers));
      }
      return answer;
    }, this.options.retry);
    let doc: JsonApiDocument = {};
    try {
      doc = JSON.parse(reply.text) as JsonApiDocument;
    } catch {
      throw new DccError(`the index at ${this.base} answered ${reply.status} with something other than JSON`, 'dcc_remote');
    }
    return { reply, doc };
  }

  /** POST /v2/nodes {profile_url}: 200 {data: {node_id}} once received; 400 errors for a bad profile_url. */
  async addNode(profileUrl: string): Promise<{ nodeId?: string; errors: readonly IndexError[] }> {
    const { doc } = await this.call('/nodes', { method: 'POST', json: { profile_url: profileUrl } });
    const nodeId = (doc.data as { node_id?: unknown } | undefined)?.node_id;
    return { ...(typeof nodeId === 'string' ? { nodeId } : {}), errors: doc.errors ?? [] };
  }

  /**
   * GET /v2/nodes/{node_id}: 200 {data: {status…}}; a validation_failed node answers with the
   * failure reasons as `errors` (HTTP status of the first) and no data; 404 Node Not Found.
   */
  async getNode(nodeId: string): Promise<NodeState> {
    const { reply, doc } = await this.call(`/nodes/${encodeURIComponent(nodeId)}`);
    const status = (doc.data as { status?: unknown } | undefined)?.status;
    if (typeof status === 'string') return { status: status as NodeStatus, errors: [] };
    const errors = doc.errors ?? [];
    if (reply.status === 404 && errors.some((error) => error.title === 'Node Not Found')) return { status: 'missing', errors };
    return { status: 'validation_failed', errors };
  }

  /** DELETE /v2/nodes/{node_id}: 200 once the index finds the profile URL no longer serving JSON. */
  async deleteNode(nodeId: string): Promise<{ outcome: 'deleted' | 'missing' | 'refused'; errors: readonly IndexError[] }> {
    const { reply, doc } = await this.call(`/nodes/${encodeURIComponent(nodeId)}`, { method: 'DELETE' });
    if (reply.status === 200) return { outcome: 'deleted', errors: [] };
    const errors = doc.errors ?? [];
    return { outcome: reply.status === 404 ? 'missing' : 'refused', errors };
  }

  /** GET /v2/nodes?…: one page of hits; `totalPages` is 0 when nothing matches. */
  async searchNodes(query: URLSearchParams): Promise<{ nodes: IndexNode[]; totalPages: number; errors: readonly IndexError[] }> {
    const { doc } = await this.call(`/nodes?${query.toString()}`);
    const nodes = Array.isArray(doc.data) ? (doc.data as unknown[]).filter((node): node is IndexNode =>
      typeof node === 'object' && node !== null && typeof (node as { profile_url?: unknown }).profile_url === 'string') : [];
    return { nodes, totalPages: doc.meta?.total_pages ?? 0, errors: doc.errors ?? [] };
  }
}
