/** Clear marks: every note line and colour the add-on added goes; the member's own come back. */
import { ALL_KINDS, planMarks } from '../core/marks';
import { NOTE_HEADING } from '../core/note-text';
import { plural } from './check';
import { isEmptyBlock } from './sheet-read';
import type { AddonContext } from './context';

export function clearMarks(ctx: AddonContext): string {
  const block = ctx.sheet.readAll();
  if (isEmptyBlock(block) && !block.notes.some((row) => row.some((note) => note.includes(NOTE_HEADING)))) {
    return 'There are no marks to clear.';
  }
  const cells = block.notes.reduce((sum, row) => sum + row.filter((note) => note.includes(NOTE_HEADING)).length, 0);
  if (cells === 0) return 'There are no marks to clear.';
  const plan = planMarks(block, [], ALL_KINDS);
  if (plan.changed) ctx.sheet.writeMarks(block.firstRow, plan.backgrounds, plan.notes);
  return `Removed the marks from ${plural(cells, 'cell')}. Your own colours and notes are as they were.`;
}
