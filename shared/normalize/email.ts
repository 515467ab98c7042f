import { invalid, ok, type Normalized } from './result';

/**
 * The practical subset of RFC 5322 addr-spec: dot-atom local part and a dotted domain. Quoted
 * local parts are legal but never seen in directories, and accepting them would let markup in.
 */
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff]{2,63}$/i;

export function normalizeEmail(raw: string): Normalized {
  const value = raw.trim().replace(/^mailto:/i, '').replace(/^<(.*)>$/, '$1').trim();
  if (!value) return ok('');
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  if (at < 1 || local.length > 64 || !LOCAL.test(local) || !DOMAIN.test(domain)) {
    const fix = value.replace(/\s+/g, '').replace(/,/g, '.');
    const fixed = fix !== value && LOCAL.test(fix.slice(0, fix.lastIndexOf('@'))) ? fix : undefined;
    return invalid(value, 'email_invalid', `"${value}" doesn't look like an email address (like hello@example.coop).`,
      fixed && DOMAIN.test(fixed.slice(fixed.lastIndexOf('@') + 1)) ? fixed : undefined);
  }
  return ok(`${local}@${domain}`);
}
