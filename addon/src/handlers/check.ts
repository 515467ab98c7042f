/**
 * Check this sheet, the live check of edited rows, and the fixes the sidebar applies. A constant
 * number of calls per run, whatever the number of rows; values change only through a fix.
 */
import { cellToString } from '../../../shared/read/cells';
import { fieldByKey, type Finding } from '../../../shared/schema';
import { literal } from '../core/cell-text';
import { findingItem, findingMarks, groupByRow, isSafeFix, type Placement } from '../core/findings-view';
import { HEADER_SCAN_ROWS, locateHeader } from '../core/header';
import type { CellKind } from '../core/marks';
import { count, plural } from '../core/numbers';
import { MAX_SIDEBAR_ROWS, shorten, type CheckPayload, type EmptyColumn, type RowUpdate, type SidebarPayload } from '../core/payload';
import { coverAvoiding, boundingBox, isBlocked } from '../core/rectangles';
import { readSettings } from '../core/settings';
import { checkRows, sparseRows } from '../core/sheet-check';
import { registerTab } from '../core/tabs';
import type { Block, CellValue } from '../sheet/sheet-like';
import { isDate } from '../sheet/zoned-dates';
import type { AddonContext } from './context';
import { isMessage, readSheet, sourceOf, type ReadSheet } from './sheet-read';
import { skippedText, writeMarks } from './write-marks';

export { plural } from '../core/numbers';

const CHECK_KINDS = ['error', 'warning'] as const;
/** Pasting more rows than this at once is left to "Check this sheet": simple triggers stop after 30 s. */
export const LIVE_CHECK_MAX_ROWS = 500;

/**
 * An empty recommended field is worth a line per column, not a yellow cell per row: on a 5,000-row
 * sheet those marks would bury the errors.
 */
export function isEmptyRecommended(finding: Finding): boolean {
  return finding.row > 0 && finding.severity === 'warning' && finding.code === `${finding.field}_missing`
    && fieldByKey(finding.field)?.requirement === 'recommended';
}

export function checkSheet(ctx: AddonContext, notice = ''): SidebarPayload {
  const read = readSheet(ctx, { validate: true, progress: 'Checking' });
  if (isMessage(read)) return read;
  return checkRead(ctx, read, notice);
}

function checkRead(ctx: AddonContext, read: ReadSheet, notice: string): CheckPayload {
  const { block, check } = read;
  registerTab(ctx.props, ctx.sheet.id());
  const place: Placement = { headerRow: read.headerRow, columns: check.columns };
  const marked = check.findings.filter((finding) => !isEmptyRecommended(finding));
  const outcome = writeMarks(ctx, block, findingMarks(marked, place), CHECK_KINDS);
  return checkPayload(ctx, check.findings, place, block, check.records.length, `${notice}${skippedText(outcome.skipped)}`.trim());
}

function checkPayload(ctx: AddonContext, findings: readonly Finding[], place: Placement, block: Block, rowCount: number, notice: string): CheckPayload {
  const valueAt = (row: number, column: number): CellValue | undefined => block.values[row - block.firstRow]?.[column - 1];
  const sheetItems = findings.filter((finding) => finding.row === 0).map((finding) => findingItem(finding, place, valueAt));
  const empty = new Map<string, number>();
  // Items are built only for the rows the sidebar shows; the rest are explained by their notes.
  const rowFindings = new Map<number, Finding[]>();
  const errorRows = new Set<number>();
  for (const finding of findings) {
    if (finding.row <= 0) continue;
    if (isEmptyRecommended(finding)) {
      const label = fieldByKey(finding.field)?.label ?? finding.field;
      empty.set(label, (empty.get(label) ?? 0) + 1);
      continue;
    }
    if (finding.severity === 'error') errorRows.add(finding.row);
    const list = rowFindings.get(finding.row);
    if (list) list.push(finding);
    else rowFindings.set(finding.row, [finding]);
  }
  // Rows with problems to fix come first, then rows with suggestions, each in sheet order.
  const order = [...rowFindings.keys()].sort((a, b) => Number(errorRows.has(b)) - Number(errorRows.has(a)) || a - b);
  const shown = order.slice(0, MAX_SIDEBAR_ROWS);
  const grouped = groupByRow(shown.flatMap((row) => (rowFindings.get(row) ?? []).map((finding) => findingItem(finding, place, valueAt))));
  const rank = new Map(shown.map((row, index) => [row, index]));
  const rows = grouped.sort((a, b) => (rank.get(a.row) ?? 0) - (rank.get(b.row) ?? 0));
  const listed = [...rowFindings.values()].flat();
  const errors = listed.filter((finding) => finding.severity === 'error').length + findings.filter((f) => f.row === 0 && f.severity === 'error').length;
  const warnings = listed.length - listed.filter((finding) => finding.severity === 'error').length;
  const emptyColumns: EmptyColumn[] = [...empty].map(([label, rowsEmpty]) => ({ label, rows: rowsEmpty,
    text: `"${label}" is empty in ${plural(rowsEmpty, 'row')}. It is not required, but it helps people find a listing.` }));
  const summary = errors === 0 && warnings === 0
    ? `All ${plural(rowCount, 'row')} look${rowCount === 1 ? 's' : ''} good.`
    : `${plural(rowCount, 'row')} checked: ${plural(errors, 'problem')} to fix${errors > 0 ? ` (in ${plural(errorRows.size, 'row')})` : ''}, ` +
      `then ${plural(warnings, 'suggestion')}.`;
  return {
    view: 'check',
    sheetId: ctx.sheet.id(),
    tab: ctx.sheet.name(),
    summary,
    notice,
    sheetItems,
    rows,
    hiddenRows: rowFindings.size - shown.length,
    emptyColumns,
    safeFixes: findings.filter((finding) => isSafeFix(finding) && finding.column !== undefined).length,
  };
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
  const rowCount = Math.min(numRows, lastRow - firstRow + 1);
  if (rowCount <= 0) return [];
  const block = ctx.sheet.readRows(firstRow, rowCount, lastColumn);
  const check = checkRows(sparseRows(top[header.row - 1] ?? [], header.row, firstRow, block.values), header.row, settings, sourceOf(ctx));
  // Sheet-level findings (row 0) belong to a full check, not to a few edited rows.
  const findings = check.findings.filter((finding) => finding.row >= firstRow);
  const place: Placement = { headerRow: header.row, columns: check.columns };
  writeMarks(ctx, block, findingMarks(findings.filter((finding) => !isEmptyRecommended(finding)), place), CHECK_KINDS, drop);
  const valueAt = (row: number, column: number): CellValue | undefined => block.values[row - firstRow]?.[column - 1];
  const items = findings.filter((finding) => !isEmptyRecommended(finding)).map((finding) => findingItem(finding, place, valueAt));
  return Array.from({ length: rowCount }, (_, index) => firstRow + index).map((row) => {
    const rowItems = items.filter((item) => item.row === row);
    return { ok: true, message: rowItems.length === 0 ? `Row ${row} looks good.` : '', row, items: rowItems };
  });
}

