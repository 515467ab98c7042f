/**
 * Set up this sheet: the template header, explained and protected, with dropdowns. Existing
 * columns are recognized by their aliases and kept where they are; only missing ones are added at
 * the end, and no data cell is ever written.
 */
import { cellToString } from '../../../shared/read/cells';
import { US_STATES } from '../../../shared/normalize/state';
import { fieldByKey, FIELDS, STATUS_VALUES, VOCABULARIES, type FieldKey } from '../../../shared/schema';
import { HEADER_SCAN_ROWS, locateHeader } from '../core/header';
import { readSettings } from '../core/settings';
import type { Dropdown } from '../sheet/sheet-like';
import { plural } from '../core/numbers';
import { registerTab } from '../core/tabs';
import type { AddonContext } from './context';

export const HEADER_PROTECTION = 'Data Commons header row: changing a header changes how the column is read.';

export function setUpSheet(ctx: AddonContext): string {
  const settings = readSettings(ctx.props);
  const lastRow = ctx.sheet.lastRow();
  const lastColumn = ctx.sheet.lastColumn();
  let headerRow = 1;
  let mapped = new Map<FieldKey, number>();
  let headerNotes: string[] = [];
  if (lastRow > 0 && lastColumn > 0) {
    const top = ctx.sheet.readValues(1, Math.min(HEADER_SCAN_ROWS, lastRow), lastColumn);
    const header = locateHeader(top, settings.overrides);
    if (!header) {
      return 'This sheet already has data, but I could not recognize a header row naming its columns, so nothing was ' +
        'changed. Add a header row above your data (for example "Organization name", "City", "Phone"), or run ' +
        'Set up this sheet on a new, empty sheet.';
    }
    if (ctx.sheet.hasMergedCells(header.row, lastColumn)) {
      return `The header row (row ${header.row}) has merged cells. Unmerge them (Format → Merge cells → Unmerge) ` +
        'and run Set up this sheet again. Nothing was changed.';
    }
    headerRow = header.row;
    mapped = new Map([...header.mapping.byField].map(([field, index]) => [field, index + 1]));
    headerNotes = ctx.sheet.readRows(headerRow, 1, lastColumn).notes[0] ?? [];
    // Explain the existing columns too, but never replace a note the member wrote.
    const notes = Array.from({ length: lastColumn }, (_, index) => headerNotes[index] ?? '');
    let explained = false;
    for (const [field, column] of mapped) {
      if (notes[column - 1] === '') {
        notes[column - 1] = FIELDS.find((def) => def.key === field)?.help ?? '';
        explained = true;
      }
    }
    if (explained) ctx.sheet.writeRowNotes(headerRow, notes);
  }
  const firstNew = lastRow > 0 ? lastColumn + 1 : 1;
  const missing = FIELDS.filter((def) => !mapped.has(def.key));
  if (missing.length > 0) ctx.sheet.ensureColumns(firstNew + missing.length - 1);
  ctx.sheet.writeHeader(headerRow, firstNew, missing.map((def) => def.label), missing.map((def) => def.help));
  missing.forEach((def, index) => mapped.set(def.key, firstNew + index));

  registerTab(ctx.props, ctx.sheet.id());
  ctx.sheet.freezeRows(headerRow);
  ctx.sheet.protectRowWithWarning(headerRow, HEADER_PROTECTION);
  const dropdowns = dropdownsFor(mapped, headerRow + 1, settings.country);
  ctx.sheet.setDropdowns(dropdowns, ctx.sheet.maxRows());

  const added = missing.length === 0
    ? 'All template columns were already there.'
    : `Added ${plural(missing.length, 'column')} at the end: ${missing.map((def) => def.label).join(', ')}.`;
  return `${added} The header (row ${headerRow}) is frozen, explained in its notes and protected with a warning; ` +
    `dropdowns offer the allowed values for ${plural(dropdowns.filter((d) => d.values.length > 0).length, 'column')}. None of your data was changed.`;
}

function dropdownsFor(columns: ReadonlyMap<FieldKey, number>, firstRow: number, country: string): Dropdown[] {
  const lists: [FieldKey, readonly string[]][] = [
    ['org_type', VOCABULARIES.org_type.terms.map((term) => term.label)],
    ['sector', VOCABULARIES.sector.terms.map((term) => term.label)],
    ['legal_structure', VOCABULARIES.legal_structure.terms.map((term) => term.label)],
    ['status', STATUS_VALUES],
  ];
  if (country === 'US') lists.push(['state', Object.keys(US_STATES)]);
  return lists.flatMap(([field, values]) => {
    const column = columns.get(field);
    // A dropdown holds one value: on a field that takes "a; b" it would call every list invalid.
    // Those fields are checked by the add-on's own rules instead (shared/validate).
    // An empty list removes a dropdown an earlier version of the add-on put there.
    if (column === undefined) return [];
    return [{ column, firstRow, values: fieldByKey(field)?.multiple ? [] : values }];
  });
}

/** Header texts of the sheet, for the settings' column overrides. */
export function headerTexts(ctx: AddonContext): string[] {
  const lastRow = ctx.sheet.lastRow();
  const lastColumn = ctx.sheet.lastColumn();
  if (lastRow === 0 || lastColumn === 0) return [];
  const top = ctx.sheet.readValues(1, Math.min(HEADER_SCAN_ROWS, lastRow), lastColumn);
  const header = locateHeader(top, readSettings(ctx.props).overrides);
  const row = top[(header?.row ?? 1) - 1] ?? [];
  return row.map(cellToString).map((text) => text.trim()).filter((text) => text !== '');
}
