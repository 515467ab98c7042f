/**
 * Find duplicates: marks probable duplicate rows on their name cell, naming the other row, the
 * probability and the reasons; "Not a duplicate" is remembered as a Decision and never asked again.
 *
 * Decisions name records, and a record's id is its tab's plus its own id ("Row id in its source"),
 * never a row number: a decision on one tab never silences a pair on another, and it survives
 * sorting. A tab without ids gets a hidden id column the first time the member decides.
 */
import { errorText } from '../core/error-text';
import { cellToString } from '../../../shared/read/cells';
import { FIELDS, type Record } from '../../../shared/schema';
import { literal } from '../core/cell-text';
import { addDecisions, readDecisions } from '../core/decisions-store';
import { likelyDuplicates } from '../core/duplicates';
import { likelyPercent, plural } from '../core/numbers';
import { MAX_SIDEBAR_ROWS, message, shorten, type DuplicateLink, type SidebarPayload } from '../core/payload';
import { isBlocked } from '../core/rectangles';
import { registerTab } from '../core/tabs';
import type { AddonContext } from './context';
import { isMessage, readSheet, sourceOf, type ReadSheet } from './sheet-read';
import { skippedText, writeMarks } from './write-marks';

export const ID_LABEL = FIELDS.find((def) => def.key === 'source_id')?.label ?? 'Row id in its source';

export function findDuplicates(ctx: AddonContext, notice = ''): SidebarPayload {
  const read = readSheet(ctx, { validate: false, progress: 'Looking for duplicates in' });
  if (isMessage(read)) return read;
  registerTab(ctx.props, ctx.sheet.id());
  const { block, check } = read;
  const rowOf = new Map(check.records.map((record) => [record.id, record.row]));
  const byId = new Map(check.records.map((record) => [record.id, record]));
  const nameColumn = check.columns.get('name') ?? 1;
  const nameAt = (row: number): string => shorten(cellToString(block.values[row - 1]?.[nameColumn - 1] ?? ''));
  const links: DuplicateLink[] = [];
  for (const pair of likelyDuplicates(check.records, readDecisions(ctx.props))) {
    const rowA = rowOf.get(pair.a);
    const rowB = rowOf.get(pair.b);
    if (rowA === undefined || rowB === undefined) continue;
    const [first, second] = rowA < rowB ? [pair.a, pair.b] : [pair.b, pair.a];
    links.push({
      a: first, b: second, rowA: Math.min(rowA, rowB), rowB: Math.max(rowA, rowB),
      nameA: nameAt(Math.min(rowA, rowB)), nameB: nameAt(Math.max(rowA, rowB)),
      percent: likelyPercent(pair.probability, identical(byId.get(pair.a), byId.get(pair.b))), reasons: pair.reasons,
    });
  }
  const marks = links.flatMap((link) => [
    { row: link.rowA, column: nameColumn, kind: 'duplicate' as const, text: duplicateText(link.rowB, link) },
    { row: link.rowB, column: nameColumn, kind: 'duplicate' as const, text: duplicateText(link.rowA, link) },
  ]);
  const outcome = writeMarks(ctx, block, marks, ['duplicate']);
  const rows = new Set(links.flatMap((link) => [link.rowA, link.rowB])).size;
  return {
    view: 'duplicates',
    sheetId: ctx.sheet.id(),
    tab: ctx.sheet.name(),
    notice: `${notice}${skippedText(outcome.skipped)}`.trim(),
    needsIds: !check.columns.has('source_id'),
    summary: links.length === 0
      ? 'No probable duplicates found.'
      : `${plural(links.length, 'probable duplicate pair')} across ${plural(rows, 'row')}.`,
    links: links.slice(0, MAX_SIDEBAR_ROWS),
    hiddenLinks: Math.max(0, links.length - MAX_SIDEBAR_ROWS),
  };
}

/** Two records that hold the same values in every field (ids aside) are the only "100% likely". */
function identical(a: Record | undefined, b: Record | undefined): boolean {
  if (!a || !b) return false;
  const keys = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
  keys.delete('source_id');
  return [...keys].every((key) => (a.values[key as keyof typeof a.values] ?? '') === (b.values[key as keyof typeof b.values] ?? ''));
}

