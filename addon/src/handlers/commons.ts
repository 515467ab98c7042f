/**
 * Compare with the commons: reads the published master CSV (through the cache), asks the dedup
 * engine which sheet rows are already listed there, and marks the fields where the commons holds
 * a different value. Nothing in the sheet changes until the member presses "Use this value".
 */
import { errorText } from '../core/error-text';
import { cellToString } from '../../../shared/read/cells';
import { CsvError, parseCsv } from '../../../shared/read/csv';
import { FIELDS, type Record } from '../../../shared/schema';
import { a1 } from '../core/cell-text';
import { readCached, writeCached } from '../core/commons-cache';
import { readDecisions } from '../core/decisions-store';
import { likelyDuplicates } from '../core/duplicates';
import { locateHeader } from '../core/header';
import type { CellMark } from '../core/marks';
import { MAX_SIDEBAR_ROWS, message, shorten, type CommonsRow, type RowUpdate, type SidebarPayload } from '../core/payload';
import { checkRows } from '../core/sheet-check';
import { registerTab } from '../core/tabs';
import { likelyPercent } from '../core/numbers';
import { isAllowedUrl } from '../core/allowlist';
import { skippedText, writeMarks } from './write-marks';
import { applyFix, plural } from './check';
import type { AddonContext } from './context';
import { isMessage, readSheet } from './sheet-read';

export const COMMONS_SOURCE = 'commons';

export function compareWithCommons(ctx: AddonContext): SidebarPayload {
  const read = readSheet(ctx, { validate: true });
  if (isMessage(read)) return read;
  const { block, check, settings } = read;
  if (settings.commonsUrl === '') {
    return message('Set the address of the commons CSV first: Extensions → Data Commons → Settings.');
  }
  registerTab(ctx.props, ctx.sheet.id());
  if (!isAllowedUrl(settings.commonsUrl)) {
    return message('The commons address in Settings is not one the add-on may read. Open Settings to see which addresses are allowed.');
  }
  const loaded = loadCommons(ctx, settings.commonsUrl);
  if ('error' in loaded) return message(loaded.error);
  let rows: string[][];
  try {
    rows = parseCsv(loaded.text);
  } catch (error) {
    const detail = error instanceof CsvError ? error.message : 'it could not be read';
    return message(`The commons file could not be read: ${detail}.`);
  }
  const header = locateHeader(rows, {});
  if (!header) return message('The commons file has no header row naming template fields, so it cannot be compared.');
  const commons = checkRows(rows, header.row, { ...settings, overrides: {} }, COMMONS_SOURCE);
  const byId = new Map<string, Record>([...check.records, ...commons.records].map((record) => [record.id, record]));

  const best = new Map<number, { sheet: Record; listed: Record; probability: number }>();
  for (const pair of likelyDuplicates([...check.records, ...commons.records], readDecisions(ctx.props))) {
    const a = byId.get(pair.a);
    const b = byId.get(pair.b);
    if (!a || !b || a.source === b.source) continue;
    const [sheet, listed] = a.source === COMMONS_SOURCE ? [b, a] : [a, b];
    const earlier = best.get(sheet.row);
    if (!earlier || earlier.probability < pair.probability) best.set(sheet.row, { sheet, listed, probability: pair.probability });
  }

  const nameColumn = check.columns.get('name') ?? 1;
  const marks: CellMark[] = [];
  const listedRows: CommonsRow[] = [];
  for (const { sheet, listed, probability } of [...best.values()].sort((x, y) => x.sheet.row - y.sheet.row)) {
    const commonsName = listed.values.name ?? '';
    const commonsSource = listed.extra.sources ?? listed.extra.source ?? 'the commons';
    marks.push({ row: sheet.row, column: nameColumn, kind: 'commons',
      text: `Listed in the commons as "${commonsName}" from source ${commonsSource}.` });
    const differences = FIELDS.flatMap((def) => {
      const column = check.columns.get(def.key);
      const mine = sheet.values[def.key] ?? '';
      const theirs = listed.values[def.key] ?? '';
      if (column === undefined || def.visibility === 'private' || def.key === 'source_id' || mine === '' || theirs === '' || mine === theirs) return [];
      return [{ column, cell: a1(sheet.row, column), field: def.key, label: def.label,
        value: shorten(cellToString(block.values[sheet.row - 1]?.[column - 1] ?? '')), commonsValue: theirs }];
    });
    for (const difference of differences) {
      marks.push({ row: sheet.row, column: difference.column, kind: 'commons',
        text: `The commons has "${shorten(difference.commonsValue)}" here.` });
    }
    listedRows.push({ row: sheet.row, name: shorten(sheet.values.name ?? ''), commonsName: shorten(commonsName),
      commonsSource, percent: likelyPercent(probability, false), differences });
  }
  const outcome = writeMarks(ctx, block, marks, ['commons']);
  return {
    view: 'commons',
    sheetId: ctx.sheet.id(),
    tab: ctx.sheet.name(),
    notice: skippedText(outcome.skipped).trim(),
    summary: listedRows.length === 0
      ? `None of these ${plural(check.records.length, 'row')} is listed in the commons yet.`
      : `${plural(listedRows.length, 'row')} already listed in the commons.`,
    rows: listedRows.slice(0, MAX_SIDEBAR_ROWS),
    hiddenRows: Math.max(0, listedRows.length - MAX_SIDEBAR_ROWS),
  };
}

/** "Use this value": the commons value replaces the cell, with the same care as any fix. */
export function useCommonsValue(ctx: AddonContext, row: number, column: number, expected: string, value: string): RowUpdate {
  return applyFix(ctx, row, column, expected, value, { row, column, kind: 'commons' });
}

function loadCommons(ctx: AddonContext, url: string): { text: string } | { error: string } {
  const cached = ctx.cache ? readCached(ctx.cache, url) : undefined;
  if (cached !== undefined) return { text: cached };
  if (!ctx.fetch) return { error: 'The commons cannot be fetched from here.' };
  let response;
  try {
    response = ctx.fetch(url);
  } catch (error) {
    return { error: `The commons address could not be reached (${errorText(error)}). Check the address in Settings.` };
  }
  if (response.status < 200 || response.status >= 300) {
    return { error: `The commons address answered with an error (HTTP ${response.status}). Check the address in Settings.` };
  }
  if (ctx.cache) writeCached(ctx.cache, url, response.text);
  return { text: response.text };
}
