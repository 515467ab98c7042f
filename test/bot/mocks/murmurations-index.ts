/**
 * A Murmurations index (API v2) on 127.0.0.1, after MurmurationsServices at c0f00d34 (2026-07-17):
 * routes from services/index/pkg/index/service.go, handlers from
 * services/index/internal/controller/rest/node_handler.go (NH below), node life cycle from
 * services/index/internal/service/node.go (NS) and services/validation/internal/service/validation.go
 * (VS), indexed fields from services/index/internal/model/profile.go (PR), search from
 * services/index/internal/repository/es/queries.go (Q), error texts from
 * pkg/profile/profilevalidator/profilevalidator.go (PV). Profiles are validated with ajv against
 * the schema restatements in test/fixtures/murmurations, standing in for the Library.
 *
 * Where the real index is asynchronous (the validation service consumes a message after the
 * POST), the mock answers `received` to the first status check(s) after a POST: a client must poll.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import defaultSchema from '../../fixtures/murmurations/default-v2.1.0.json';
import organizationsSchema from '../../fixtures/murmurations/organizations_schema-v1.0.0.json';

interface JsonApiError { status: number; title: string; detail?: string; source?: { [key: string]: string } }

type Status = 'received' | 'validated' | 'validation_failed' | 'post_failed' | 'posted' | 'deleted';

interface Node {
  profile_url: string;
  status: Status;
  failure_reasons?: JsonApiError[];
  profile_hash?: string;
  last_updated?: number;
  /** What the index keeps for search (PR AllowedFields). */
  doc?: { [field: string]: unknown };
  /** Status checks still to answer `received` before validating. */
  lag: number;
}

export interface MockIndexOptions {
  /** Status checks answered `received` after each POST (default 1). */
  readonly validationLag?: number;
  /**
   * Per-method request limit per window, as pkg/middleware/limiter/limiter.go applies to POST and to
   * GET separately (charts/murmurations/charts/index config: 6000-M each; DELETE is not limited).
   * Tests shrink the window so they need not wait a minute.
   */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
}

