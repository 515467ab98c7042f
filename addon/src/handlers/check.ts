/**
 * Check this sheet, the live check of edited rows, and the fixes the sidebar applies. One read
 * and one write per run, whatever the number of rows; values change only through a fix.
 */
import { cellToString } from '../../../shared/read/cells';
import type { Finding } from '../../../shared/schema';
import { literal } from '../core/cell-text';
import { findingItem, findingMarks, groupByRow, isSafeFix, type Placement } from '../core/findings-view';
import { HEADER_SCAN_ROWS, locateHeader } from '../core/header';
import { planMarks, type CellKind } from '../core/marks';
import { MAX_SIDEBAR_ROWS, shorten, type CheckPayload, type RowUpdate, type SidebarPayload } from '../core/payload';
import { readSettings } from '../core/settings';
import { checkRows, sparseRows } from '../core/sheet-check';
import type { Block, CellValue } from '../sheet/sheet-like';
import type { AddonContext } from './context';
import { isMessage, readSheet } from './sheet-read';

const CHECK_KINDS = ['error', 'warning'] as const;
/** Pasting more rows than this at once is left to "Check this sheet": simple triggers stop after 30 s. */
export const LIVE_CHECK_MAX_ROWS = 500;

export function checkSheet(ctx: AddonContext): SidebarPayload {
  const read = readSheet(ctx, { validate: true });
  if (isMessage(read)) return read;
  const { block, check } = read;
  const place: Placement = { headerRow: read.headerRow, columns: check.columns };
  const plan = planMarks(block, findingMarks(check.findings, place), CHECK_KINDS);
  if (plan.changed) ctx.sheet.writeMarks(block.firstRow, plan.backgrounds, plan.notes);
  return checkPayload(check.findings, place, block, check.records.length);
}

function checkPayload(findings: readonly Finding[], place: Placement, block: Block, rowCount: number): CheckPayload {
  const valueAt = (row: number, column: number): CellValue | undefined => block.values[row - block.firstRow]?.[column - 1];
  const sheetItems = findings.filter((finding) => finding.row === 0).map((finding) => findingItem(finding, place, valueAt));
  // Items are built only for the rows the sidebar shows; the rest are explained by their notes.
  const rowFindings = new Map<number, Finding[]>();
  for (const finding of findings) {
    if (finding.row <= 0) continue;
    const list = rowFindings.get(finding.row);
    if (list) list.push(finding);
    else rowFindings.set(finding.row, [finding]);
  }
  const shown = [...rowFindings.keys()].sort((a, b) => a - b).slice(0, MAX_SIDEBAR_ROWS);
  const rows = groupByRow(shown.flatMap((row) => (rowFindings.get(row) ?? []).map((finding) => findingItem(finding, place, valueAt))));
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = findings.length === 0
    ? `All ${rowCount} rows look good.`
    : `${rowCount} rows checked: ${plural(errors, 'problem')} to fix and ${plural(warnings, 'suggestion')} in ${plural(rowFindings.size, 'row')}.`;
  return {
    view: 'check',
    summary,
    sheetItems,
    rows,
    hiddenRows: rowFindings.size - shown.length,
    safeFixes: findings.filter(isSafeFix).length,
  };
}

export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Re-checks rows firstRow…firstRow+numRows-1 and re-marks only them. Returns undefined when the
 * rows cannot be checked alone (no header, or the edit touched the header itself).
 */
