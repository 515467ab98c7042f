/**
 * Find duplicates: marks probable duplicate rows on their name cell, naming the other row, the
 * probability and the reasons; "Not a duplicate" is remembered as a Decision and never asked again.
 */
import { errorText } from '../core/error-text';
import { cellToString } from '../../../shared/read/cells';
import { addDecisions, readDecisions } from '../core/decisions-store';
import { likelyDuplicates } from '../core/duplicates';
import { planMarks, type CellMark } from '../core/marks';
import { MAX_SIDEBAR_ROWS, message, shorten, type DuplicateLink, type SidebarPayload } from '../core/payload';
import { plural } from './check';
import type { AddonContext } from './context';
import { isMessage, readSheet } from './sheet-read';

export function findDuplicates(ctx: AddonContext): SidebarPayload {
  const read = readSheet(ctx, { validate: false });
  if (isMessage(read)) return read;
  const { block, check } = read;
  const rowOf = new Map(check.records.map((record) => [record.id, record.row]));
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
      percent: Math.round(pair.probability * 100), reasons: pair.reasons,
    });
  }
  const marks: CellMark[] = links.flatMap((link) => [
    { row: link.rowA, column: nameColumn, kind: 'duplicate' as const, text: duplicateText(link.rowB, link) },
    { row: link.rowB, column: nameColumn, kind: 'duplicate' as const, text: duplicateText(link.rowA, link) },
  ]);
  const plan = planMarks(block, marks, ['duplicate']);
  if (plan.changed) ctx.sheet.writeMarks(block.firstRow, plan.backgrounds, plan.notes);
  const rows = new Set(links.flatMap((link) => [link.rowA, link.rowB])).size;
  return {
    view: 'duplicates',
    summary: links.length === 0
      ? 'No probable duplicates found.'
      : `${plural(links.length, 'probable duplicate pair')} across ${plural(rows, 'row')}.`,
    links: links.slice(0, MAX_SIDEBAR_ROWS),
    hiddenLinks: Math.max(0, links.length - MAX_SIDEBAR_ROWS),
  };
}

function duplicateText(other: number, link: DuplicateLink): string {
  const reasons = link.reasons.length > 0 ? `: ${link.reasons.join('; ')}` : '';
  return `Possibly the same organization as row ${other} (${link.percent}% likely)${reasons}.`;
}

/** Remembers that two rows are different organizations, then refreshes the marks. */
export function markNotDuplicate(ctx: AddonContext, a: string, b: string): SidebarPayload {
  if (typeof a !== 'string' || typeof b !== 'string' || a === '' || b === '' || a === b) {
    return message('Those two rows could not be recorded as different. Run Find duplicates again.');
  }
  const at = (ctx.now?.() ?? new Date()).toISOString();
  try {
    addDecisions(ctx.props, [{ a, b, outcome: 'not-duplicate', by: ctx.user ?? 'a sheet editor', at }]);
  } catch (error) {
    return message(errorText(error));
  }
  return findDuplicates(ctx);
}
