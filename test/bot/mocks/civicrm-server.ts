/**
 * A CiviCRM site on 127.0.0.1 answering API v4 over REST as civicrm-core does. Every behaviour
 * names its source beside it; where the source was not confirmed the mock does the harsher thing
 * and says so. Sources, all in civicrm-core unless named otherwise:
 *   [AJAX]   CRM/Api4/Page/AJAX.php — request checks, error bodies and statuses
 *   [ROUTE]  CRM/Api4/Permission.php — the civicrm/ajax/api4 route needs *access CiviCRM* or *access AJAX API*
 *   [AUTHX]  ext/authx/Civi/Authx/Authenticator.php — credentials, guards, the 401 text/plain body
 *   [GET]    Civi/Api4/Generic/AbstractGetAction.php setDefaultWhereClause — field defaults (is_deleted = 0)
 *            join the where unless it names the field or fetches by id
 *   [MERGE]  CRM/Dedupe/Merger.php createMergeActivities, Civi/Api4/Action/Contact/GetMergedTo.php
 *   [NOW]    Civi/Api4/Query/SqlFunctionNOW.php — NOW() in select, in the database session's time zone
 *   [REST]   docs.civicrm.org/dev/en/latest/api/v4/rest — end-point URL per CMS, limit/offset, X-Civi-Auth
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultOptions } from './faults';

export interface MockContact {
  id: number;
  contact_type: 'Organization' | 'Individual' | 'Household';
  organization_name?: string;
  display_name?: string;
  /** Site-local wall time, `YYYY-MM-DD HH:MM:SS`, as CiviCRM returns timestamps. */
  modified_date: string;
  /** In the trash (soft-deleted). */
  is_deleted?: boolean;
  address?: { street_address?: string; supplemental_address_1?: string; city?: string; state?: string; postal_code?: string;
    country?: string; geo_code_1?: number | null; geo_code_2?: number | null };
  email?: string;
  phone?: string;
  websites?: string[];
  /** Custom field values by API v4 name (`Custom_group.Field_name`). */
  custom?: { [field: string]: string };
}

export interface CiviRequest {
  readonly entity: string;
  readonly action: string;
  readonly params: { [key: string]: unknown };
}

export type Cms = 'drupal' | 'backdrop' | 'standalone' | 'wordpress' | 'joomla';

/** Permissions of the API key's user; civicrm-core names. */
export type Permission = 'access CiviCRM' | 'access AJAX API' | 'view all contacts' | 'access deleted contacts'
  | 'view all activities' | 'view debug output' | 'authenticate with api key' | 'access all custom data';

export const FULL_PERMISSIONS: readonly Permission[] = ['access CiviCRM', 'access AJAX API', 'view all contacts',
  'access deleted contacts', 'view all activities', 'authenticate with api key', 'access all custom data'];

export interface MockCiviCrmOptions {
  readonly apiKey: string;
  /** CIVICRM_SITE_KEY; with guards including `site_key`, an `X-Civi-Key` header equal to it lets the key in. */
  readonly siteKey?: string;
  /** authx_guards; default `['site_key', 'perm']` [AUTHX settings/authx.setting.php]. */
  readonly guards?: readonly ('site_key' | 'perm')[];
  readonly permissions?: readonly Permission[];
  readonly contacts?: MockContact[];
  readonly faults?: FaultOptions;
  readonly cms?: Cms;
  /** IANA zone of the site (database session); timestamps are wall times there. Default UTC. */
  readonly timeZone?: string;
  /** The site's clock; default the real one. */
  readonly now?: () => Date;
  /** Custom fields the Contact entity has, by API v4 name. */
  readonly customFields?: readonly string[];
}

export interface MockCiviCrm {
  /** The site's base URL (what a coordinator types). */
  readonly url: string;
  /** The documented API v4 end-point for this CMS, before `{Entity}/{action}`. */
  readonly endpoint: string;
  readonly contacts: MockContact[];
  readonly requests: CiviRequest[];
  readonly faults?: FaultInjector;
  permissions: Permission[];
  /** When set, every request fails with this status (a site that is down). */
  down?: number;
  /** Called after each API request is recorded, before it is answered (to change data mid-read). */
  onRequest?: (request: CiviRequest) => void;
  /** Site-local wall time now, as modified_date would be written. */
  siteNow(): string;
  /** Edits a contact the way the UI does: the change, then modified_date = now. */
  edit(id: number, change: (contact: MockContact) => void): void;
  /** Moves a contact to the trash. */
  trash(id: number): void;
  /** Deletes a contact for good (from the trash, or with trash disabled): it is simply gone. */
  purge(id: number): void;
  /** Merges `loser` into `survivor` as the dedupe merger does. */
  merge(survivor: number, loser: number): void;
  close(): Promise<void>;
}

