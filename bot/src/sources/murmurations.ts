/**
 * A registry row of kind `murmurations`: its location is a query on a Murmurations index, e.g.
 *   https://index.murmurations.network/v2/nodes?schema=organizations_schema-v1.0.0&country=US&tags=cooperative
 * The reader pages through the index's answer (GET /v2/nodes, page_size ≤ 500, at most 10,000
 * results: MurmurationsServices node_handler.go Search and pkg/pagination), skips nodes the index
 * marks deleted, downloads each profile from its profile_url (untrusted: https only, size-capped,
 * see ../murmurations/http.ts) and turns it into one row of the template. Each row's source_id is
 * its profile URL, so the master's members and the review links point at where the listing came from.
 */
import { createHash } from 'node:crypto';
import { profileToValues, type ProfileValues } from '../../../shared/read/murmurations-profile';
import { MurmurationsIndex, type IndexClientOptions, type IndexNode } from '../murmurations/index-client';
import { checkUrl, murmurationsRequest } from '../murmurations/http';
import { urlPolicyFromEnv } from '../io/url-policy';
import { plainIndexError } from '../murmurations/plain-errors';
import type { RegistryEntry } from '../registry/registry';
import { SourceReadError, type SourceRead, type SourceReadContext, type SourceReader } from './types';
import { DccError } from '../errors';

/** Query parameters a registry row may set (node_handler.go validationFields, less the paging we do ourselves). */
const QUERY_FIELDS = new Set(['schema', 'tags', 'tags_filter', 'tags_exact', 'country', 'locality', 'region', 'lat', 'lon', 'range',
  'name', 'primary_url', 'last_updated', 'status']);
const PAGE_SIZE = 100;
/** The index returns no more than 10,000 results to one query. */
const MAX_PAGES = 10_000 / PAGE_SIZE;

const COLUMNS: readonly (keyof ProfileValues)[] = ['name', 'street', 'city', 'state', 'postal_code', 'country', 'latitude', 'longitude',
  'website', 'email', 'phone', 'org_type', 'sector', 'legal_structure', 'network_memberships', 'description', 'status', 'year_founded',
  'members', 'social_links'];
/** Header of the rows this reader returns: field keys (which map to themselves), the profile URL as source_id, other tags kept aside. */
export const MURMURATIONS_HEADER: readonly string[] = ['source_id', ...COLUMNS, '(tags)'];

export interface MurmurationsReaderOptions extends IndexClientOptions {
  /** Profiles downloaded at once. */
  readonly concurrency?: number;
}

/** The registry location as an index and a query; a clear error for anything else. */
export function parseIndexQuery(location: string, options: MurmurationsReaderOptions = {}): { base: string; query: URLSearchParams } {
  const url = checkUrl(location, options);
  const match = /^(.*)\/nodes\/?$/.exec(url.pathname);
  if (!match) throw new DccError(`a murmurations location is an index query ending in /nodes?…, e.g. https://index.murmurations.network/v2/nodes?schema=organizations_schema-v1.0.0 (got ${location})`, 'dcc_source');
  const unknown = [...url.searchParams.keys()].filter((key) => !QUERY_FIELDS.has(key));
  if (unknown.length) throw new DccError(`the index does not know the query parameter(s) ${unknown.join(', ')}; use ${[...QUERY_FIELDS].join(', ')}`, 'dcc_source');
  if (!url.searchParams.get('schema')) throw new DccError('say which profiles to read with schema=…, e.g. schema=organizations_schema-v1.0.0', 'dcc_source');
  const geo = ['lat', 'lon', 'range'].filter((key) => url.searchParams.has(key));
  if (geo.length > 0 && geo.length < 3) throw new DccError('a distance query needs lat, lon and range together (e.g. range=25km); the index ignores it otherwise', 'dcc_source');
  return { base: `${url.origin}${match[1]}`, query: url.searchParams };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      out[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export class MurmurationsSourceReader implements SourceReader {
  constructor(readonly options: MurmurationsReaderOptions = {}) {}

  async read(entry: RegistryEntry, context?: SourceReadContext): Promise<SourceRead> {
    // The operator's --allow-private-network also lets an index or profiles on this host or network through.
    const options = urlPolicyFromEnv(context?.env ?? process.env).allowPrivateNetwork ? { ...this.options, allowLoopbackHttp: true } : this.options;
    let requests = 0;
    try {
      const { base, query } = parseIndexQuery(entry.location, options);
      const index = new MurmurationsIndex(base, options);
      const nodes: IndexNode[] = [];
      let truncated = false;
      for (let page = 1; page <= MAX_PAGES; page += 1) {
        const params = new URLSearchParams(query);
        params.set('page', String(page));
        params.set('page_size', String(PAGE_SIZE));
        requests += 1;
        const answer = await index.searchNodes(params);
        if (answer.errors.length) throw new DccError(`the index refused the query: ${answer.errors.map(plainIndexError).join('; ')}`, 'dcc_remote');
        nodes.push(...answer.nodes);
        if (page >= answer.totalPages) break;
        if (page === MAX_PAGES) truncated = true;
      }
      // Deleted nodes stay in search results, marked, until the index purges them.
      const live = [...new Map(nodes.filter((node) => node.status !== 'deleted').map((node) => [node.profile_url, node])).values()];
      const skipped: string[] = [];
      const rows = await mapLimit(live, options.concurrency ?? 4, async (node) => {
        requests += 1;
        try {
          const reply = await murmurationsRequest(node.profile_url, options);
          if (reply.status !== 200) throw new DccError(`HTTP ${reply.status}`, 'dcc_remote');
          const { values, otherTags } = profileToValues(JSON.parse(reply.text) as unknown);
          return [node.profile_url, ...COLUMNS.map((key) => values[key] ?? ''), otherTags.join('; ')];
        } catch (error) {
          skipped.push(`${node.profile_url}: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }
      });
      const kept = rows.filter((row): row is string[] => row !== undefined);
      if (live.length > 0 && kept.length === 0) throw new DccError(`none of the ${live.length} profiles could be read (${skipped.slice(0, 3).join('; ')})`, 'dcc_remote');
      const all = [[...MURMURATIONS_HEADER], ...kept];
      const notes = [
        ...(truncated ? ['the query matches more than the 10,000 profiles the index returns: narrow it (country, tags, locality…)'] : []),
        ...(skipped.length ? [`${skipped.length} profile(s) could not be read and were skipped: ${skipped.slice(0, 5).join('; ')}`] : []),
      ];
      return {
        rows: all, version: createHash('sha256').update(JSON.stringify(all)).digest('hex'), unchanged: false, requests,
        ...(notes.length ? { extra: { skipped: notes.join('; ') } } : {}),
      };
    } catch (error) {
      throw new SourceReadError(error instanceof Error ? error.message : String(error), requests, { cause: error });
    }
  }

  /** The profile URL is the row's provenance. */
  linkTo(_entry: RegistryEntry, _row: number, sourceId: string | undefined): string {
    return sourceId && /^https?:\/\//i.test(sourceId) ? sourceId : '';
  }
}