export interface MockIndex {
  readonly url: string;
  /** Requests answered 429 Too Many Requests. */
  readonly limited: { count: number };
  readonly nodes: Map<string, Node>;
  readonly requests: { method: string; path: string; body?: unknown }[];
  close(): Promise<void>;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const SCHEMAS: { [name: string]: ValidateFunction } = {
  'default-v2.1.0': ajv.compile(defaultSchema),
  'organizations_schema-v1.0.0': ajv.compile(organizationsSchema),
};

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** NH: jsonapi.Response; errors carry status, title, detail, source. */
function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
const fail = (res: ServerResponse, errors: JsonApiError[], meta?: object): void =>
  send(res, errors[0]?.status ?? 400, { errors, ...(meta ? { meta } : {}) });

/** PV parseValidateError: gojsonschema's error types renamed, each with a JSON pointer. */
function toIndexErrors(schema: string, errors: readonly ErrorObject[]): JsonApiError[] {
  return errors.filter((error) => error.keyword !== 'if').map((error) => {
    const params = error.params as { [key: string]: unknown };
    const at = error.instancePath || '';
    const tail = ` - Schema: ${schema}`;
    switch (error.keyword) {
      case 'required':
        return { status: 400, title: 'Missing Required Property', detail: `The \`${at ? `${at.slice(1)}/` : ''}${String(params.missingProperty)}\` property is required${tail}`,
          source: { pointer: `${at}/${String(params.missingProperty)}` } };
      case 'type':
        return { status: 400, title: 'Invalid Type', detail: `Expected: ${String(params.type)} - Given: other${tail}`, source: { pointer: at || '/' } };
      case 'pattern':
        return { status: 400, title: 'Pattern Mismatch', detail: `The submitted data does not match the required pattern: '${String(params.pattern)}'${tail}`, source: { pointer: at || '/' } };
      case 'enum':
        return { status: 400, title: 'Invalid Value', detail: `The submitted data is not a valid value from the list of allowed values${tail}`, source: { pointer: at || '/' } };
      case 'maxLength':
        return { status: 400, title: 'Invalid Length', detail: `Amount must be less than or equal to ${String(params.limit)}${tail}`, source: { pointer: at } };
      case 'minimum':
      case 'maximum':
        return { status: 400, title: 'Invalid Amount', detail: `Amount must be ${error.keyword === 'minimum' ? 'greater' : 'less'} than or equal to ${String(params.limit)}${tail}`, source: { pointer: at } };
      case 'uniqueItems':
        return { status: 400, title: 'Duplicate Value', detail: `The submitted data contains a duplicate value${tail}`, source: { pointer: at } };
      case 'minItems':
        return { status: 400, title: 'Not Enough Items', detail: `There are not enough items in the array - Minimum is ${String(params.limit)}${tail}`, source: { pointer: at } };
      case 'maxItems':
        return { status: 400, title: 'Too Many Items', detail: `There are too many items in the array - Maximum is ${String(params.limit)}${tail}`, source: { pointer: at } };
      default:
        return { status: 400, title: error.keyword, detail: `${error.message ?? ''}${tail}`, source: { pointer: at } };
    }
  });
}

/** VS ValidateNode: fetch the profile, the default schema first, then every linked schema. */
async function validate(node: Node): Promise<void> {
  let text: string;
  let profile: { [field: string]: unknown };
  try {
    const response = await fetch(node.profile_url, { signal: AbortSignal.timeout(5000) });
    text = await response.text();
    // Harsher than pkg/httputil GetByte, which only treats 404 as missing: any non-200 is a missing profile.
    if (response.status !== 200) throw new Error(String(response.status));
    profile = JSON.parse(text) as { [field: string]: unknown };
    if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) throw new Error('not an object');
  } catch {
    node.status = 'validation_failed';
    node.failure_reasons = [{ status: 404, title: 'Profile Not Found',
      detail: `Could not find or read from (invalid JSON) the profile_url: ${node.profile_url}` }];
    return;
  }
  const defaultCheck = SCHEMAS['default-v2.1.0'] as ValidateFunction;
  if (!defaultCheck(profile)) {
    node.status = 'validation_failed';
    node.failure_reasons = toIndexErrors('default-v2.1.0', defaultCheck.errors ?? []);
    return;
  }
  const linked = profile.linked_schemas as string[];
  const reasons: JsonApiError[] = [];
  for (const name of linked) {
    const check = SCHEMAS[name];
    // PV Validate: a schema the Library does not have fails to load.
    if (!check) {
      reasons.push({ status: 404, title: 'Error loading schema', detail: `Error loading schema (${name}): not found`, source: { pointer: '/linked_schemas' } });
    } else if (!check(profile)) {
      reasons.push(...toIndexErrors(name, check.errors ?? []));
    }
  }
  if (reasons.length) {
    node.status = 'validation_failed';
    node.failure_reasons = reasons;
    return;
  }
  const hash = sha256(text);
  // NS SetNodeValid: an unchanged profile keeps its last_updated.
  if (node.profile_hash !== hash) node.last_updated = Math.floor(Date.now() / 1000);
  node.profile_hash = hash;
  node.failure_reasons = undefined;
  node.status = 'posted';
  // PR GetJSON/Update: only the allowed fields; country_iso_3166 becomes country; status is the node's.
  // VS: primary_url is stored without scheme or www (normalizeurl.go).
  const doc: { [field: string]: unknown } = { profile_url: node.profile_url, last_updated: node.last_updated, status: 'posted' };
  for (const field of ['geolocation', 'linked_schemas', 'locality', 'name', 'region', 'tags', 'expires']) {
    if (profile[field] !== undefined) doc[field] = profile[field];
  }
  if (typeof profile.primary_url === 'string') doc.primary_url = profile.primary_url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');
  if (profile.country_iso_3166 !== undefined) doc.country = profile.country_iso_3166;
  node.doc = doc;
}

/** NH request.go isValidURL: http(s) and a host with at least one dot. */
function validProfileUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host.includes('.');
  } catch {
    return false;
  }
}

/** NH validationFields: the only query parameters GET /v2/nodes accepts. */
const SEARCH_FIELDS = new Set(['name', 'schema', 'last_updated', 'lat', 'lon', 'range', 'locality', 'region', 'country', 'status',
  'tags', 'tags_filter', 'tags_exact', 'primary_url', 'page', 'page_size', 'expires']);