type Row = { [field: string]: unknown };

const BASE_FIELDS = ['id', 'contact_type', 'organization_name', 'display_name', 'modified_date', 'is_deleted',
  'address_primary.street_address', 'address_primary.supplemental_address_1', 'address_primary.city',
  'address_primary.state_province_id:abbr', 'address_primary.postal_code', 'address_primary.country_id:abbr',
  'address_primary.geo_code_1', 'address_primary.geo_code_2', 'email_primary.email', 'phone_primary.phone'];

function flatten(contact: MockContact, customFields: readonly string[]): Row {
  const row: Row = {
    id: contact.id, contact_type: contact.contact_type, organization_name: contact.organization_name ?? null,
    display_name: contact.display_name ?? contact.organization_name ?? null, modified_date: contact.modified_date,
    // Boolean fields come back as JSON booleans [AJAX: json_encode of the Result].
    is_deleted: contact.is_deleted ?? false,
    'address_primary.street_address': contact.address?.street_address ?? null,
    'address_primary.supplemental_address_1': contact.address?.supplemental_address_1 ?? null,
    'address_primary.city': contact.address?.city ?? null,
    'address_primary.state_province_id:abbr': contact.address?.state ?? null,
    'address_primary.postal_code': contact.address?.postal_code ?? null,
    'address_primary.country_id:abbr': contact.address?.country ?? null,
    'address_primary.geo_code_1': contact.address?.geo_code_1 ?? null,
    'address_primary.geo_code_2': contact.address?.geo_code_2 ?? null,
    'email_primary.email': contact.email ?? null,
    'phone_primary.phone': contact.phone ?? null,
  };
  for (const field of customFields) row[field] = contact.custom?.[field] ?? null;
  return row;
}

/** Loose equality as MySQL compares: booleans are 0/1. */
const scalar = (value: unknown): unknown => (typeof value === 'boolean' ? Number(value) : value);

const OPERATORS: { [op: string]: (value: unknown, arg: unknown) => boolean } = {
  '=': (value, arg) => scalar(value) === scalar(arg),
  '!=': (value, arg) => scalar(value) !== scalar(arg),
  '>': (value, arg) => (typeof value === 'number' ? value > Number(arg) : String(value) > String(arg)),
  '>=': (value, arg) => (typeof value === 'number' ? value >= Number(arg) : String(value) >= String(arg)),
  '<': (value, arg) => (typeof value === 'number' ? value < Number(arg) : String(value) < String(arg)),
  '<=': (value, arg) => (typeof value === 'number' ? value <= Number(arg) : String(value) <= String(arg)),
  IN: (value, arg) => Array.isArray(arg) && arg.map(scalar).includes(scalar(value)),
  'NOT IN': (value, arg) => Array.isArray(arg) && !arg.map(scalar).includes(scalar(value)),
  'IS NULL': (value) => value === null || value === undefined,
  'IS NOT NULL': (value) => value !== null && value !== undefined,
};

class ApiError extends Error {
  constructor(message: string, readonly status = 500) {
    super(message);
  }
}

function matches(row: Row, where: unknown, known: ReadonlySet<string>): boolean {
  if (where === undefined) return true;
  if (!Array.isArray(where)) throw new ApiError('where must be an array');
  return where.every((clause) => {
    if (!Array.isArray(clause)) throw new ApiError('where clause must be an array');
    const [field, op, arg] = clause as [string, unknown, unknown];
    if (field === 'OR') return (op as unknown[]).some((inner) => matches(row, [inner], known));
    if (field === 'AND') return matches(row, op, known);
    if (field === 'NOT') return !matches(row, op, known);
    // An unknown field in where is an exception (Api4SelectQuery "Invalid field"), so a 500 below.
    if (!known.has(field)) throw new ApiError(`Invalid field '${field}' in where clause.`);
    const test = OPERATORS[String(op)];
    if (!test) throw new ApiError(`Illegal operator "${String(op)}"`);
    return test(row[field], arg);
  });
}

