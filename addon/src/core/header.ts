/**
 * Where the header row is. Sheets often carry a title or instructions above it; shared/read finds
 * the best candidate, and we only add the add-on's own question: does this look like a directory
 * at all? (A sheet whose best row names fewer than two template fields is not one.)
 */
import { cellToString } from '../../../shared/read/cells';
import { mapHeaders, type HeaderMapping, type HeaderOverrides } from '../../../shared/read/headers';
import { findHeaderRow } from '../../../shared/read/records';

/** How far down the sheet a header row is looked for. */
export const HEADER_SCAN_ROWS = 20;
const MIN_MAPPED_COLUMNS = 2;

export interface HeaderRow {
  /** Sheet row (1-based). */
  readonly row: number;
  readonly mapping: HeaderMapping;
}

export function locateHeader(rows: readonly (readonly unknown[])[], overrides: HeaderOverrides): HeaderRow | undefined {
  if (rows.length === 0) return undefined;
  const index = findHeaderRow(rows, overrides, HEADER_SCAN_ROWS);
  const mapping = mapHeaders((rows[index] ?? []).map(cellToString), overrides);
  return mapping.byField.size >= MIN_MAPPED_COLUMNS ? { row: index + 1, mapping } : undefined;
}

export const NO_HEADER_MESSAGE =
  'I could not find a header row in the first 20 rows of this sheet. A header row names the columns, ' +
  'such as "Organization name", "City" and "Phone". Use Extensions → Data Commons → Set up this sheet on an ' +
  'empty sheet to start from the template, or add a header row above your data.';

export const EMPTY_SHEET_MESSAGE =
  'This sheet is empty. Use Extensions → Data Commons → Set up this sheet to add the template header row.';
