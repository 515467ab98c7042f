/**
 * CiviCRM API v4 over REST: organizations with their primary address, email and phone through
 * implicit joins, websites through a second call per page (they live in the Website entity), and
 * custom fields the registry's column_map names. After the first run only contacts modified
 * since the last one are read, trashed ones included, and now and then every live id, so that
 * contacts trashed, merged or deleted for good leave the rows; a merged contact's survivor is
 * reported so the job can move its master row. Contacts become rows whose headers the shared
 * header mapping already knows (organization_name, street_address, geo_code_1…).
 */
import { fetchText, HttpError } from '../io/http';
import { maxSourceBytes } from '../io/limits';
import { urlPolicyFromEnv, type UrlPolicy } from '../io/url-policy';
import { withRetry, type RetryOptions } from '../io/retry';
import type { RegistryEntry } from '../registry/registry';
import { routeCandidates, type Api4Route } from './civicrm-routes';
import { civicrmApiKey, civicrmKeyVariable } from './secrets';
import { addSeconds, hoursBetween, utcOffsetMinutes, wallToUtc } from './civicrm-time';
import { withRequests, type SourceRead, type SourceReadContext, type SourceReader, type SourceSnapshot } from './types';
import { DccError } from '../errors';

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
/** The site's clock, read in the same statement (and time zone) as modified_date. */
const NOW = 'NOW() AS dcc_site_now';
const ORGANIZATIONS = ['contact_type', '=', 'Organization'];

type Contact = { readonly [field: string]: unknown };
type Call = <T>(entity: string, action: string, params: object) => Promise<T>;

interface Api4Result {
  values?: (Contact | null)[];
}

export interface CiviCrmOptions {
  readonly pageSize?: number;
  /** Page size of the ids-only scan. */
  readonly idPageSize?: number;
  /** Hours between ids-only scans for contacts deleted for good; 0 = every run. */
  readonly idScanEveryHours?: number;
  /**
   * How far before the previous read's start the next one looks again, in seconds: edits saved
   * while a read pages through, slow transactions, and the hour a daylight-saving change repeats.
   */
  readonly overlapSeconds?: number;
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
}

const DEFAULTS = { pageSize: 500, idPageSize: 5000, idScanEveryHours: 24, overlapSeconds: 70 * 60 };

export { civicrmKeyVariable };

/** `CIVICRM_SITE_KEY_<KEY>`, else `CIVICRM_SITE_KEY`: only for sites whose authx guard asks for the site key. */
export function civicrmSiteKeyVariable(sourceKey: string): string {
  return `CIVICRM_SITE_KEY_${sourceKey.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

interface Credentials {
  readonly apiKey: string;
  readonly siteKey?: string;
}

/** How requests may go out: the URL policy for registry addresses and the size cap on answers. */
interface Network {
  readonly policy: UrlPolicy;
  readonly maxBytes: number;
}

/**
 * Keys bound to the source's origin (see secrets.ts): the site key follows the API key's rules, and
 * the shared CIVICRM_SITE_KEY only goes to origins the operator listed in DCC_CIVICRM_ORIGINS.
 */
function credentialsFor(entry: RegistryEntry, env: { readonly [name: string]: string | undefined }): Credentials {
  const apiKey = civicrmApiKey(entry, entry.location, env);
  const siteKey = env[civicrmSiteKeyVariable(entry.key)] ?? (env.DCC_CIVICRM_ORIGINS ? env.CIVICRM_SITE_KEY : undefined);
  return { apiKey, ...(siteKey ? { siteKey } : {}) };
}

/** The one HTTP exchange with the site: a form POST of `params`, authx headers, JSON or not. */
async function postApi4(url: string, params: object, credentials: Credentials, timeoutMs: number | undefined, network: Network)
  : Promise<{ text: string; contentType: string; date: string }> {
  const { text, headers } = await fetchText(url, {
    ...network,
    method: 'POST',
    headers: {
      'X-Civi-Auth': `Bearer ${credentials.apiKey}`, ...(credentials.siteKey ? { 'X-Civi-Key': credentials.siteKey } : {}),
      'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json',
    },
    body: new URLSearchParams({ params: JSON.stringify(params) }),
    timeoutMs,
  });
  return { text, contentType: headers.get('content-type') ?? '', date: headers.get('date') ?? '' };
}

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);

const isTrashed = (contact: Contact): boolean => contact.is_deleted === true || contact.is_deleted === 1 || contact.is_deleted === '1';

/** One row per contact; modified_date as a UTC instant, so survivorship can weigh it against other sources' times. */
function contactToRow(contact: Contact, website: string, extraFields: readonly string[], offset: number | undefined): string[] {
  return [
    text(contact.id), text(contact.organization_name) || text(contact.display_name),
    text(contact['address_primary.street_address']), text(contact['address_primary.supplemental_address_1']),
    text(contact['address_primary.city']), text(contact['address_primary.state_province_id:abbr']),
    text(contact['address_primary.postal_code']), text(contact['address_primary.country_id:abbr']),
    text(contact['address_primary.geo_code_1']), text(contact['address_primary.geo_code_2']),
    text(contact['email_primary.email']), text(contact['phone_primary.phone']), website, wallToUtc(text(contact.modified_date), offset),
    ...extraFields.map((field) => text(contact[field])),
  ];
}

/** column_map headers that are CiviCRM fields to read besides the standard ones (custom fields, `Group.Field`). */
export function extraFields(entry: RegistryEntry): string[] {
  const standard = new Set<string>(CIVICRM_HEADERS);
  return Object.keys(entry.columnMap ?? {}).filter((header) => !standard.has(header));
}

const looksLikeHtml = (body: string, contentType: string): boolean =>
  /text\/html/i.test(contentType) || /^\s*</.test(body);

/** What a person can do about a failed call, in one line. */
function describe(error: unknown, base: string, entry: RegistryEntry, needs: string): Error {
  if (!(error instanceof HttpError)) return error instanceof Error ? error : new Error(String(error));
  if (looksLikeHtml(error.body, '')) return new Error(htmlMessage(base));
  let detail = error.body.slice(0, 200).trim();
  try {
    const body = JSON.parse(error.body) as { error_message?: unknown; status_message?: unknown };
    detail = text(body.error_message ?? body.status_message) || detail;
  } catch {
    // not JSON (authx answers 401 in plain text, "HTTP 401 Invalid credential"): keep the raw text
    detail = detail.replace(/^HTTP \d{3}\s+/, '');
  }
  let hint = '';
  if (error.status === 401) {
    hint = `: CiviCRM refused the API key. Check ${civicrmKeyVariable(entry.key)}; if the site's authx guard asks for the site key,`
      + ` set ${civicrmSiteKeyVariable(entry.key)}, or give the key's user the permission *authenticate with api key*`;
  } else if (error.status === 403) {
    hint = `: the API key's user lacks a permission this read needs: give it ${needs}`;
  }
  return new HttpError(`CiviCRM at ${base} answered HTTP ${error.status}: ${detail}${hint}`, error.status, error.body, error.retryAfter);
}

