/**
 * Cells arrive as strings from CSV and the Sheets API, and as numbers, booleans and Dates from
 * Apps Script's getValues(). Everything downstream works on strings.
 */
export function cellToString(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${cell.getFullYear()}-${pad(cell.getMonth() + 1)}-${pad(cell.getDate())}`;
  }
  return String(cell);
}

export function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((cell) => cellToString(cell).trim() === '');
}
