/**
 * Which CiviCRM API key goes to which address. Secrets live in the environment, addresses in the
 * registry, and a registry editor must not be able to send a key somewhere else:
 *
 *  - `CIVICRM_API_KEY_<KEY>` belongs to the source with that registry key;
 *  - `DCC_CIVICRM_ORIGINS` (comma-separated origins such as `https://crm.example.org`), when set,
 *    is the only place any CiviCRM key is sent;
 *  - the fallback `CIVICRM_API_KEY` is used only with that allowlist, never on its own.
 *
 * Plain http is refused by the URL policy before any header leaves (except an allowed loopback).
 */
import type { RegistryEntry } from '../registry/registry';
import { UrlRefusedError } from '../io/url-policy';
import { DccError } from '../errors';

type Env = { readonly [name: string]: string | undefined };

/** `CIVICRM_API_KEY_<KEY>`: key upper-cased, other characters as `_`. */
export function civicrmKeyVariable(sourceKey: string): string {
  return `CIVICRM_API_KEY_${sourceKey.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

function allowedOrigins(env: Env): Set<string> | undefined {
  const listed = (env.DCC_CIVICRM_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  if (listed.length === 0) return undefined;
  return new Set(listed.map((origin) => {
    try {
      return new URL(origin).origin;
    } catch {
      return origin;
    }
  }));
}

/** The API key for this source at this base URL, or an error naming the variable to set. */
export function civicrmApiKey(entry: RegistryEntry, base: string, env: Env): string {
  let origin: string;
  try {
    origin = new URL(base).origin;
  } catch {
    throw new UrlRefusedError(`refused ${base.slice(0, 200)}: not a URL`);
  }
  const variable = civicrmKeyVariable(entry.key);
  const allowed = allowedOrigins(env);
  const own = env[variable];
  if (allowed && !allowed.has(origin) && (own || env.CIVICRM_API_KEY)) {
    throw new UrlRefusedError(`refused ${origin}: DCC_CIVICRM_ORIGINS does not list it, so no CiviCRM key is sent there`);
  }
  if (own) return own;
  if (env.CIVICRM_API_KEY) {
    if (!allowed) {
      throw new DccError(`no CiviCRM API key: set ${variable} (CIVICRM_API_KEY is used only for origins listed in DCC_CIVICRM_ORIGINS)`, 'dcc_config');
    }
    return env.CIVICRM_API_KEY;
  }
  throw new DccError(`no CiviCRM API key: set ${variable} in the environment`, 'dcc_config');
}
