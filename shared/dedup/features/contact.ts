/**
 * Contact details reduced to comparable keys. These run on every record of a million-row
 * input, so they are small regular expressions rather than the full validators in
 * shared/normalize (which also explain problems to members, something matching never needs).
 */
import { foldText } from './name';

/** Ten-digit national number (US/Canada) or the digits as written, and the last seven digits. */
export interface PhoneKey {
  readonly full?: string;
  readonly last7: string;
}

export function phoneKey(raw: string | undefined): PhoneKey | undefined {
  if (!raw) return undefined;
  // An extension identifies a desk, not the organization.
  const main = raw.replace(/\s*(?:x|ext\.?|extension|#)\s*\d+\s*$/i, '');
  let digits = main.replace(/\D+/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length < 7) return undefined;
  if (/^(\d)\1+$/.test(digits)) return undefined;
  const last7 = digits.slice(-7);
  return digits.length >= 10 ? { full: digits, last7 } : { last7 };
}

/** Second-level labels under which registrations happen one level deeper (example.co.uk). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'edu', 'ac', 'or', 'ne', 'gob', 'nom']);

/** Hosting platforms whose subdomains belong to different organizations. */
const SHARED_HOSTS = new Set(['wixsite.com', 'squarespace.com', 'wordpress.com', 'blogspot.com', 'github.io',
  'weebly.com', 'godaddysites.com', 'square.site', 'carrd.co', 'linktr.ee', 'facebook.com', 'instagram.com',
  'google.com', 'sites.google.com', 'yolasite.com', 'webflow.io', 'netlify.app']);

/** "https://www.Example.coop/about" → "example.coop"; platform pages keep their first path segment. */
export function registrableDomain(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const match = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#\s]+@)?([^/?#:\s]+)(?::\d+)?(\/[^?#\s]*)?/i.exec(raw);
  const host = match?.[1]?.toLowerCase().replace(/\.+$/, '');
  if (!host || !host.includes('.')) return undefined;
  const labels = host.split('.').filter((label) => label.length > 0);
  if (labels.length < 2) return undefined;
  const tld = labels[labels.length - 1] as string;
  if (!/^[a-z]{2,}$/.test(tld)) return undefined;
  const second = labels[labels.length - 2] as string;
  const take = tld.length === 2 && SECOND_LEVEL.has(second) && labels.length >= 3 ? 3 : 2;
  const domain = labels.slice(-take).join('.');
  if (SHARED_HOSTS.has(domain)) {
    const sub = labels.length > take ? labels[labels.length - take - 1] : match?.[2]?.split('/')[1]?.toLowerCase();
    return sub ? `${domain}/${sub}` : undefined;
  }
  return domain;
}

/** Mail providers anyone can sign up to: a shared domain there says nothing. */
const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'hotmail.com', 'outlook.com',
  'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'protonmail.com', 'proton.me', 'pm.me',
  'riseup.net', 'gmx.com', 'gmx.net', 'mail.com', 'zoho.com', 'yandex.com', 'fastmail.com', 'hey.com',
  'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'earthlink.net', 'cox.net', 'charter.net',
  'bellsouth.net', 'tutanota.com', 'hushmail.com', 'inbox.com', 'qq.com', '163.com']);

export function isFreeMail(domain: string): boolean {
  return FREE_MAIL.has(domain);
}

export interface EmailKey {
  readonly address: string;
  /** Registrable domain, absent for free-mail providers. */
  readonly domain?: string;
}

export function emailKey(raw: string | undefined): EmailKey | undefined {
  if (!raw) return undefined;
  const match = /([^\s<>(),;:"]+)@([a-z0-9.-]+\.[a-z]{2,})/i.exec(raw);
  if (!match?.[1] || !match[2]) return undefined;
  const host = match[2].toLowerCase();
  const domain = registrableDomain(host);
  const address = `${match[1].toLowerCase()}@${host}`;
  return domain && !isFreeMail(domain) ? { address, domain } : { address };
}

/** Five-digit ZIP; a ZIP that lost its leading zero in a spreadsheet ("2134") gets it back. */
export function postal5(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const match = /^\s*(\d{3,5})(?:\s*-?\s*\d{4})?\s*$/.exec(raw);
  if (match?.[1]) return match[1].padStart(5, '0');
  // Anything else (Canadian, UK…) compares as written, without spaces.
  const squashed = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  return squashed.length >= 3 ? squashed : undefined;
}

export function cityKey(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const key = foldText(raw)
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bfort\b/g, 'ft')
    .replace(/\bmount\b/g, 'mt')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return key || undefined;
}

export function coordinate(raw: string | undefined, limit: number): number | undefined {
  if (!raw) return undefined;
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || Math.abs(value) > limit || value === 0) return undefined;
  return value;
}
