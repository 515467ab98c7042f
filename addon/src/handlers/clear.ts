/** Clear marks: every note line and colour the add-on added goes; the member's own come back. */
import { ALL_KINDS } from '../core/marks';
import { NOTE_HEADING } from '../core/note-text';
import { plural } from '../core/numbers';
import type { AddonContext } from './context';
import { skippedText, writeMarks } from './write-marks';

export function clearMarks(ctx: AddonContext): string {
  const block = ctx.sheet.readAll();
  const cells = block.notes.reduce((sum, row) => sum + row.filter((note) => note.includes(NOTE_HEADING)).length, 0);
  if (cells === 0) return 'There are no marks to clear.';
  const outcome = writeMarks(ctx, block, [], ALL_KINDS);
  return `Removed the marks from ${plural(outcome.changed, 'cell')}. Your own colours and notes are as they were.${skippedText(outcome.skipped)}`;
}