const htmlMessage = (base: string): string => `CiviCRM at ${base}: this address answered a web page, not the CiviCRM API: `
  + 'check the URL and that the API key\'s user has *access AJAX API*';

/** A site: its API v4 route (found on the first call when only the base URL is known), and calls through it. */
class Site {
  #route: Api4Route | undefined;
  lastDate = '';

  constructor(
    readonly entry: RegistryEntry,
    readonly credentials: Credentials,
    readonly options: CiviCrmOptions,
    readonly count: () => void,
    readonly network: Network,
    readonly candidates: readonly Api4Route[],
  ) {
    this.#route = candidates.length === 1 ? candidates[0] : undefined;
  }

  get route(): Api4Route | undefined {
    return this.#route;
  }

  readonly call: Call = async <T>(entity: string, action: string, params: object): Promise<T> => {
    const base = this.entry.location;
    if (this.#route) return this.#once<T>(this.#route, entity, action, params);
    // Base URL only: try each documented route; a web page means "not here", anything else settles it.
    for (const route of this.candidates) {
      try {
        const result = await this.#once<T>(route, entity, action, params);
        this.#route = route;
        return result;
      } catch (error) {
        if (error instanceof Error && error.message === htmlMessage(base)) continue;
        this.#route = route;
        throw error;
      }
    }
    throw new DccError(`${htmlMessage(base)} (tried ${this.candidates.map((route) => route.label).join(', ')})`, 'dcc_remote');
  };

  async #once<T>(route: Api4Route, entity: string, action: string, params: object): Promise<T> {
    const base = this.entry.location;
    const needs = entity === 'Contact' && action === 'getMergedTo'
      ? '*access CiviCRM* and *view all activities*' : '*access CiviCRM* and *view all contacts*';
    try {
      return await withRetry(async () => {
        this.count();
        const answer = await postApi4(route.url(entity, action), params, this.credentials, this.options.timeoutMs, this.network);
        if (answer.date) this.lastDate = answer.date;
        if (looksLikeHtml(answer.text, answer.contentType)) throw new DccError(htmlMessage(base), 'dcc_remote');
        try {
          return JSON.parse(answer.text) as T;
        } catch {
          throw new DccError(`CiviCRM at ${base} answered something that is not JSON: ${answer.text.slice(0, 80)}`, 'dcc_remote');
        }
      }, this.options.retry);
    } catch (error) {
      throw describe(error, base, this.entry, needs);
    }
  }
}