function duplicateText(other: number, link: DuplicateLink): string {
  const reasons = link.reasons.length > 0 ? `: ${link.reasons.join('; ')}` : '';
  return `Possibly the same organization as row ${other} (${link.percent}% likely)${reasons}.`;
}

/** Remembers that two rows are different organizations, then refreshes the marks. */
export function markNotDuplicate(ctx: AddonContext, a: unknown, b: unknown): SidebarPayload {
  if (typeof a !== 'string' || typeof b !== 'string' || a === '' || b === '' || a === b) {
    return message('Those two rows could not be recorded as different. Run Find duplicates again.');
  }
  const read = readSheet(ctx, { validate: false });
  if (isMessage(read)) return read;
  const first = read.check.records.find((record) => record.id === a);
  const second = read.check.records.find((record) => record.id === b);
  if (!first || !second) return message('Those rows changed since the duplicates were found. Run Find duplicates again.');
  const ids = ensureIds(ctx, read, [first.row, second.row]);
  if ('error' in ids) return message(ids.error);
  const source = sourceOf(ctx);
  const idOf = (record: Record): string => `${source}:${ids.byRow.get(record.row) ?? record.values.source_id ?? record.row}`;
  const at = (ctx.now?.() ?? new Date()).toISOString();
  try {
    addDecisions(ctx.props, [{ a: idOf(first), b: idOf(second), outcome: 'not-duplicate', by: ctx.user ?? 'a sheet editor', at }]);
  } catch (error) {
    return message(errorText(error));
  }
  return findDuplicates(ctx, ids.added ? `Added a hidden column "${ID_LABEL}" so your answers stay with these rows when the tab is sorted.` : '');
}

/**
 * Gives every data row an id where it has none, so the decision can name records. A tab with no
 * id column gets one at the end, hidden; the ids are written in one go.
 */
function ensureIds(ctx: AddonContext, read: ReadSheet, needed: readonly number[]): { byRow: Map<number, string>; added: boolean } | { error: string } {
  const { block, check, headerRow } = read;
  const existing = check.columns.get('source_id');
  const column = existing ?? (block.values[0]?.length ?? 0) + 1;
  const byRow = new Map<number, string>();
  const taken = new Set<string>();
  for (const record of check.records) {
    const id = cellToString(block.values[record.row - 1]?.[column - 1] ?? '').trim();
    if (id !== '') {
      byRow.set(record.row, id);
      taken.add(id);
    }
  }
  if (needed.every((row) => byRow.has(row))) return { byRow, added: false };
  const lastRow = block.values.length;
  if (isBlocked(ctx.sheet.blockedAreas(), needed[0] ?? headerRow + 1, column)) {
    return { error: `Your answer was not saved: the "${ID_LABEL}" column is protected, so rows cannot be given ids. Ask the sheet's owner.` };
  }
  const stamp = (ctx.now?.() ?? new Date()).getTime().toString(36);
  const records = new Set(check.records.map((record) => record.row));
  const cells: string[] = [];
  for (let row = headerRow + 1; row <= lastRow; row++) {
    let id = byRow.get(row) ?? '';
    if (id === '' && records.has(row)) {
      let n = row;
      do id = `r${stamp}${(n++).toString(36)}`; while (taken.has(id));
      taken.add(id);
      byRow.set(row, id);
    }
    cells.push(id);
  }
  if (existing === undefined) {
    ctx.sheet.ensureColumns(column);
    ctx.sheet.writeValuesAt(headerRow, column, [[ID_LABEL], ...cells.map((id) => [literal(id)])]);
    ctx.sheet.hideColumn(column);
  } else {
    // Existing ids are written back as text with the new ones, in one write of the column.
    ctx.sheet.writeValuesAt(headerRow + 1, column, cells.map((id) => [id === '' ? '' : `'${id}`]));
  }
  return { byRow, added: existing === undefined };
}
