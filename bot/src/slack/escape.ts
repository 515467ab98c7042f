/**
 * Sheet data shown in Slack goes through here. Slack mrkdwn reads `<…>` as a mention or link and
 * `&…;` as an entity, so a listing named `<!channel>` would ping everyone and `<https://evil|Bank>`
 * would hide a link. Slack asks for exactly three escapes (`&`, `<`, `>`) and nothing else.
 */
const ENTITIES: { readonly [char: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

// C0/C1 controls except tab and newline: invisible in Slack, and on a terminal they can move the
// cursor or rewrite what an operator sees.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Removes control and bidi-override characters, which only ever disguise text. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/** Escapes text for a mrkdwn field: it will render as the literal characters, never as markup. */
export function escapeMrkdwn(text: string): string {
  return stripControls(text).replace(/[&<>]/g, (char) => ENTITIES[char] ?? char);
}

/**
 * Shortens already-escaped mrkdwn to at most `max` characters (an ellipsis included) without
 * cutting an entity such as `&amp;` in half, which would leave a stray `&` for Slack to misread.
 */
export function clipMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let cut = Math.max(0, max - 1);
  const amp = escaped.lastIndexOf('&', cut - 1);
  if (amp !== -1 && amp >= cut - 4 && escaped.indexOf(';', amp) >= cut) cut = amp;
  // Nor split a surrogate pair.
  const code = escaped.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${escaped.slice(0, cut)}…`;
}

/**
 * Cuts a huge cell down before escaping it, so a 10 MB cell costs no more than a short one.
 * Escaping only lengthens text, so `max` raw characters always fill `max` escaped ones, unless
 * control characters were dropped; `truncated` says whether an ellipsis is owed.
 */
function preclip(raw: string, max: number): { text: string; truncated: boolean } {
  const budget = max * 2 + 16;
  return raw.length > budget ? { text: raw.slice(0, budget), truncated: true } : { text: raw, truncated: false };
}

function owed(text: string, truncated: boolean, max: number, clip: (text: string, max: number) => string): string {
  if (!truncated || text.length > max) return clip(text, max);
  return text.length < max ? `${text}…` : clip(`${text}…`, max);
}

/** Escapes, then clips to `max`: for every piece of sheet data placed in a mrkdwn field. */
export function mrkdwnText(raw: string, max: number): string {
  const { text, truncated } = preclip(raw, max);
  return owed(escapeMrkdwn(text), truncated, max, clipMrkdwn);
}

function clipPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** Plain text (buttons, headers, notifications) has no markup, but still gets length limits. */
export function plainText(raw: string, max: number): string {
  const { text, truncated } = preclip(raw, max);
  return owed(stripControls(text), truncated, max, clipPlain);
}

/**
 * A web address safe to use as a link target, or undefined. Only http(s): a sheet cell saying
 * `javascript:…` or `slack://…` is shown as text, not linked.
 */
export function safeUrl(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * A mrkdwn link `<url|label>` whose label is escaped sheet text. The url is escaped too and any
 * `|` percent-encoded, since the first `|` ends the url. Not a web address: the escaped text alone.
 */
export function mrkdwnLink(rawUrl: string, label: string, max: number): string {
  const url = rawUrl.length > 4 * max ? undefined : safeUrl(rawUrl);
  const shown = mrkdwnText(label, max);
  if (!url) return clipMrkdwn(shown, max);
  const target = escapeMrkdwn(url.replace(/\|/g, '%7C'));
  const room = max - target.length - 3;
  if (room < 8) return clipMrkdwn(shown, max);
  return `<${target}|${clipMrkdwn(shown, room)}>`;
}
