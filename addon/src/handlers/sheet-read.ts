/** The start every whole-sheet handler shares: read once, find the header, validate. */
import { EMPTY_SHEET_MESSAGE, locateHeader, NO_HEADER_MESSAGE } from '../core/header';
import { message, type MessagePayload } from '../core/payload';
import { readSettings, type Settings } from '../core/settings';
import { checkRows, readRecords, type SheetCheck } from '../core/sheet-check';
import type { Block } from '../sheet/sheet-like';
import { cellToString } from '../../../shared/read/cells';
import { plural } from '../core/numbers';
import type { AddonContext } from './context';

export interface ReadSheet {
  readonly block: Block;
  readonly headerRow: number;
  readonly settings: Settings;
  readonly check: SheetCheck;
}

/** Above this many rows a run says what it is doing, as it takes a few seconds. */
export const PROGRESS_ROWS = 500;

/** Records of a tab are that tab's: ids (and so Decisions) never mix two tabs. */
export function sourceOf(ctx: AddonContext): string {
  return `tab-${ctx.sheet.id()}`;
}

/** `validate: false` gives records as read (for matching only), which is much faster on big sheets. */
export function readSheet(ctx: AddonContext, options: { validate: boolean; progress?: string }): ReadSheet | MessagePayload {
  const block = ctx.sheet.readAll();
  if (isEmptyBlock(block)) return message(EMPTY_SHEET_MESSAGE);
  const settings = readSettings(ctx.props);
  const header = locateHeader(block.values, settings.overrides);
  if (!header) return message(NO_HEADER_MESSAGE);
  const rows = block.values.length - header.row;
  if (options.progress && rows > PROGRESS_ROWS) ctx.sheet.toast(`${options.progress} ${plural(rows, 'row')}…`);
  const source = sourceOf(ctx);
  const check = options.validate ? checkRows(block.values, header.row, settings, source) : readRecords(block.values, header.row, settings, source);
  return { block, headerRow: header.row, settings, check };
}

export function isMessage(value: ReadSheet | MessagePayload): value is MessagePayload {
  return 'view' in value;
}

export function isEmptyBlock(block: Block): boolean {
  return block.values.every((row) => row.every((cell) => cellToString(cell).trim() === ''));
}
