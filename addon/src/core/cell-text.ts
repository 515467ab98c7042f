/**
 * Writing a string back into Sheets: `setValues` parses text as if typed, so "02134" would lose
 * its leading zero and "+1 312 555 0100" would become a formula. A leading apostrophe keeps
 * such text literal (Sheets does not store the apostrophe).
 */
import { columnLetter } from '../../../shared/read/headers';

export function literal(text: string): string {
  return /^[=+\-@']/.test(text) || /^[\d\s.,/:()$%-]+$/.test(text) || /^(true|false)$/i.test(text) ? `'${text}` : text;
}

export function a1(row: number, column: number): string {
  return `${columnLetter(column - 1)}${row}`;
}