/** "Apply fix": writes the fix only if the cell still holds what the member saw, and never over a formula. */
export function applyFix(ctx: AddonContext, row: number, column: number, expected: string, fix: string, drop?: CellKind): RowUpdate {
  const refused = (text: string): RowUpdate => ({ ok: false, message: text, row, items: [] });
  if (!Number.isInteger(row) || !Number.isInteger(column) || row < 1 || column < 1) return refused('That cell does not exist.');
  if (typeof fix !== 'string' || typeof expected !== 'string') return refused('That fix could not be read. Check the sheet again.');
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

interface PlannedFix {
  readonly row: number;
  readonly column: number;
  readonly fix: string;
  /** The cell's text when validated. */
  readonly seen: string;
}

/**
 * "Apply all safe fixes": every warning that comes with a standard form, after the member
 * confirmed how many cells will change. One read of the block the fixes span (values and
 * formulas as stored, just before writing), one write of it (cut around protected areas), then
 * a fresh check. Cells between the fixes are written back exactly as read: text stays text
 * (apostrophe-prefixed so Sheets does not turn "02134" into a number), formulas stay formulas.
 */
export function applyAllSafeFixes(ctx: AddonContext, confirmed: unknown): SidebarPayload {
  const read = readSheet(ctx, { validate: true, progress: 'Checking' });
  if (isMessage(read)) return read;
  const { block, check } = read;
  const fixes: PlannedFix[] = check.findings.filter((finding) => isSafeFix(finding) && finding.column !== undefined).map((finding) => ({
    row: finding.row, column: finding.column ?? 0, fix: finding.fix ?? '',
    seen: cellToString(block.values[finding.row - block.firstRow]?.[(finding.column ?? 0) - 1] ?? ''),
  }));
  if (fixes.length === 0) return checkRead(ctx, read, 'There are no safe fixes to apply.');
  if (confirmed !== fixes.length) {
    return checkRead(ctx, read, `The sheet changed since it was checked: ${plural(fixes.length, 'cell')} would change now. ` +
      'Nothing was changed; press "Apply all safe fixes" again to confirm.');
  }
  const blocked = ctx.sheet.blockedAreas();
  const editable = fixes.filter((fix) => !isBlocked(blocked, fix.row, fix.column));
  const box = boundingBox(editable);
  let applied = 0;
  let moved = 0;
  if (box) {
    const raw = ctx.sheet.readRaw(box);
    const grid: CellValue[][] = raw.values.map((line, r) => line.map((value, c) => {
      const formula = raw.formulas[r]?.[c] ?? '';
      if (formula !== '') return formula;
      return typeof value === 'string' && value !== '' ? `'${value}` : value;
    }));
    const written: { row: number; column: number }[] = [];
    for (const fix of editable) {
      const r = fix.row - box.row;
      const c = fix.column - box.column;
      const now = raw.values[r]?.[c];
      // A collaborator changed the cell (or it is a formula or a date) since it was validated: leave it.
      if ((raw.formulas[r]?.[c] ?? '') !== '' || isDate(now) || cellToString(now ?? '') !== fix.seen) {
        moved++;
        continue;
      }
      const line = grid[r];
      if (line) line[c] = literal(fix.fix);
      written.push({ row: fix.row, column: fix.column });
    }
    for (const rect of coverAvoiding(written, blocked)) {
      const slice = grid.slice(rect.row - box.row, rect.row - box.row + rect.numRows)
        .map((line) => line.slice(rect.column - box.column, rect.column - box.column + rect.numColumns));
      ctx.sheet.writeValuesAt(rect.row, rect.column, slice);
    }
    applied = written.length;
  }
  const skipped = fixes.length - editable.length;
  const parts = [`Applied ${plural(applied, 'safe fix', 'safe fixes')}.`];
  if (moved > 0) parts.push(`${count(moved)} ${moved === 1 ? 'cell was' : 'cells were'} changed by someone meanwhile and left alone.`);
  if (skipped > 0) parts.push(`${count(skipped)} protected ${skipped === 1 ? 'cell was' : 'cells were'} left alone.`);
  return checkSheet(ctx, parts.join(' '));
}
