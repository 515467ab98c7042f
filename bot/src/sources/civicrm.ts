/**
 * CiviCRM API v4 over REST: organizations with their primary address, email and phone through
 * implicit joins, websites through a second call per page (they live in the Website entity),
 * limit/offset paging, and after the first run only contacts modified since the last one.
 * Contacts become rows whose headers the shared header mapping already knows (organization_name,
 * street_address, geo_code_1…), so CiviCRM goes through the same validation as any sheet.
 */
import { fetchText, HttpError } from '../io/http';
import { maxSourceBytes } from '../io/limits';
import { urlPolicyFromEnv } from '../io/url-policy';
import { withRetry, type RetryOptions } from '../io/retry';
import type { RegistryEntry } from '../registry/registry';
import { civicrmApiKey, civicrmKeyVariable } from './secrets';
import { withRequests, type SourceRead, type SourceReadContext, type SourceReader } from './types';

export { civicrmKeyVariable };

/** Row header for contacts; `(…)` columns are private, so the bookkeeping ones never reach the master. */
export const CIVICRM_HEADERS = [
  'contact_id', 'organization_name', 'street_address', 'supplemental_address_1', 'city', 'state_province',
  'postal_code', 'country', 'geo_code_1', 'geo_code_2', 'email', 'phone', 'website', '(modified_date)',
] as const;

const SELECT = [
  'id', 'organization_name', 'display_name', 'modified_date', 'is_deleted',
  'address_primary.street_address', 'address_primary.supplemental_address_1', 'address_primary.city',
  'address_primary.state_province_id:abbr', 'address_primary.postal_code', 'address_primary.country_id:abbr',
  'address_primary.geo_code_1', 'address_primary.geo_code_2', 'email_primary.email', 'phone_primary.phone',
];

type Contact = { readonly [field: string]: unknown };

interface Api4Result {
  values?: Contact[];
}

export interface CiviCrmOptions {
  readonly pageSize?: number;
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
}

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);

function contactToRow(contact: Contact, website: string): string[] {
  return [
    text(contact.id), text(contact.organization_name) || text(contact.display_name),
    text(contact['address_primary.street_address']), text(contact['address_primary.supplemental_address_1']),
    text(contact['address_primary.city']), text(contact['address_primary.state_province_id:abbr']),
    text(contact['address_primary.postal_code']), text(contact['address_primary.country_id:abbr']),
    text(contact['address_primary.geo_code_1']), text(contact['address_primary.geo_code_2']),
    text(contact['email_primary.email']), text(contact['phone_primary.phone']), website, text(contact.modified_date),
  ];
}

/** Turns CiviCRM's error body (`{error_code, error_message}`) into one plain line. */
function describe(error: unknown, base: string): Error {
  if (!(error instanceof HttpError)) return error instanceof Error ? error : new Error(String(error));
  let detail = error.body.slice(0, 200);
  try {
    const body = JSON.parse(error.body) as { error_message?: unknown; status_message?: unknown };
    detail = text(body.error_message ?? body.status_message) || detail;
  } catch {
    // not JSON: keep the raw text
  }
  const hint = error.status === 401 || error.status === 403 ? ' (check the API key and the user\'s permissions)' : '';
  const described = new HttpError(`CiviCRM at ${base} answered HTTP ${error.status}: ${detail}${hint}`, error.status,
    error.body, error.retryAfter);
  return described;
}

export class CiviCrmSourceReader implements SourceReader {
  constructor(readonly options: CiviCrmOptions = {}) {}

  async read(entry: RegistryEntry, context: SourceReadContext): Promise<SourceRead> {
    const env = context.env ?? process.env;
    const base = entry.location.replace(/\/+$/, '');
    const apiKey = civicrmApiKey(entry, base, env);
    let requests = 0;
    try {
      return await this.#read(entry, context, apiKey, base, () => (requests += 1));
    } catch (error) {
      throw withRequests(error, requests);
    }
  }