/** Names a where clause mentions at its top level or inside AND/OR/NOT [GET _whereContains]. */
function whereNames(where: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (clauses: unknown): void => {
    if (!Array.isArray(clauses)) return;
    for (const clause of clauses) {
      if (!Array.isArray(clause)) continue;
      const [field, op] = clause as [string, unknown];
      if (field === 'OR' || field === 'AND' || field === 'NOT') walk(op);
      else names.add(field);
    }
  };
  walk(where);
  return names;
}

/** True when the where fetches by id (`id =` or `id IN`), which turns the defaults off [GET _itemsToGet('id')]. */
const fetchesById = (where: unknown): boolean => Array.isArray(where)
  && where.some((clause) => Array.isArray(clause) && clause[0] === 'id' && (clause[1] === '=' || clause[1] === 'IN'));

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * What a CMS answers where no CiviCRM route is: its own HTML page. A themed 404 is often served with
 * status 200 (WordPress front page, Drupal login form), so the harsher 200 is modelled.
 */
function sendHtml(res: ServerResponse, title: string): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><form id="user-login">`
    + '<input name="name"><input name="pass" type="password"></form></body></html>');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Wall time in `zone` as `YYYY-MM-DD HH:MM:SS`. */
export function wallTime(date: Date, zone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The entity/action path a request names, per CMS URL form [REST "End-Point URL"]; undefined = not a CiviCRM route. */
function routeOf(url: URL, cms: Cms): string | undefined {
  if (cms === 'wordpress') {
    return url.pathname === '/wp-admin/admin.php' && url.searchParams.get('page') === 'CiviCRM'
      ? url.searchParams.get('q') ?? undefined : undefined;
  }
  if (cms === 'joomla') {
    return url.pathname === '/administrator/index.php' && url.searchParams.get('option') === 'com_civicrm'
      ? url.searchParams.get('task') ?? undefined : undefined;
  }
  return url.pathname.replace(/^\//, '');
}

export function endpointFor(base: string, cms: Cms): string {
  if (cms === 'wordpress') return `${base}/wp-admin/admin.php?page=CiviCRM&q=civicrm/ajax/api4`;
  if (cms === 'joomla') return `${base}/administrator/index.php?option=com_civicrm&task=civicrm/ajax/api4`;
  return `${base}/civicrm/ajax/api4`;
}

export async function startMockCiviCrm(options: MockCiviCrmOptions): Promise<MockCiviCrm> {
  const contacts = options.contacts ?? [];
  const requests: CiviRequest[] = [];
  const cms = options.cms ?? 'drupal';
  const zone = options.timeZone ?? 'UTC';
  const clock = options.now ?? (() => new Date());
  const guards = options.guards ?? ['site_key', 'perm'];
  const customFields = options.customFields ?? [];
  const known = new Set([...BASE_FIELDS, ...customFields]);
  // Merge records: the 'Contact Merged' activity targets the survivor and carries the loser id
  // (source_record_id); 'Contact Deleted by Merge' targets the loser [MERGE].
  const merges: { survivor: number; loser: number; at: string }[] = [];
  const faults = options.faults ? new FaultInjector({
    ...options.faults,
    errorBody: (status) => ({ error_code: '1', status,
      error_message: 'Sorry an error occurred and your request was not completed. (Error ID: 1a2b-3c4d-5e6f)' }),
  }) : undefined;
  const state: { down?: number; permissions: Permission[]; onRequest?: (request: CiviRequest) => void } = {
    permissions: [...(options.permissions ?? FULL_PERMISSIONS)],
  };
  const can = (permission: Permission): boolean => state.permissions.includes(permission);
  const siteNow = (): string => wallTime(clock(), zone);
  const find = (id: number): MockContact => {
    const contact = contacts.find((candidate) => candidate.id === id);
    if (!contact) throw new Error(`no contact ${id}`);
    return contact;
  };

  /** authx: undefined when let in, else the 401 reason [AUTHX checkCredential/checkPolicy]. */
  const authenticate = (req: IncomingMessage): string | undefined | 'anonymous' => {
    const header = req.headers['x-civi-auth'] ?? req.headers.authorization;
    if (!header) return 'anonymous';
    const [format, value] = String(header).split(' ', 2);
    if (format !== 'Bearer' || value !== options.apiKey) return 'Invalid credential';
    const siteKeyOk = guards.includes('site_key') && options.siteKey !== undefined && req.headers['x-civi-key'] === options.siteKey;
    const permOk = guards.includes('perm') && can('authenticate with api key');
    if (guards.length > 0 && !siteKeyOk && !permOk) return `Login not permitted. Must satisfy guard (${guards.join(', ')}).`;
    return undefined;
  };

  /** Contacts the API user may see: ACLs hide everyone without *view all contacts* (harsher than per-contact ACLs,
   * which the mock does not model), and trashed contacts without *access deleted contacts*
   * (CRM_Contact_BAO_Contact ACL clause; civicrm-core api v4 CustomValue ACL test "Without 'access deleted contacts'
   * we won't see C2"). */
  const visibleContacts = (): MockContact[] => (can('view all contacts')
    ? contacts.filter((contact) => !contact.is_deleted || can('access deleted contacts')) : []);

  const contactGet = (params: { [key: string]: unknown }): Row[] => {
    const where = params.where;
    const defaults: unknown[] = [];
    // is_deleted has default_value 0: added unless named or fetched by id [GET]; ContactGetTest
    // "Deleted contacts are not fetched by default".
    if (!fetchesById(where) && !whereNames(where).has('is_deleted')) defaults.push(['is_deleted', '=', false]);
    const all = [...(Array.isArray(where) ? where : []), ...defaults];
    return visibleContacts().map((contact) => flatten(contact, customFields)).filter((row) => matches(row, all, known))
      .sort((a, b) => Number(a.id) - Number(b.id));
  };

  const execute = (entity: string, action: string, params: { [key: string]: unknown }): { values: unknown[] } => {
    if (entity === 'Contact' && action === 'getMergedTo') {
      // One hop: the latest merge whose loser is this contact; [null] when none [MERGE GetMergedTo::_run].
      if (!can('access CiviCRM')) throw new ApiError('Authorization failed', 403);
      const id = Number(params.contactId);
      // Activities are hidden by ACL without *view all activities*; unconfirmed, so modelled harshly: nothing found.
      const found = can('view all activities') ? merges.filter((merge) => merge.loser === id).at(-1) : undefined;
      return { values: [found ? { id: found.survivor } : null] };
    }
    if (entity === 'Contact' && action === 'getFields') {
      // Custom fields the user may not read are left out (checkPermissions); harsher: all of them without the permission.
      const names = [...BASE_FIELDS, ...(can('access all custom data') ? customFields : [])];
      return { values: names.map((name) => ({ name })) };
    }
    if (action !== 'get') throw new ApiError(`Api4 ${entity}.${action} does not exist`);
    // Entity-level permission: the default for every entity is *access CiviCRM* (CRM_Core_Permission::getEntityActionPermissions).
    if (!can('access CiviCRM')) throw new ApiError('Authorization failed', 403);
    let rows: Row[];
    if (entity === 'Contact') {
      rows = contactGet(params);
    } else if (entity === 'Website') {
      let id = 0;
      const websiteFields = new Set(['id', 'contact_id', 'url']);
      const visible = new Set(visibleContacts().map((contact) => contact.id));
      rows = contacts.flatMap((contact) => (contact.websites ?? []).map((url) => ({ id: (id += 1), contact_id: contact.id, url })))
        .filter((row) => visible.has(row.contact_id)).filter((row) => matches(row, params.where, websiteFields));
    } else {
      // Unknown entity: NotImplementedException, a 500 [AJAX execute()].
      throw new ApiError(`API (${entity}, get) does not exist (typo in entity name?)`);
    }
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 0);
    const page = limit > 0 ? rows.slice(offset, offset + limit) : rows.slice(offset);
    const select = Array.isArray(params.select) ? (params.select as string[]) : undefined;
    const now = siteNow();
    const values = page.map((row) => {
      if (!select) return row;
      const out: Row = {};
      for (const item of select) {
        const alias = /^NOW\(\)\s+AS\s+(\w+)$/i.exec(item);
        if (alias?.[1]) out[alias[1]] = now; // [NOW]: the statement's time, site-local
        else if (item in row) out[item] = row[item];
        // An unknown select field is left out of the values; unconfirmed, so the quieter (harsher) way is modelled.
      }
      return out;
    });
    return { values };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routeOf(url, cms);
    const match = route === undefined ? null : /^civicrm\/ajax\/api4\/(\w+)\/(\w+)$/.exec(route);
    if (!match) return sendHtml(res, 'Page not found');
    const [, entity = '', action = ''] = match;
    // authx runs before the route's permission check; a rejected credential ends in a 401 text/plain [AUTHX reject()].
    const rejected = authenticate(req);
    if (rejected && rejected !== 'anonymous') {
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end(`HTTP 401 ${rejected}`);
      return;
    }
    // Without *access CiviCRM* or *access AJAX API* (or anonymous) the route is denied: the CMS shows
    // its login / access-denied page, with 200 on some CMSs — modelled as 200 [ROUTE].
    if (rejected === 'anonymous' || !(can('access CiviCRM') || can('access AJAX API'))) return sendHtml(res, 'Log in');
    if (req.method === 'GET' && !action.startsWith('get') && action !== 'autocomplete') {
      return send(res, 405, { error_code: 405, error_message: 'SECURITY: All requests that modify the database must be http POST, not GET.' });
    }
    if (req.headers['x-requested-with'] !== 'XMLHttpRequest') {
      return send(res, 400, { error_code: 400, error_message: 'SECURITY ALERT: Ajax requests can only be issued by javascript clients, eg. CRM.api4().' });
    }
    const body = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    let params: { [key: string]: unknown } = {};
    try {
      params = JSON.parse(body.get('params') ?? '{}') as { [key: string]: unknown };
      if (Array.isArray(params)) params = {};
    } catch {
      return send(res, 500, { error_code: '1', error_message: 'Sorry an error occurred and your request was not completed.', status: 500 });
    }
    const request = { entity, action, params };
    requests.push(request);
    state.onRequest?.(request);
    if (state.down) return send(res, state.down, { error_code: '1', error_message: 'Site down', status: state.down });
    if (faults?.maybeFail(res)) return;
    try {
      const { values } = execute(entity, action, params);
      send(res, 200, { values, entity, action, debug: null, version: 4, count: values.length, countFetched: values.length });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 500;
      // The real message only with *view debug output*; otherwise a generic line with an error id [AJAX execute()].
      const message = can('view debug output') ? (error as Error).message
        : 'Sorry an error occurred and your request was not completed. (Error ID: 9f8e-7d6c-5b4a)';
      send(res, status, { error_code: can('view debug output') ? 0 : '1', error_message: message, status });
    }
  };

  const server: Server = createServer((req, res) => {
    // The Date header comes from the site's clock, as a real server's does.
    res.setHeader('Date', clock().toUTCString());
    handle(req, res).catch(() => send(res, 500, { error_code: '1', error_message: 'mock failure', status: 500 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const mock: MockCiviCrm = {
    url,
    endpoint: endpointFor(url, cms),
    contacts,
    requests,
    ...(faults ? { faults } : {}),
    get permissions() {
      return state.permissions;
    },
    set permissions(value: Permission[]) {
      state.permissions = value;
    },
    get down() {
      return state.down;
    },
    set down(value: number | undefined) {
      state.down = value;
    },
    get onRequest() {
      return state.onRequest;
    },
    set onRequest(value: ((request: CiviRequest) => void) | undefined) {
      state.onRequest = value;
    },
    siteNow,
    edit(id, change) {
      const contact = find(id);
      change(contact);
      contact.modified_date = siteNow();
    },
    trash(id) {
      const contact = find(id);
      contact.is_deleted = true;
      contact.modified_date = siteNow();
    },
    purge(id) {
      const at = contacts.findIndex((contact) => contact.id === id);
      if (at >= 0) contacts.splice(at, 1);
    },
    merge(survivor, loser) {
      // The survivor takes the loser's belongings and is saved; the loser goes to the trash [MERGE].
      find(survivor).modified_date = siteNow();
      mock.trash(loser);
      merges.push({ survivor, loser, at: siteNow() });
    },
    close: () => new Promise<void>((resolve) => {
      faults?.release();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return mock;
}
