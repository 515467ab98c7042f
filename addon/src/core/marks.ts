/**
 * Plans the backgrounds and notes to write for a block so that only our marks change: the
 * member's colours and notes are carried over cell by cell, and clearing gives them back exactly.
 */
import type { Block } from '../sheet/sheet-like';
import { composeNote, NOTE_HEADING, parseNote, type MarkKind, type NoteLine, type ParsedNote } from './note-text';

export type { MarkKind } from './note-text';

export interface CellMark {
  /** Sheet row (1-based). */
  readonly row: number;
  /** Sheet column (1-based). */
  readonly column: number;
  readonly kind: MarkKind;
  readonly text: string;
}

export const MARK_COLOURS: { readonly [K in MarkKind]: string } = {
  error: '#f4cccc',
  duplicate: '#d9d2e9',
  warning: '#fff2cc',
  commons: '#cfe2f3',
};

/** Most serious first: a cell with several marks takes the colour of the first kind it has. */
const PRECEDENCE: readonly MarkKind[] = ['error', 'duplicate', 'warning', 'commons'];
export const ALL_KINDS: readonly MarkKind[] = PRECEDENCE;

const DEFAULT_BACKGROUNDS = new Set(['', '#ffffff', 'white']);

export interface MarkPlan {
  readonly backgrounds: (string | null)[][];
  readonly notes: (string | null)[][];
  /** False when writing would change nothing, so the caller can skip the round trips. */
  readonly changed: boolean;
  readonly marked: number;
}

/** One cell whose marks of one kind go too, e.g. the commons mark once its value is taken. */
export interface CellKind {
  readonly row: number;
  readonly column: number;
  readonly kind: MarkKind;
}

/**
 * Replaces every mark of `replace` kinds in the block with `marks` (which must fall inside the
 * block); marks of other kinds stay. Passing no marks and every kind clears the block.
 */
export function planMarks(block: Block, marks: readonly CellMark[], replace: readonly MarkKind[], drop?: CellKind): MarkPlan {
  // Indexed by block row, then column: a 300k-cell sheet is walked once without building keys.
  const byCell: (NoteLine[] | undefined)[][] = [];
  for (const mark of marks) {
    const r = mark.row - block.firstRow;
    const c = mark.column - 1;
    if (r < 0 || c < 0) continue;
    const row = (byCell[r] ??= []);
    const lines = (row[c] ??= []);
    if (!lines.some((line) => line.kind === mark.kind && line.text === mark.text)) lines.push({ kind: mark.kind, text: mark.text });
  }
  const replaced = new Set(replace);
  let changed = false;
  let marked = 0;
  const backgrounds: (string | null)[][] = [];
  const notes: (string | null)[][] = [];
  block.values.forEach((row, r) => {
    const bgRow: (string | null)[] = new Array<string | null>(row.length);
    const noteRow: (string | null)[] = new Array<string | null>(row.length);
    const freshRow = byCell[r];
    const noteLine = block.notes[r];
    const backgroundLine = block.backgrounds[r];
    for (let c = 0; c < row.length; c++) {
      const note = noteLine?.[c] ?? '';
      const background = backgroundLine?.[c] ?? '#ffffff';
      const fresh = freshRow?.[c];
      const dropHere = drop !== undefined && drop.row === block.firstRow + r && drop.column === c + 1;
      if (fresh === undefined && !note.includes(NOTE_HEADING)) {
        // Untouched cell: write back exactly what was read.
        bgRow[c] = DEFAULT_BACKGROUNDS.has(background) ? null : background;
        noteRow[c] = note === '' ? null : note;
        continue;
      }
      const parsed = parseNote(note);
      const ours = parsed.lines.length > 0 && isMarkColour(background);
      const memberColour = ours ? parsed.colourBefore : DEFAULT_BACKGROUNDS.has(background) ? undefined : background;
      const kept = parsed.lines.filter((line) => !replaced.has(line.kind) && !(dropHere && line.kind === drop.kind));
      const lines = [...kept, ...(fresh ?? [])];
      const next: ParsedNote = lines.length > 0 && memberColour !== undefined
        ? { member: parsed.member, lines, colourBefore: memberColour }
        : { member: parsed.member, lines };
      const nextNote = composeNote(next);
      const nextBackground = lines.length > 0 ? colourFor(lines) : (memberColour ?? null);
      if (lines.length > 0) marked++;
      if (nextNote !== note || (nextBackground ?? '#ffffff') !== background) changed = true;
      bgRow[c] = nextBackground;
      noteRow[c] = nextNote === '' ? null : nextNote;
    }
    backgrounds.push(bgRow);
    notes.push(noteRow);
  });
  return { backgrounds, notes, changed, marked };
}

function colourFor(lines: readonly NoteLine[]): string {
  const kind = PRECEDENCE.find((candidate) => lines.some((line) => line.kind === candidate)) ?? 'commons';
  return MARK_COLOURS[kind];
}

const OUR_COLOURS = new Set(PRECEDENCE.map((kind) => MARK_COLOURS[kind]));

function isMarkColour(background: string): boolean {
  return OUR_COLOURS.has(background.toLowerCase());
}