export function recheckRows(ctx: AddonContext, firstRow: number, numRows: number, drop?: CellKind): RowUpdate[] | undefined {
  const lastRow = ctx.sheet.lastRow();
  const lastColumn = ctx.sheet.lastColumn();
  if (lastRow === 0 || lastColumn === 0) return undefined;
  const settings = readSettings(ctx.props);
  const top = ctx.sheet.readValues(1, Math.min(HEADER_SCAN_ROWS, lastRow), lastColumn);
  const header = locateHeader(top, settings.overrides);
  if (!header || firstRow <= header.row) return undefined;
  const count = Math.min(numRows, lastRow - firstRow + 1);
  if (count <= 0) return [];
  const block = ctx.sheet.readRows(firstRow, count, lastColumn);
  const check = checkRows(sparseRows(top[header.row - 1] ?? [], header.row, firstRow, block.values), header.row, settings);
  // Sheet-level findings (row 0) belong to a full check, not to a few edited rows.
  const findings = check.findings.filter((finding) => finding.row >= firstRow);
  const place: Placement = { headerRow: header.row, columns: check.columns };
  const plan = planMarks(block, findingMarks(findings, place), CHECK_KINDS, drop);
  if (plan.changed) ctx.sheet.writeMarks(firstRow, plan.backgrounds, plan.notes);
  const valueAt = (row: number, column: number): CellValue | undefined => block.values[row - firstRow]?.[column - 1];
  const items = findings.map((finding) => findingItem(finding, place, valueAt));
  return Array.from({ length: count }, (_, index) => firstRow + index).map((row) => {
    const rowItems = items.filter((item) => item.row === row);
    return { ok: true, message: rowItems.length === 0 ? `Row ${row} looks good.` : '', row, items: rowItems };
  });
}

/** "Apply fix": writes the fix only if the cell still holds what the member saw, and never over a formula. */
export function applyFix(ctx: AddonContext, row: number, column: number, expected: string, fix: string, drop?: CellKind): RowUpdate {
  const refused = (text: string): RowUpdate => ({ ok: false, message: text, row, items: [] });
  if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1) return refused('That cell does not exist.');
  if (row > ctx.sheet.lastRow() || column > ctx.sheet.lastColumn()) return refused('That cell is no longer part of the sheet. Check the sheet again.');
  const formula = ctx.sheet.readFormulas(row, 1, column)[0]?.[column - 1] ?? '';
  if (formula !== '') return refused('That cell holds a formula, so it was left alone. Change it by hand if needed.');
  const current = ctx.sheet.readValues(row, 1, column)[0]?.[column - 1] ?? '';
  if (shorten(cellToString(current)) !== expected) {
    return refused('That cell changed since the check, so the fix was not applied. Check the sheet again.');
  }
  ctx.sheet.writeColumn(row, column, [literal(fix)]);
  const update = recheckRows(ctx, row, 1, drop)?.[0];
  return update ? { ...update, message: 'Fixed.' } : { ok: true, message: 'Fixed.', row, items: [] };
}

/**
 * "Apply all safe fixes": every warning that comes with a standard form. Cells are written in
 * runs of adjacent rows per column, so the calls grow with the number of separate runs, not rows.
 */
export function applyAllSafeFixes(ctx: AddonContext): SidebarPayload {
  const read = readSheet(ctx, { validate: true });
  if (isMessage(read)) return read;
  const { block, check } = read;
  const columns = block.values[0]?.length ?? 0;
  const fixes = check.findings.filter((finding) => isSafeFix(finding) && finding.column !== undefined);
  if (fixes.length > 0) {
    const formulas = ctx.sheet.readFormulas(1, block.values.length, columns);
    const byColumn = new Map<number, Map<number, string>>();
    for (const finding of fixes) {
      const column = finding.column ?? 0;
      if ((formulas[finding.row - 1]?.[column - 1] ?? '') !== '') continue;
      const cells = byColumn.get(column) ?? new Map<number, string>();
      cells.set(finding.row, finding.fix ?? '');
      byColumn.set(column, cells);
    }
    for (const [column, cells] of byColumn) {
      for (const run of runs([...cells.keys()].sort((a, b) => a - b))) {
        ctx.sheet.writeColumn(run[0] ?? 0, column, run.map((row) => literal(cells.get(row) ?? '')));
      }
    }
  }
  return checkSheet(ctx);
}

function runs(rows: readonly number[]): number[][] {
  const result: number[][] = [];
  for (const row of rows) {
    const last = result[result.length - 1];
    if (last && last[last.length - 1] === row - 1) last.push(row);
    else result.push([row]);
  }
  return result;
}