export class CiviCrmSourceReader implements SourceReader {
  constructor(readonly options: CiviCrmOptions = {}) {}

  async read(entry: RegistryEntry, context: SourceReadContext): Promise<SourceRead> {
    const env = context.env ?? process.env;
    const credentials = credentialsFor(entry, env);
    const network = { policy: urlPolicyFromEnv(env), maxBytes: maxSourceBytes(env) };
    let requests = 0;
    try {
      const known = context.previous?.extra?.route;
      const candidates = routeCandidates(entry.location);
      const ordered = known ? [...candidates.filter((route) => route.label === known), ...candidates.filter((route) => route.label !== known)]
        : candidates;
      const site = new Site(entry, credentials, this.options, () => (requests += 1), network, ordered);
      const read = await this.#read(entry, context, site);
      return { ...read, requests };
    } catch (error) {
      throw withRequests(error, requests);
    }
  }

  async #read(entry: RegistryEntry, context: SourceReadContext, site: Site): Promise<Omit<SourceRead, 'requests'>> {
    const options = { ...DEFAULTS, ...this.options };
    const fields = extraFields(entry);
    if (fields.length) await this.#checkFields(site, entry, fields);
    const headers = [...CIVICRM_HEADERS, ...fields];
    const previous = context.previous;
    const incremental = previous?.version && previous.rows[0]?.join('\u0000') === headers.join('\u0000') ? previous : undefined;

    const where: unknown[] = [ORGANIZATIONS];
    if (incremental?.version) {
      // Naming is_deleted turns off the default `is_deleted = 0`, so trashed contacts come too (with *access deleted contacts*).
      where.push(['modified_date', '>=', incremental.version], ['is_deleted', 'IS NOT NULL']);
    } else {
      where.push(['is_deleted', '=', false]);
    }
    const { changed, trashed, siteNow } = await this.#contacts(site, where, fields, options.pageSize);

    const byId = new Map<string, string[]>();
    if (incremental) for (const row of incremental.rows.slice(1)) byId.set(row[0] ?? '', row);
    const removed = new Set([...trashed].filter((id) => byId.has(id)));

    // Contacts deleted for good leave no trace in an incremental read: compare every live id now and then.
    const lastScan = incremental?.extra?.scannedAt ?? '';
    const scanDue = incremental !== undefined
      && (options.idScanEveryHours === 0 || !lastScan || hoursBetween(lastScan, site.lastDate) >= options.idScanEveryHours);
    let scannedAt = incremental ? lastScan : site.lastDate;
    if (scanDue) {
      const live = await this.#liveIds(site, options.idPageSize);
      if (live.size === 0 && byId.size > 0) {
        throw new DccError(`CiviCRM at ${entry.location} shows no organizations at all to this API key, so nothing was removed: `
          + 'check that the key\'s user has *view all contacts*', 'dcc_remote');
      }
      for (const id of byId.keys()) if (!live.has(id) && !changed.has(id)) removed.add(id);
      scannedAt = site.lastDate;
    }

    const merged = await this.#survivors(site, removed, fields);
    for (const [id, row] of merged.rows) changed.set(id, row);

