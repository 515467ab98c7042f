/**
 * Writes marks so that only our marks change:
 * - only the cells whose colour or note changes are covered (the smallest rectangles around
 *   them, cut around protected areas), never the whole data range;
 * - those rectangles' colours and notes are read again just before writing and the plan is made
 *   on what they hold then, so a collaborator's colour or note added while we validated is kept;
 * - cells the member may not edit are skipped and counted, instead of failing the whole run.
 */
import { planMarks, type CellKind, type CellMark, type MarkKind } from '../core/marks';
import { coverAvoiding, boundingBox, isBlocked, type Box } from '../core/rectangles';
import type { Block } from '../sheet/sheet-like';
import type { AddonContext } from './context';

export interface MarkOutcome {
  /** Cells whose colour or note changed. */
  readonly changed: number;
  /** Cells that should have changed but are protected from the member. */
  readonly skipped: number;
}

export function writeMarks(ctx: AddonContext, block: Block, marks: readonly CellMark[], replace: readonly MarkKind[], drop?: CellKind): MarkOutcome {
  const first = planMarks(block, marks, replace, drop);
  if (first.cells.length === 0) return { changed: 0, skipped: 0 };
  const blocked = ctx.sheet.blockedAreas();
  const editable = first.cells.filter((cell) => !isBlocked(blocked, cell.row, cell.column));
  const skipped = first.cells.length - editable.length;
  const box = boundingBox(editable);
  if (!box) return { changed: 0, skipped };
  const fresh = ctx.sheet.readMarks(box);
  const plan = planMarks({ firstRow: box.row, firstColumn: box.column, rows: box.numRows, columns: box.numColumns, ...fresh }, marks, replace, drop);
  const cells = plan.cells.filter((cell) => !isBlocked(blocked, cell.row, cell.column));
  for (const rect of coverAvoiding(cells, blocked)) {
    const slice = <T>(grid: readonly (readonly T[])[]): T[][] => grid.slice(rect.row - box.row, rect.row - box.row + rect.numRows)
      .map((line) => line.slice(rect.column - box.column, rect.column - box.column + rect.numColumns));
    ctx.sheet.writeMarksAt(rect.row, rect.column, slice(plan.backgrounds), slice(plan.notes));
  }
  return { changed: cells.length, skipped };
}

export function skippedText(skipped: number): string {
  if (skipped === 0) return '';
  return ` ${skipped.toLocaleString('en-US')} ${skipped === 1 ? 'cell was' : 'cells were'} left unmarked because ` +
    `${skipped === 1 ? 'it is' : 'they are'} protected (Data → Protect sheets and ranges); ask the sheet's owner if they should be marked.`;
}

export type { Box };
