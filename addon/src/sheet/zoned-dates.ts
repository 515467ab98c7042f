/**
 * getValues() gives a date cell as a Date at its wall-clock time in the SPREADSHEET's time zone
 * (File → Settings), while the script's own zone comes from the manifest
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()).
 * Reading such a Date with the script's local getters moves "1/1/1998" in Sydney to 1997-12-31,
 * so dates are turned into text in the spreadsheet's zone as soon as they are read.
 */
import type { CellValue } from './sheet-like';

const SERIAL_EPOCH_YEAR = 1899;

export function dateFormatter(zone: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  return (date: Date): string => {
    if (Number.isNaN(date.getTime())) return '';
    const parts: { [type: string]: string } = {};
    for (const part of format.formatToParts(date)) parts[part.type] = part.value;
    const day = `${parts.year}-${parts.month}-${parts.day}`;
    const time = `${parts.hour}:${parts.minute}${parts.second === '00' ? '' : `:${parts.second}`}`;
    // A time typed alone is stored on Sheets' day zero, 1899-12-30.
    if (Number(parts.year) === SERIAL_EPOCH_YEAR && parts.month === '12' && parts.day === '30') return time;
    return time === '00:00' ? day : `${day} ${time}`;
  };
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Replaces every Date in the grid, in place, by its text in `zone`; asks for the zone only if a Date is there. */
export function datesToText(values: CellValue[][], zone: () => string): CellValue[][] {
  let format: ((date: Date) => string) | undefined;
  for (const row of values) {
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!isDate(cell)) continue;
      format ??= dateFormatter(zone());
      row[c] = format(cell);
    }
  }
  return values;
}
