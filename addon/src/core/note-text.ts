/**
 * Our marks live in the cell note, below the member's own note, under a heading the member can
 * read. Keeping the cell's previous colour in the same note means Clear marks can restore it even
 * after rows were sorted or moved, with no separate store to fall out of step.
 */

export type MarkKind = 'error' | 'warning' | 'duplicate' | 'commons';

export interface NoteLine {
  readonly kind: MarkKind;
  readonly text: string;
}

export interface ParsedNote {
  /** The member's own note, exactly as written ("" when none). */
  readonly member: string;
  readonly lines: readonly NoteLine[];
  /** The cell's colour before we marked it, when it was not the default. */
  readonly colourBefore?: string;
  /** Lines a collaborator typed below our section: theirs, so kept through every rewrite. */
  readonly trailing?: string;
}

export const NOTE_HEADING = '── Data Commons ──';

const PREFIX: { readonly [K in MarkKind]: string } = {
  error: '✖ ',
  warning: '⚠ ',
  duplicate: '⧉ ',
  commons: 'ⓘ ',
};

const COLOUR_LINE = /^\(Cell colour before marking: (.+)\)$/;

export function parseNote(note: string): ParsedNote {
  const at = note.indexOf(NOTE_HEADING);
  if (at < 0) return { member: note, lines: [] };
  const before = note.slice(0, at);
  const member = before.endsWith('\n\n') ? before.slice(0, -2) : before.replace(/\n$/, '');
  const lines: NoteLine[] = [];
  const foreign: string[] = [];
  let colourBefore: string | undefined;
  for (const line of note.slice(at + NOTE_HEADING.length).replace(/^\n/, '').split('\n')) {
    const colour = COLOUR_LINE.exec(line);
    if (colour && foreign.length === 0) {
      colourBefore = colour[1];
      continue;
    }
    const kind = foreign.length === 0 ? (Object.keys(PREFIX) as MarkKind[]).find((key) => line.startsWith(PREFIX[key])) : undefined;
    if (kind) lines.push({ kind, text: line.slice(PREFIX[kind].length) });
    else foreign.push(line);
  }
  const trailing = foreign.join('\n').trim() === '' ? undefined : foreign.join('\n');
  const parsed: ParsedNote = colourBefore === undefined ? { member, lines } : { member, lines, colourBefore };
  return trailing === undefined ? parsed : { ...parsed, trailing };
}

/** The note to write; "" means no note at all. */
export function composeNote(parsed: ParsedNote): string {
  if (parsed.lines.length === 0) {
    if (parsed.trailing === undefined) return parsed.member;
    return parsed.member === '' ? parsed.trailing : `${parsed.member}\n${parsed.trailing}`;
  }
  const body = [NOTE_HEADING, ...parsed.lines.map((line) => PREFIX[line.kind] + oneLine(line.text))];
  if (parsed.colourBefore !== undefined) body.push(`(Cell colour before marking: ${parsed.colourBefore})`);
  if (parsed.trailing !== undefined) body.push(parsed.trailing);
  return parsed.member === '' ? body.join('\n') : `${parsed.member}\n\n${body.join('\n')}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