    const version = siteNow ? addSeconds(siteNow, -options.overlapSeconds) : incremental?.version;
    const extra = { route: site.route?.label ?? '', scannedAt };
    const same = (id: string, row: readonly string[]): boolean => byId.get(id)?.join('\u0000') === row.join('\u0000');
    if (incremental && removed.size === 0 && [...changed].every(([id, row]) => same(id, row))) {
      return { rows: incremental.rows, ...(version ? { version } : {}), unchanged: true, extra };
    }
    for (const id of removed) byId.delete(id);
    for (const [id, row] of changed) byId.set(id, row);
    const rows = [headers, ...[...byId.values()].sort((a, b) => Number(a[0]) - Number(b[0]))];
    return {
      rows, ...(version ? { version } : {}), unchanged: false, extra,
      ...(merged.survivorOf.size ? { merged: Object.fromEntries(merged.survivorOf) } : {}),
    };
  }

  /** Organizations matching `where`, page by page on id (so rows saved mid-read cannot shift others out of a page). */
  async #contacts(site: Site, where: readonly unknown[], fields: readonly string[], pageSize: number)
    : Promise<{ changed: Map<string, string[]>; trashed: Set<string>; siteNow: string }> {
    const changed = new Map<string, string[]>();
    const trashed = new Set<string>();
    let siteNow = '';
    let offset: number | undefined;
    for (let after = 0; ;) {
      const page = await site.call<Api4Result>('Contact', 'get', {
        select: [...SELECT, ...fields, NOW], where: [...where, ['id', '>', after]], orderBy: { id: 'ASC' }, limit: pageSize,
      });
      const contacts = (page.values ?? []).filter((contact): contact is Contact => contact !== null);
      if (!siteNow && contacts[0]) {
        siteNow = text(contacts[0].dcc_site_now);
        offset = utcOffsetMinutes(siteNow, site.lastDate);
      }
      const live = contacts.filter((contact) => !isTrashed(contact));
      for (const contact of contacts) if (isTrashed(contact)) trashed.add(text(contact.id));
      const websites = live.length === 0 ? new Map<string, string>() : await this.#websites(site.call, live);
      for (const contact of live) changed.set(text(contact.id), contactToRow(contact, websites.get(text(contact.id)) ?? '', fields, offset));
      if (contacts.length < pageSize) break;
      after = Number(contacts.at(-1)?.id);
    }
    return { changed, trashed, siteNow };
  }

  /** Every live organization id: ids only, large pages. */
  async #liveIds(site: Site, pageSize: number): Promise<Set<string>> {
    const ids = new Set<string>();
    for (let after = 0; ;) {
      const page = await site.call<Api4Result>('Contact', 'get', {
        select: ['id'], where: [ORGANIZATIONS, ['id', '>', after]], orderBy: { id: 'ASC' }, limit: pageSize,
      });
      const values = (page.values ?? []).filter((contact): contact is Contact => contact !== null);
      for (const contact of values) ids.add(text(contact.id));
      if (values.length < pageSize) break;
      after = Number(values.at(-1)?.id);
    }
    return ids;
  }

  /**
   * For contacts gone from the rows, the contact each was merged into (Contact.getMergedTo, one hop
   * per call, followed through chains), when that survivor is a live organization; its row comes too.
   */
  async #survivors(site: Site, removed: ReadonlySet<string>, fields: readonly string[])
    : Promise<{ survivorOf: Map<string, string>; rows: Map<string, string[]> }> {
    const survivorOf = new Map<string, string>();
    for (const id of removed) {
      let current = id;
      for (let hop = 0; hop < 10; hop += 1) {
        const result = await site.call<Api4Result>('Contact', 'getMergedTo', { contactId: Number(current) });
        const next = text(result.values?.[0]?.id);
        if (!next || next === current) break;
        current = next;
      }
      if (current !== id) survivorOf.set(id, current);
    }
    const rows = new Map<string, string[]>();
    const wanted = [...new Set(survivorOf.values())].map(Number);
    if (wanted.length) {
      const { changed } = await this.#contacts(site, [ORGANIZATIONS, ['id', 'IN', wanted], ['is_deleted', '=', false]], fields, wanted.length + 1);
      for (const [id, row] of changed) rows.set(id, row);
    }
    // A survivor that is not a live organization (trashed too, or a person) leaves a plain removal.
    for (const [loser, survivor] of survivorOf) if (!rows.has(survivor) || removed.has(survivor)) survivorOf.delete(loser);
    return { survivorOf, rows };
  }

  /** Fails, naming the field, when column_map asks for a field this site's Contact entity does not have. */
  async #checkFields(site: Site, entry: RegistryEntry, fields: readonly string[]): Promise<void> {
    const result = await site.call<Api4Result>('Contact', 'getFields', { select: ['name'], loadOptions: false });
    const names = new Set((result.values ?? []).map((field) => text(field?.name)));
    const missing = fields.filter((field) => !names.has(field));
    if (missing.length) {
      throw new DccError(`column_map names ${missing.map((field) => `"${field}"`).join(', ')}, which CiviCRM at ${entry.location} `
        + 'has no Contact field for (custom fields are named "Custom_group_name.Field_name"; the API key\'s user needs '
        + '*access all custom data* to see them)', 'dcc_source');
    }
  }

  async #websites(call: Call, contacts: readonly Contact[]): Promise<Map<string, string>> {
    const ids = contacts.map((contact) => contact.id);
    const result = await call<Api4Result>('Website', 'get', {
      select: ['contact_id', 'url'], where: [['contact_id', 'IN', ids]], orderBy: { id: 'ASC' }, limit: 0,
    });
    const byContact = new Map<string, string>();
    for (const website of result.values ?? []) {
      const id = text(website?.contact_id);
      if (!byContact.has(id) && text(website?.url)) byContact.set(id, text(website?.url));
    }
    return byContact;
  }

  linkTo(entry: RegistryEntry, _row: number, sourceId: string | undefined, extra?: SourceSnapshot['extra']): string {
    if (!sourceId) return '';
    let routes: Api4Route[];
    try {
      routes = routeCandidates(entry.location);
    } catch {
      return '';
    }
    const route = routes.find((candidate) => candidate.label === extra?.route) ?? routes[0];
    return route ? route.page(`civicrm/contact/view`, `reset=1&cid=${encodeURIComponent(sourceId)}`) : '';
  }
}
