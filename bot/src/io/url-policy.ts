/**
 * Which addresses the bot may reach when the address comes from the registry or a sheet. Anyone
 * who can edit the Sources tab chooses those addresses, so they are checked as untrusted input:
 *
 *  - https only; plain http only to a loopback address the operator allowed (a CiviCRM on the same host);
 *  - link-local and cloud metadata addresses are always refused;
 *  - loopback and private ranges only with `--allow-private-network` / `DCC_ALLOW_PRIVATE_NETWORK=1`.
 *
 * The check is made on the addresses a name resolves to, not on the name, and again when the
 * connection is made (see `guardedLookup`), so a name that resolves to 127.0.0.1 or
 * 169.254.169.254, or that changes its answer between the check and the connection, is caught.
 * Addresses the operator sets in the environment (GOOGLE_API_ROOT_URL, SLACK_API_URL) do not
 * come through here: they are trusted.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

export interface UrlPolicy {
  /** Loopback and private ranges may be reached (plain http only on loopback). */
  readonly allowPrivateNetwork: boolean;
  /** Name resolution, injected in tests; default: the system resolver (every address of the name). */
  readonly resolve?: (hostname: string) => Promise<readonly string[]>;
}

/** A request the policy refused. Never retried: asking again gets the same answer. */
export class UrlRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UrlRefusedError';
  }
}

const TRUE = new Set(['1', 'true', 'yes']);

export function urlPolicyFromEnv(env: { readonly [name: string]: string | undefined }): UrlPolicy {
  return { allowPrivateNetwork: TRUE.has((env.DCC_ALLOW_PRIVATE_NETWORK ?? '').trim().toLowerCase()) };
}

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved';

/** Cloud metadata services that sit outside link-local (Alibaba, AWS over IPv6). */
const METADATA = new Set(['100.100.100.200', 'fd00:ec2::254']);
/** Names of metadata services, refused before they are even looked up. */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

function ipv4Class(ip: string): AddressClass {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  if (METADATA.has(ip)) return 'metadata';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  // 0/8 "this network" (0.0.0.0 reaches the local host), 192.0.0/24, benchmarking 198.18/15, multicast and reserved.
  if (a === 0 || a >= 224 || (a === 192 && b === 0 && ip.split('.')[2] === '0') || (a === 198 && (b === 18 || b === 19))) return 'reserved';
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail expanded). */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase().replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a = 0, b = 0, c = 0, d = 0] = (v4[1] as string).split('.').map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const v4Of = (high: number, low: number): string => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

function ipv6Class(ip: string): AddressClass {
  const g = ipv6Groups(ip);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const canonical = g.map((group) => group.toString(16)).join(':');
  if (canonical === '0:0:0:0:0:0:0:1') return 'loopback';
  if (canonical === '0:0:0:0:0:0:0:0') return 'reserved';
  if (canonical === 'fd00:ec2:0:0:0:0:0:254') return 'metadata';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address.
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) return ipv4Class(v4Of(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b) return ipv4Class(v4Of(g6, g7));
  if (g0 === 0x2002) return ipv4Class(v4Of(g1, g2));
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfec0) return 'private';
  if ((g0 & 0xff00) === 0xff00) return 'reserved';
  return 'public';
}

/** What kind of network an IP address is on. */
export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip);
  if (family === 4) return ipv4Class(ip);
  if (family === 6) return ipv6Class(ip);
  return 'reserved';
}

/** Why the policy refuses this address, or undefined when it may be reached. */
export function addressRefusal(ip: string, policy: UrlPolicy): string | undefined {
  const kind = classifyAddress(ip);
  if (kind === 'public') return undefined;
  if (kind === 'metadata' || kind === 'link-local') return `${ip} is a ${kind} address, which is never reached`;
  if (kind === 'reserved') return `${ip} is not a routable address`;
  if (policy.allowPrivateNetwork) return undefined;
  return `${ip} is a ${kind} address (allow it with --allow-private-network or DCC_ALLOW_PRIVATE_NETWORK=1)`;
}

const systemResolve = (hostname: string): Promise<string[]> =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) reject(new UrlRefusedError(`cannot resolve ${hostname} (${error.code ?? error.message})`));
      else resolve(addresses.map((address) => address.address));
    });
  });

const bareHost = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks an address before any byte is sent: scheme, name and every address it resolves to.
 * Throws UrlRefusedError saying why; returns the parsed URL when it may be reached.
 */
export async function checkUrl(address: string | URL, policy: UrlPolicy): Promise<URL> {
  let url: URL;
  try {
    url = typeof address === 'string' ? new URL(address) : address;
  } catch {
    throw new UrlRefusedError(`refused ${String(address).slice(0, 200)}: not a URL`);
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UrlRefusedError(`refused ${shown}: only https addresses are read`);
  if (url.username || url.password) throw new UrlRefusedError(`refused ${shown}: credentials do not belong in an address (set them in the environment)`);
  const host = bareHost(url);
  if (METADATA_NAMES.has(host.toLowerCase().replace(/\.$/, ''))) throw new UrlRefusedError(`refused ${shown}: a cloud metadata service is never reached`);
  const addresses = isIP(host) ? [host] : await (policy.resolve ?? systemResolve)(host);
  if (addresses.length === 0) throw new UrlRefusedError(`refused ${shown}: ${host} has no address`);
  for (const ip of addresses) {
    const why = addressRefusal(ip, policy);
    if (why) throw new UrlRefusedError(`refused ${shown}: ${why}`);
  }
  if (url.protocol === 'http:' && !addresses.every((ip) => classifyAddress(ip) === 'loopback')) {
    throw new UrlRefusedError(`refused ${shown}: only https addresses are read (plain http only to this host, with --allow-private-network)`);
  }
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves like the system does, then refuses the connection when
 * any address is refused, so the address connected to is the address checked (no DNS rebinding).
 */
export function guardedLookup(policy: UrlPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    (policy.resolve ?? systemResolve)(hostname).then((addresses) => {
      const refused = addresses.map((ip) => addressRefusal(ip, policy)).find(Boolean);
      if (refused || addresses.length === 0) {
        callback(Object.assign(new UrlRefusedError(`refused ${hostname}: ${refused ?? 'no address'}`), { code: 'EREFUSED_BY_POLICY' }), '');
        return;
      }
      const all = addresses.map((address) => ({ address, family: isIP(address) }));
      if (options.all) callback(null, all);
      else callback(null, all[0]?.address ?? '', all[0]?.family);
    }, (error: Error) => callback(error as NodeJS.ErrnoException, ''));
  };
}
