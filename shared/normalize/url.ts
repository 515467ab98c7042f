import { invalid, ok, type Normalized } from './result';

/**
 * URL parsing by hand because Apps Script's V8 has no WHATWG `URL` class. Only web addresses
 * are accepted: a `javascript:` or `data:` link in a listing would be an attack on map visitors.
 */
const URL_SHAPE = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:[^@/?#\s]+@)?([^/?#:\s]+)(?::(\d{1,5}))?([^?#\s]*)(?:\?([^#\s]*))?(?:#(\S*))?$/i;
const HOST_LABEL = /^(?!-)[a-z0-9\u00a1-\uffff-]{1,63}(?<!-)$/i;

/** Query parameters that only track a click; they make the same site look like different URLs. */
const TRACKING = /^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid|yclid|ref_src)$/i;

export interface ParsedUrl {
  readonly scheme: string;
  readonly host: string;
  readonly port?: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

export function parseWebUrl(raw: string): ParsedUrl | undefined {
  const match = URL_SHAPE.exec(raw.trim());
  if (!match) return undefined;
  const scheme = (match[1] ?? 'https').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return undefined;
  const host = (match[2] ?? '').toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) return undefined;
  const tld = labels[labels.length - 1] ?? '';
  if (!/^([a-z\u00a1-\uffff]{2,63}|xn--[a-z0-9-]+)$/i.test(tld)) return undefined;
  return { scheme, host, port: match[3], path: match[4] ?? '', query: match[5] ?? '', fragment: match[6] ?? '' };
}

export function normalizeUrl(raw: string): Normalized {
  const value = raw.trim().replace(/^<(.*)>$/, '$1');
  if (!value) return ok('');
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^https?:\/\//i.test(value) && !/^[^:]+:\d/.test(value)) {
    return invalid(value, 'url_scheme', `"${value}" is not a web address. Use an address such as https://example.coop.`);
  }
  const url = parseWebUrl(value);
  if (!url) {
    return invalid(value, 'url_invalid', `"${value}" doesn't look like a web address. It should look like example.coop or https://example.coop/about.`);
  }
  const query = url.query
    .split('&')
    .filter((pair) => pair && !TRACKING.test(pair.split('=')[0] ?? ''))
    .join('&');
  const path = url.path === '/' ? '' : url.path;
  const port = url.port ? `:${url.port}` : '';
  return ok(`${url.scheme}://${url.host}${port}${path}${query ? `?${query}` : ''}${url.fragment ? `#${url.fragment}` : ''}`);
}

export function normalizeUrlList(raw: string): Normalized {
  const parts = raw.split(/[;\s]+/).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    const one = normalizeUrl(part);
    if (one.problem) return one;
    out.push(one.value);
  }
  return ok(out.join('; '));
}
