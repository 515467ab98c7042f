import type { Finding } from '../../../shared/schema/record';
import { columnLetter } from '../../../shared/read/headers';

/** Findings for people: one line each, located the way a member finds a cell (row 7, column C). */
export function formatFindings(findings: readonly Finding[], totals: { rows: number; blocked: number }): string {
  const lines = findings.map((item) => {
    const where = item.row === 0 ? 'sheet' : `row ${item.row}${item.column ? `, column ${columnLetter(item.column - 1)}` : ''}`;
    const fix = item.fix !== undefined ? `  → suggested: ${JSON.stringify(item.fix)}` : '';
    return `${item.severity.toUpperCase().padEnd(7)} ${where} [${item.field}] ${item.message}${fix}`;
  });
  const errors = findings.filter((item) => item.severity === 'error').length;
  const warnings = findings.length - errors;
  lines.push(`${totals.rows} row${totals.rows === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ` +
    `${warnings} warning${warnings === 1 ? '' : 's'}${totals.blocked ? `; ${totals.blocked} row${totals.blocked === 1 ? '' : 's'} held back from publishing` : ''}.`);
  return `${lines.join('\n')}\n`;
}
