/**
 * The addresses the add-on may fetch. A published (versioned) add-on can only reach URLs under
 * the manifest's `urlFetchWhitelist` (https://developers.google.com/apps-script/manifest/allowlist-url),
 * so the list is read from the manifest itself and the commons address a member may save is
 * held to it: a setting that the platform would refuse at fetch time is refused when saved.
 */
import manifest from '../../appsscript.json';

export const URL_ALLOWLIST: readonly string[] = (manifest as { urlFetchWhitelist?: string[] }).urlFetchWhitelist ?? [];

/** True when `url` is https and starts with an allowed prefix (a leading "*." matches any subdomain). */
export function isAllowedUrl(url: string, prefixes: readonly string[] = URL_ALLOWLIST): boolean {
  const target = /^https:\/\/([^/?#]+)(\/[^\s]*)?$/.exec(url);
  if (!target) return false;
  // Compared as written: how Google folds case here is not documented, so none is assumed.
  const host = target[1] ?? '';
  const path = target[2] ?? '/';
  return prefixes.some((prefix) => {
    const rule = /^https:\/\/(\*\.)?([^/]+)(\/.*)$/.exec(prefix);
    if (!rule) return false;
    const domain = rule[2] ?? '';
    const hostMatches = rule[1] ? host.endsWith(`.${domain}`) : host === domain;
    return hostMatches && path.startsWith(rule[3] ?? '/');
  });
}

export function allowlistText(prefixes: readonly string[] = URL_ALLOWLIST): string {
  return prefixes.map((prefix) => prefix.replace('https://*.', 'https://…')).join(' or ');
}
