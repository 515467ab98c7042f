import type { CheckPayload, SidebarPayload } from '../../addon/src/core/payload';
import type { SheetState } from './fakes/spreadsheet';

export function asCheck(payload: SidebarPayload): CheckPayload {
  if (payload.view !== 'check') throw new Error(`expected the check sidebar, got ${payload.view}: ${JSON.stringify(payload)}`);
  return payload;
}

/** Values and formulas of the sheet, to prove a run left the member's data alone. */
export function snapshot(state: SheetState): string {
  return JSON.stringify({ values: state.values, formulas: state.formulas });
}

/** Backgrounds and notes as the member sees them (an unset cell reads as white, no note). */
export function looks(state: SheetState, rows: number, columns: number): string {
  const cells: string[] = [];
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= columns; c++) cells.push(`${state.background(r, c)}|${state.note(r, c)}`);
  return cells.join('\n');
}
