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
  /** Same shape as the block: what every cell should hold (unchanged cells as read). */
  readonly backgrounds: (string | null)[][];
  readonly notes: (string | null)[][];
  /** False when writing would change nothing, so the caller can skip the round trips. */
  readonly changed: boolean;
  readonly marked: number;
  /** Sheet coordinates of the cells whose colour or note would change. */
  readonly cells: readonly { readonly row: number; readonly column: number }[];
}

/** One cell whose marks of one kind go too, e.g. the commons mark once its value is taken. */
export interface CellKind {
  readonly row: number;
  readonly column: number;
  readonly kind: MarkKind;
}

/** Colours and notes of a rectangle; `firstColumn` defaults to 1 (column A). */
export interface MarkBlock {
  readonly firstRow: number;
  readonly firstColumn?: number;
  readonly rows: number;
  readonly columns: number;
  readonly backgrounds: readonly (readonly string[])[];
  readonly notes: readonly (readonly string[])[];
}

export function markBlock(block: Block): MarkBlock {
  return { firstRow: block.firstRow, rows: block.values.length, columns: block.values[0]?.length ?? 0,
    backgrounds: block.backgrounds, notes: block.notes };
}

/**
 * Replaces every mark of `replace` kinds in the block with `marks` (marks outside the block are
 * ignored); marks of other kinds stay. Passing no marks and every kind clears the block.
 */
export function planMarks(input: Block | MarkBlock, marks: readonly CellMark[], replace: readonly MarkKind[], drop?: CellKind): MarkPlan {
  const block = 'values' in input ? markBlock(input) : input;
  const firstColumn = block.firstColumn ?? 1;
  // Indexed by block row, then column: a 300k-cell sheet is walked once without building keys.
  const byCell: (NoteLine[] | undefined)[][] = [];
  for (const mark of marks) {
    const r = mark.row - block.firstRow;
    const c = mark.column - firstColumn;
    if (r < 0 || c < 0 || r >= block.rows || c >= block.columns) continue;
    const row = (byCell[r] ??= []);
    const lines = (row[c] ??= []);
    if (!lines.some((line) => line.kind === mark.kind && line.text === mark.text)) lines.push({ kind: mark.kind, text: mark.text });
  }
  const replaced = new Set(replace);
  let marked = 0;
  const cells: { row: number; column: number }[] = [];
  const backgrounds: (string | null)[][] = [];
  const notes: (string | null)[][] = [];
  for (let r = 0; r < block.rows; r++) {
    const bgRow: (string | null)[] = new Array<string | null>(block.columns);
    const noteRow: (string | null)[] = new Array<string | null>(block.columns);
    const freshRow = byCell[r];
    const noteLine = block.notes[r];
    const backgroundLine = block.backgrounds[r];
    for (let c = 0; c < block.columns; c++) {
      const note = noteLine?.[c] ?? '';
      const background = backgroundLine?.[c] ?? '#ffffff';
      const fresh = freshRow?.[c];
      const dropHere = drop !== undefined && drop.row === block.firstRow + r && drop.column === c + firstColumn;
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
      const base: ParsedNote = parsed.trailing === undefined ? { member: parsed.member, lines } : { member: parsed.member, lines, trailing: parsed.trailing };
      const next: ParsedNote = lines.length > 0 && memberColour !== undefined ? { ...base, colourBefore: memberColour } : base;
      const nextNote = composeNote(next);
      const nextBackground = lines.length > 0 ? colourFor(lines) : (memberColour ?? null);
      if (lines.length > 0) marked++;
      if (nextNote !== note || (nextBackground ?? '#ffffff') !== background) cells.push({ row: block.firstRow + r, column: firstColumn + c });
      bgRow[c] = nextBackground;
      noteRow[c] = nextNote === '' ? null : nextNote;
    }
    backgrounds.push(bgRow);
    notes.push(noteRow);
  }
  return { backgrounds, notes, changed: cells.length > 0, marked, cells };
}

function colourFor(lines: readonly NoteLine[]): string {
  const kind = PRECEDENCE.find((candidate) => lines.some((line) => line.kind === candidate)) ?? 'commons';
  return MARK_COLOURS[kind];
}

const OUR_COLOURS = new Set(PRECEDENCE.map((kind) => MARK_COLOURS[kind]));

function isMarkColour(background: string): boolean {
  return OUR_COLOURS.has(background.toLowerCase());
}