const distanceKm = (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number => {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2
    + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
};

function search(res: ServerResponse, url: URL, nodes: Map<string, Node>): void {
  const unknown = [...url.searchParams.keys()].filter((key) => !SEARCH_FIELDS.has(key));
  if (unknown.length) {
    return fail(res, unknown.map((key) => ({ status: 400, title: 'Invalid Query Parameter',
      detail: `The following query parameter is not valid: ${key}`, source: { parameter: key } })));
  }
  const q = (key: string): string | undefined => url.searchParams.get(key) ?? undefined;
  const page = Number(q('page') ?? '0');
  const pageSize = Number(q('page_size') ?? '30');
  if (page * pageSize > 10000) {
    return fail(res, [{ status: 400, title: 'Max Results Exceeded',
      detail: 'No more than 10,000 results can be returned. Refine your query so it will return less but more relevant results.' }]);
  }
  const text = (value: unknown, wanted: string | undefined): boolean =>
    wanted === undefined || (typeof value === 'string' && value.toLowerCase().split(/\W+/).includes(wanted.toLowerCase()));
  const lat = q('lat');
  const lon = q('lon');
  const range = q('range');
  const hits = [...nodes.values()].filter((node) => node.doc).map((node) => node.doc as { [field: string]: unknown })
    // Q Build: schema is a prefix wildcard on linked_schemas.
    .filter((doc) => q('schema') === undefined || ((doc.linked_schemas as string[] | undefined) ?? []).some((name) => name.startsWith(q('schema') as string)))
    .filter((doc) => text(doc.locality, q('locality')) && text(doc.region, q('region')) && text(doc.country, q('country')))
    .filter((doc) => q('status') === undefined || doc.status === q('status'))
    // Tags: any of the words matches a tag (the real one is an Elasticsearch match, fuzzy unless tags_exact; exact here).
    .filter((doc) => q('tags') === undefined || (q('tags') as string).split(/[\s,]+/).filter(Boolean)
      .some((tag) => ((doc.tags as string[] | undefined) ?? []).some((have) => have.toLowerCase().split(/\W+/).includes(tag.toLowerCase()))))
    // Q BuildGeoQuery: only when lat, lon and range are all given.
    .filter((doc) => {
      if (lat === undefined || lon === undefined || range === undefined) return true;
      const point = doc.geolocation as { lat: number; lon: number } | undefined;
      const km = Number(/^([\d.]+)\s*km$/i.exec(range)?.[1] ?? 'NaN');
      return point !== undefined && distanceKm(point, { lat: Number(lat), lon: Number(lon) }) <= km;
    });
  // pkg/pagination: page_size clamped to 1..500, pages counted on it; page 0 is the first page.
  const size = Math.min(500, Math.max(1, pageSize));
  const totalPages = hits.length === 0 ? 0 : Math.ceil(hits.length / pageSize);
  if (totalPages === 0 || page > totalPages) return send(res, 200, { data: [] });
  const from = Math.max(0, pageSize * (page - 1));
  send(res, 200, { data: hits.slice(from, from + size), links: {}, meta: { number_of_results: hits.length, total_pages: totalPages } });
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMockIndex(options: MockIndexOptions = {}): Promise<MockIndex> {
  const nodes = new Map<string, Node>();
  const requests: MockIndex['requests'] = [];
  const limited = { count: 0 };
  const windows = new Map<string, { start: number; used: number }>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? '';
      if (options.rateLimit && (method === 'POST' || method === 'GET')) {
        const now = Date.now();
        const window = windows.get(method);
        const current = window && now - window.start < options.rateLimit.windowMs ? window : { start: now, used: 0 };
        current.used += 1;
        windows.set(method, current);
        if (current.used > options.rateLimit.limit) {
          // limiter.go: X-RateLimit-* headers (Reset is a Unix time in seconds), no Retry-After, a JSON:API error.
          limited.count += 1;
          res.setHeader('X-RateLimit-Limit', String(options.rateLimit.limit));
          res.setHeader('X-RateLimit-Remaining', '0');
          res.setHeader('X-RateLimit-Reset', String(Math.ceil((current.start + options.rateLimit.windowMs) / 1000)));
          return fail(res, [{ status: 429, title: 'Too Many Requests',
            detail: 'You have exceeded the maximum number of requests per minute/hour. Please try again later. For more information see: https://docs.murmurations.network/developers/rate-limits.html' }]);
        }
      }
      const text = req.method === 'POST' ? await body(req) : '';
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, ...(parsed !== undefined ? { body: parsed } : {}) });
      const nodeId = /^\/v2\/nodes\/([^/]+)$/.exec(url.pathname)?.[1];

      if (req.method === 'POST' && url.pathname === '/v2/nodes') {
        // NH Add: unparsable JSON, then request.go Validate, then NS validateProfileURL.
        if (parsed === undefined || typeof parsed !== 'object' || parsed === null) {
          return fail(res, [{ status: 400, title: 'JSON Error', detail: 'The JSON document submitted could not be parsed.' }]);
        }
        const profileUrl = (parsed as { profile_url?: unknown }).profile_url;
        if (typeof profileUrl !== 'string' || profileUrl === '') {
          return fail(res, [{ status: 400, title: 'Missing Required Property', detail: 'The `profile_url` property is required.' }]);
        }
        if (!validProfileUrl(profileUrl)) return fail(res, [{ status: 400, title: 'Invalid Profile URL', detail: 'The `profile_url` is not a valid URL.' }]);
        if (profileUrl.length > 2000) {
          return fail(res, [{ status: 400, title: 'Validation Error', detail: 'The `profile_url` property cannot exceed 2000 characters.' }]);
        }
        const id = sha256(profileUrl);
        const old = nodes.get(id);
        nodes.set(id, { ...(old ?? {}), profile_url: profileUrl, status: 'received', lag: options.validationLag ?? 1 });
        return send(res, 200, { data: { node_id: id } });
      }

      if (req.method === 'GET' && nodeId) {
        const node = nodes.get(nodeId);
        if (!node) {
          return fail(res, [{ status: 404, title: 'Node Not Found', detail: `Could not locate the following node_id in the Index: ${nodeId}` }]);
        }
        if (node.status === 'received') {
          if (node.lag > 0) node.lag -= 1;
          else await validate(node);
        }
        // NH Get: a failed node answers with its reasons as errors, at the first one's status, and no data.
        if (node.status === 'validation_failed') {
          return fail(res, node.failure_reasons ?? [], { node_id: nodeId, profile_url: node.profile_url });
        }
        const posted = node.status === 'posted' || node.status === 'deleted';
        return send(res, 200, { data: { node_id: nodeId, profile_url: node.profile_url, status: node.status,
          ...(posted ? { profile_hash: node.profile_hash, last_updated: node.last_updated } : {}) } });
      }

      if (req.method === 'DELETE' && nodeId) {
        const node = nodes.get(nodeId);
        if (!node) return fail(res, [{ status: 404, title: 'Node Not Found' }], { node_id: nodeId });
        // NS checkProfileURL: a URL that still answers 200 with JSON is not deleted.
        let stillThere = false;
        try {
          const response = await fetch(node.profile_url, { signal: AbortSignal.timeout(5000) });
          const served = await response.text();
          stillThere = response.status === 200 && (() => {
            try {
              JSON.parse(served);
              return true;
            } catch {
              return false;
            }
          })();
        } catch {
          stillThere = false;
        }
        if (stillThere) {
          return fail(res, [{ status: 400, title: 'Profile Still Exists', detail: `Profile URL ${node.profile_url} still exists` }],
            { node_id: nodeId, profile_url: node.profile_url });
        }
        // NS proceedWithDeletion: posted nodes are soft-deleted (search shows them as deleted), others removed.
        if (node.status === 'posted' || node.status === 'deleted') {
          node.status = 'deleted';
          if (node.doc) node.doc = { ...node.doc, status: 'deleted' };
        } else {
          nodes.delete(nodeId);
        }
        return send(res, 200, { meta: { message: `The Index has recorded as deleted the profile that was previously posted at: ${node.profile_url} -- It will be completely removed from the index in 7 days.` } });
      }

      if (req.method === 'GET' && url.pathname === '/v2/nodes') return search(res, url, nodes);
      send(res, 404, { errors: [{ status: 404, title: 'Not Found' }] });
    })().catch((error: unknown) => send(res, 500, { errors: [{ status: 500, title: 'Unknown Error', detail: String(error) }] }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2`, nodes, requests, limited,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A plain web host for a folder (the network's public/ as deployed): files or 404. */
export async function serveFolder(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((done) => server.close(() => done())) };
}
