/**
 * CiviCRM returns timestamps as the site's wall time (`YYYY-MM-DD HH:MM:SS`, the database session's
 * zone), with no offset. The reader never mixes them with this machine's clock: it reads the site's
 * own NOW() beside modified_date and only shifts that by a number of seconds.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

/** `wall` moved by `seconds`, still as wall time in the same zone. */
export function addSeconds(wall: string, seconds: number): string {
  const match = WALL.exec(wall);
  if (!match) return wall;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const moved = new Date(Date.UTC(y, mo - 1, d, h, mi, s) + seconds * 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${moved.getUTCFullYear()}-${two(moved.getUTCMonth() + 1)}-${two(moved.getUTCDate())} `
    + `${two(moved.getUTCHours())}:${two(moved.getUTCMinutes())}:${two(moved.getUTCSeconds())}`;
}

/**
 * The site's offset from UTC in minutes, from its NOW() and the HTTP `Date` of the same answer,
 * rounded to the quarter hour zones use; undefined when the two disagree beyond any real zone.
 */
export function utcOffsetMinutes(siteNow: string, httpDate: string): number | undefined {
  const local = Date.parse(`${addSeconds(siteNow, 0).replace(' ', 'T')}Z`);
  const utc = Date.parse(httpDate);
  if (!WALL.test(siteNow) || !Number.isFinite(local) || !Number.isFinite(utc)) return undefined;
  const minutes = Math.round((local - utc) / 900_000) * 15;
  return Math.abs(minutes) <= 14 * 60 ? minutes : undefined;
}

/** A site wall time as an ISO 8601 UTC instant, given the site's offset; unchanged when either is unknown. */
export function wallToUtc(wall: string, offsetMinutes: number | undefined): string {
  if (offsetMinutes === undefined || !WALL.test(wall)) return wall;
  return `${addSeconds(wall, -offsetMinutes * 60).replace(' ', 'T')}Z`;
}

/** Hours from one HTTP `Date` header to another; Infinity when either is missing or unreadable. */
export function hoursBetween(from: string, to: string): number {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isFinite(a) && Number.isFinite(b) ? (b - a) / 3_600_000 : Number.POSITIVE_INFINITY;
}
