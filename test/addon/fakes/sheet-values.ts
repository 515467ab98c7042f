/**
 * What a cell holds and how Sheets turns typed text into it, for the fake Range.
 *
 * - A date cell holds a wall-clock date and time with no zone (a serial number in the file);
 *   `getValues()` gives a JavaScript Date at that wall time **in the spreadsheet's time zone**
 *   (https://developers.google.com/apps-script/reference/spreadsheet/range#getValues — "Date";
 *   https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone;
 *   the serial-number epoch 1899-12-30 is on
 *   https://developers.google.com/workspace/sheets/api/reference/rest/v4/DateTimeRenderOption).
 *   A time typed alone is a date-time on 1899-12-30.
 * - `setValues()` parses strings as if typed in the UI
 *   (https://developers.google.com/apps-script/reference/spreadsheet/range#setValues;
 *   "USER_ENTERED … parsed as if the user typed them into the UI" on
 *   https://developers.google.com/workspace/sheets/api/reference/rest/v4/ValueInputOption).
 *   The parse rules below are those of an en_US spreadsheet: M/D/YYYY dates, `$` currency,
 *   `%` percentages, `1e5` scientific notation, thousands commas. Where the exact rule is not
 *   documented the fake coerces MORE (harsher): any text that looks like a number, date, time,
 *   percentage or currency stops being text. A leading apostrophe keeps text as typed and is not stored.
 */

export class SheetDate {
  constructor(
    readonly year: number, readonly month: number, readonly day: number,
    readonly hour = 0, readonly minute = 0, readonly second = 0,
  ) {}
  toString(): string {
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${this.year}-${pad(this.month)}-${pad(this.day)} ${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}`;
  }
}

/** Offset of `zone` from UTC at that instant, in minutes (Sydney in January: +660). */
function zoneOffsetMinutes(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant) / 60_000);
}

/** The instant at which the wall clock in `zone` shows this date and time. */
export function instantOf(date: SheetDate, zone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, date.hour, date.minute, date.second);
  let instant = wall - zoneOffsetMinutes(wall, zone) * 60_000;
  instant = wall - zoneOffsetMinutes(instant, zone) * 60_000;
  return instant;
}

/** The wall-clock reading in `zone` of an instant (what a Date written by a script becomes). */
export function wallOf(instant: number, zone: string): SheetDate {
  const shifted = new Date(instant + zoneOffsetMinutes(instant, zone) * 60_000);
  return new SheetDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate(),
    shifted.getUTCHours(), shifted.getUTCMinutes(), shifted.getUTCSeconds());
}

export type Stored = string | number | boolean | Date | SheetDate;

/** What the cell holds after `setValues` writes `input` (formula text goes to the formula grid). */
export function coerce(input: unknown, zone: string): { value: Stored; formula: string } {
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input, formula: '' };
  if (Object.prototype.toString.call(input) === '[object Date]') {
    return { value: wallOf((input as Date).getTime(), zone), formula: '' };
  }
  if (typeof input !== 'string') return { value: String(input), formula: '' };
  if (input.startsWith("'")) return { value: input.slice(1), formula: '' };
  if (input.startsWith('=')) return { value: '', formula: input };
  // "+1 312 555 0100" typed into a cell is read as a formula and shows #ERROR!.
  if (input.startsWith('+') && !/^\+\d+(\.\d+)?$/.test(input)) return { value: '#ERROR!', formula: `=${input}` };
  const text = input.trim();
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true', formula: '' };
  const number = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[+-]?\d+)?$/i.exec(text);
  if (number && /\d/.test(text)) return { value: Number(text.replace(/,/g, '')), formula: '' };
  const percent = /^([+-]?\d+(\.\d+)?)\s?%$/.exec(text);
  if (percent) return { value: Number(percent[1]) / 100, formula: '' };
  const currency = /^(-)?\$\s?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.exec(text);
  if (currency) return { value: Number(`${currency[1] ?? ''}${currency[2]?.replace(/,/g, '')}${currency[4] ?? ''}`), formula: '' };
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (us) {
    const year = Number(us[3]) < 100 ? 2000 + Number(us[3]) - (Number(us[3]) >= 30 ? 100 : 0) : Number(us[3]);
    const date = validDate(year, Number(us[1]), Number(us[2]));
    if (date) return { value: date, formula: '' };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    const date = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (date) return { value: date, formula: '' };
  }
  const time = /^(\d{1,2}):(\d{2})(:(\d{2}))?\s*(am|pm)?$/i.exec(text);
  if (time) {
    let hour = Number(time[1]);
    const half = time[5]?.toLowerCase();
    if (half === 'pm' && hour < 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
    if (hour < 24 && Number(time[2]) < 60) return { value: new SheetDate(1899, 12, 30, hour, Number(time[2]), Number(time[4] ?? 0)), formula: '' };
  }
  return { value: input, formula: '' };
}

function validDate(year: number, month: number, day: number): SheetDate | undefined {
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? new SheetDate(year, month, day) : undefined;
}
