/**
 * Turns Findings into what the member sees: cell marks (colour + note line) and the sidebar's
 * list grouped by row.
 */
import { cellToString } from '../../../shared/read/cells';
import { fieldByKey, type FieldKey, type Finding } from '../../../shared/schema';
import type { CellValue } from '../sheet/sheet-like';
import { a1 } from './cell-text';
import type { CellMark } from './marks';
import { shorten, type FindingItem, type RowGroup } from './payload';

export interface Placement {
  readonly headerRow: number;
  readonly columns: ReadonlyMap<FieldKey, number>;
}

/** The cell a finding belongs to: its column, else its field's column, else the name (or first) column. */
export function findingCell(finding: Finding, place: Placement): { row: number; column: number } {
  const row = finding.row === 0 ? place.headerRow : finding.row;
  const byField = place.columns.get(finding.field as FieldKey);
  const column = finding.column ?? byField ?? (finding.row === 0 ? undefined : place.columns.get('name') ?? 1);
  return { row, column: column ?? 0 };
}

export function findingMarks(findings: readonly Finding[], place: Placement): CellMark[] {
  const marks: CellMark[] = [];
  for (const finding of findings) {
    const cell = findingCell(finding, place);
    if (cell.column === 0) continue; // About a column the sheet lacks: only the sidebar can show it.
    marks.push({ ...cell, kind: finding.severity, text: finding.message });
  }
  return marks;
}

/** A fix is safe when the finding is only a warning: the value was understood and is rewritten in its standard form. */
export function isSafeFix(finding: Finding): boolean {
  return finding.fix !== undefined && finding.severity === 'warning' && finding.row > 0;
}

export function findingItem(finding: Finding, place: Placement, valueAt: (row: number, column: number) => CellValue | undefined): FindingItem {
  const cell = findingCell(finding, place);
  const label = fieldByKey(finding.field)?.label ?? finding.field;
  const base = {
    row: cell.row,
    field: label,
    severity: finding.severity,
    message: finding.message,
    value: cell.column === 0 ? '' : shorten(cellToString(valueAt(cell.row, cell.column) ?? '')),
    safe: isSafeFix(finding),
  };
  const withCell = cell.column === 0 ? base : { ...base, column: cell.column, cell: a1(cell.row, cell.column) };
  return finding.fix === undefined ? withCell : { ...withCell, fix: finding.fix };
}

export function groupByRow(items: readonly FindingItem[]): RowGroup[] {
  const groups = new Map<number, FindingItem[]>();
  for (const item of items) {
    const list = groups.get(item.row) ?? [];
    list.push(item);
    groups.set(item.row, list);
  }
  return [...groups].sort((a, b) => a[0] - b[0]).map(([row, list]) => ({ row, items: list }));
}
