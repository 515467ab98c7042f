/**
 * A CiviCRM API v4 REST endpoint on 127.0.0.1, as civicrm-core's AJAX page answers:
 * `POST /civicrm/ajax/api4/{Entity}/{action}` with the JSON `params` form field, authx
 * `X-Civi-Auth: Bearer <key>`, the CSRF guard, GET only for get-type actions, 403/500 error
 * bodies, limit/offset paging, and where clauses on the fields the job uses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultOptions } from './faults';

export interface MockContact {
  id: number;
  contact_type: 'Organization' | 'Individual' | 'Household';
  organization_name?: string;
  display_name?: string;
  modified_date: string;
  is_deleted?: boolean;
  address?: { street_address?: string; supplemental_address_1?: string; city?: string; state?: string; postal_code?: string;
    country?: string; geo_code_1?: number | null; geo_code_2?: number | null };
  email?: string;
  phone?: string;
  websites?: string[];
}

export interface CiviRequest {
  readonly entity: string;
  readonly action: string;
  readonly params: { [key: string]: unknown };
}

export interface MockCiviCrm {
  readonly url: string;
  readonly contacts: MockContact[];
  readonly requests: CiviRequest[];
  readonly faults?: FaultInjector;
  /** When set, every request fails with this status (a site that is down). */
  down?: number;
  close(): Promise<void>;
}

type Row = { [field: string]: unknown };

function flatten(contact: MockContact): Row {
  return {
    id: contact.id, contact_type: contact.contact_type, organization_name: contact.organization_name ?? null,
    display_name: contact.display_name ?? contact.organization_name ?? null, modified_date: contact.modified_date,
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
}

const OPERATORS: { [op: string]: (value: unknown, arg: unknown) => boolean } = {
  '=': (value, arg) => value === arg,
  '>': (value, arg) => String(value) > String(arg),
  '>=': (value, arg) => String(value) >= String(arg),
  '<': (value, arg) => String(value) < String(arg),
  IN: (value, arg) => Array.isArray(arg) && arg.includes(value),
  'NOT IN': (value, arg) => Array.isArray(arg) && !arg.includes(value),
};

function matches(row: Row, where: unknown): boolean {
  if (!Array.isArray(where)) return true;
  return where.every((clause) => {
    if (!Array.isArray(clause)) throw new Error('where clause must be an array');
    const [field, op, arg] = clause as [string, string, unknown];
    if (field === 'OR') return (op as unknown as unknown[]).some((inner) => matches(row, [inner]));
    if (field === 'AND') return matches(row, op);
    if (field === 'NOT') return !matches(row, op);
    const test = OPERATORS[op];
    if (!test) throw new Error(`Unsupported operator "${op}"`);
    return test(row[field], arg);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMockCiviCrm(options: { apiKey: string; contacts?: MockContact[]; faults?: FaultOptions }): Promise<MockCiviCrm> {
  const contacts = options.contacts ?? [];
  const requests: CiviRequest[] = [];
  const faults = options.faults ? new FaultInjector({
    ...options.faults,
    errorBody: (status) => ({ error_code: '1', status,
      error_message: 'Sorry an error occurred and your request was not completed. (Error ID: 1a2b-3c4d-5e6f)' }),
  }) : undefined;
  const state: { down?: number } = {};

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/civicrm\/ajax\/api4\/(\w+)\/(\w+)$/.exec(url.pathname);
    if (!match) return send(res, 404, { error_code: 404, error_message: 'Not found' });
    const [, entity = '', action = ''] = match;
    if (req.method === 'GET' && !action.startsWith('get') && action !== 'autocomplete') {
      return send(res, 405, { error_code: 405, error_message: 'SECURITY: All requests that modify the database must be http POST, not GET.' });
    }
    const auth = req.headers['x-civi-auth'];
    if (!auth && req.headers['x-requested-with'] !== 'XMLHttpRequest') {
      return send(res, 400, { error_code: 400, error_message: 'SECURITY ALERT: Ajax requests can only be issued by javascript clients, eg. CRM.api4().' });
    }
    if (auth !== `Bearer ${options.apiKey}`) {
      return send(res, 403, { error_code: 0, error_message: 'Authorization failed', status: 403 });
    }
    const body = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    let params: { [key: string]: unknown } = {};
    try {
      params = JSON.parse(body.get('params') ?? '[]') as { [key: string]: unknown };
      if (Array.isArray(params)) params = {};
    } catch {
      return send(res, 500, { error_code: '1', error_message: 'Sorry an error occurred and your request was not completed.', status: 500 });
    }
    requests.push({ entity, action, params });
    if (state.down) return send(res, state.down, { error_code: '1', error_message: 'Site down', status: state.down });
    if (faults?.maybeFail(res)) return;
    if (action !== 'get') return send(res, 500, { error_code: '1', error_message: `Action ${action} not supported here`, status: 500 });

    let rows: Row[];
    try {
      if (entity === 'Contact') {
        rows = contacts.map(flatten).filter((row) => matches(row, params.where));
        rows.sort((a, b) => Number(a.id) - Number(b.id));
      } else if (entity === 'Website') {
        let id = 0;
        rows = contacts.flatMap((contact) => (contact.websites ?? []).map((url) => ({ id: (id += 1), contact_id: contact.id, url })))
          .filter((row) => matches(row, params.where));
      } else {
        return send(res, 500, { error_code: '1', error_message: `API (${entity}, get) does not exist`, status: 500 });
      }
    } catch (error) {
      return send(res, 500, { error_code: '1', error_message: String((error as Error).message), status: 500 });
    }
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 0);
    const page = limit > 0 ? rows.slice(offset, offset + limit) : rows.slice(offset);
    const select = Array.isArray(params.select) ? (params.select as string[]) : undefined;
    const values = page.map((row) => (select ? Object.fromEntries(['id', ...select].map((field) => [field, row[field] ?? null])) : row));
    send(res, 200, { values, entity, action, debug: null, version: 4, count: values.length, countFetched: values.length });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error_code: '1', error_message: 'mock failure', status: 500 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const mock: MockCiviCrm = {
    url: `http://127.0.0.1:${port}`,
    contacts,
    requests,
    ...(faults ? { faults } : {}),
    get down() {
      return state.down;
    },
    set down(value: number | undefined) {
      state.down = value;
    },
    close: () => new Promise<void>((resolve) => {
      faults?.release();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return mock;
}