  async #read(entry: RegistryEntry, context: SourceReadContext, apiKey: string, base: string, count: () => void): Promise<SourceRead> {
    let requests = 0;
    const env = context.env ?? process.env;
    const network = { policy: urlPolicyFromEnv(env), maxBytes: maxSourceBytes(env) };
    const call = async <T>(entity: string, params: object): Promise<T> => {
      try {
        return await withRetry(async () => {
          requests += 1;
          count();
          const body = new URLSearchParams({ params: JSON.stringify(params) });
          const { text: json } = await fetchText(`${base}/civicrm/ajax/api4/${entity}/get`, {
            method: 'POST',
            headers: { 'X-Civi-Auth': `Bearer ${apiKey}`, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' },
            body,
            timeoutMs: this.options.timeoutMs,
            ...network,
          });
          return JSON.parse(json) as T;
        }, this.options.retry);
      } catch (error) {
        throw describe(error, base);
      }
    };

    const previous = context.previous;
    const since = previous?.version;
    const where: unknown[] = [['contact_type', '=', 'Organization']];
    // The first read skips deleted contacts; an incremental one asks for them so they can be dropped.
    if (since) {
      // modified_date has whole seconds: ask again for that last second, minus the contacts already seen in it.
      where.push(['modified_date', '>=', since]);
      const seen = (previous.extra?.idsAtVersion ?? '').split(',').filter(Boolean).map(Number);
      if (seen.length) where.push(['OR', [['modified_date', '>', since], ['id', 'NOT IN', seen]]]);
    } else {
      where.push(['is_deleted', '=', false]);
    }

    const pageSize = this.options.pageSize ?? 500;
    const changed = new Map<string, string[]>();
    const deleted = new Set<string>();
    let latest = since ?? '';
    for (let offset = 0; ; offset += pageSize) {
      const page = await call<Api4Result>('Contact', { select: SELECT, where, orderBy: { id: 'ASC' }, limit: pageSize, offset });
      const contacts = page.values ?? [];
      const live = contacts.filter((contact) => contact.is_deleted !== true && contact.is_deleted !== 1);
      for (const contact of contacts) {
        if (text(contact.modified_date) > latest) latest = text(contact.modified_date);
        if (!live.includes(contact)) deleted.add(text(contact.id));
      }
      const websites = live.length === 0 ? new Map<string, string>() : await this.#websites(call, live);
      for (const contact of live) changed.set(text(contact.id), contactToRow(contact, websites.get(text(contact.id)) ?? ''));
      if (contacts.length < pageSize) break;
    }

    const byId = new Map<string, string[]>();
    if (previous && since) for (const row of previous.rows.slice(1)) byId.set(row[0] ?? '', row);
    // `>=` re-reads contacts modified in the same second as the last run; they count as unchanged if equal.
    const same = (id: string, row: readonly string[]): boolean => byId.get(id)?.join('\u0000') === row.join('\u0000');
    if (previous && since && [...deleted].every((id) => !byId.has(id)) && [...changed].every(([id, row]) => same(id, row))) {
      return { rows: previous.rows, version: since, unchanged: true, requests, ...(previous.extra ? { extra: previous.extra } : {}) };
    }
    for (const id of deleted) byId.delete(id);
    for (const [id, row] of changed) byId.set(id, row);
    const rows = [[...CIVICRM_HEADERS], ...[...byId.values()].sort((a, b) => Number(a[0]) - Number(b[0]))];
    const modified = CIVICRM_HEADERS.indexOf('(modified_date)');
    const idsAtVersion = rows.slice(1).filter((row) => latest && row[modified] === latest).map((row) => row[0]).join(',');
    return { rows, version: latest || undefined, unchanged: false, requests, extra: { idsAtVersion } };
  }

  async #websites(call: <T>(entity: string, params: object) => Promise<T>, contacts: readonly Contact[]): Promise<Map<string, string>> {
    const ids = contacts.map((contact) => contact.id);
    const result = await call<Api4Result>('Website', {
      select: ['contact_id', 'url'], where: [['contact_id', 'IN', ids]], orderBy: { id: 'ASC' }, limit: 0,
    });
    const byContact = new Map<string, string>();
    for (const website of result.values ?? []) {
      const id = text(website.contact_id);
      if (!byContact.has(id) && text(website.url)) byContact.set(id, text(website.url));
    }
    return byContact;
  }

  linkTo(entry: RegistryEntry, _row: number, sourceId: string | undefined): string {
    return sourceId ? `${entry.location.replace(/\/+$/, '')}/civicrm/contact/view?reset=1&cid=${encodeURIComponent(sourceId)}` : '';
  }
}
