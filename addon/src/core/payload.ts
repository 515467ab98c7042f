/**
 * What the sidebar receives. Everything is plain strings and numbers: google.script.run and the
 * HTML template cannot carry Dates, and the sidebar inserts every string as text.
 */
import type { Settings } from './settings';

export interface FindingItem {
  readonly row: number;
  readonly column?: number;
  /** A1 reference such as "C12", for the "Go to cell" button. */
  readonly cell?: string;
  readonly field: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** The cell's text when checked, shortened for display; sent back with "Apply fix" to detect edits. */
  readonly value: string;
  readonly fix?: string;
  /** True for a fix that only rewrites a value into its standard form ("Apply all safe fixes"). */
  readonly safe: boolean;
}

export interface RowGroup {
  readonly row: number;
  readonly items: readonly FindingItem[];
}

/** Which tab a sidebar belongs to: its buttons act there, whatever tab is active when clicked. */
export interface TabRef {
  readonly sheetId: number;
  readonly tab: string;
}

/** A recommended field left empty, summarized for its column instead of marked on every row. */
export interface EmptyColumn {
  readonly label: string;
  readonly rows: number;
  readonly text: string;
}

export interface CheckPayload extends TabRef {
  readonly view: 'check';
  readonly summary: string;
  /** What the last action did or why it did nothing ("" when there is nothing to say). */
  readonly notice: string;
  readonly emptyColumns: readonly EmptyColumn[];
  readonly sheetItems: readonly FindingItem[];
  readonly rows: readonly RowGroup[];
  /** Rows with findings left out of the sidebar to keep it responsive. */
  readonly hiddenRows: number;
  readonly safeFixes: number;
}

export interface DuplicateLink {
  readonly a: string;
  readonly b: string;
  readonly rowA: number;
  readonly rowB: number;
  readonly nameA: string;
  readonly nameB: string;
  /** 0–100. */
  readonly percent: number;
  readonly reasons: readonly string[];
}

export interface DuplicatesPayload extends TabRef {
  readonly view: 'duplicates';
  readonly summary: string;
  readonly notice: string;
  /** The tab has no id column yet: "Not a duplicate" will add a hidden one so answers follow rows when sorted. */
  readonly needsIds: boolean;
  readonly links: readonly DuplicateLink[];
  readonly hiddenLinks: number;
}

export interface CommonsDifference {
  readonly column: number;
  readonly cell: string;
  readonly field: string;
  readonly label: string;
  readonly value: string;
  readonly commonsValue: string;
}

export interface CommonsRow {
  readonly row: number;
  readonly name: string;
  readonly commonsName: string;
  readonly commonsSource: string;
  readonly percent: number;
  readonly differences: readonly CommonsDifference[];
}

export interface CommonsPayload extends TabRef {
  readonly view: 'commons';
  readonly summary: string;
  readonly notice: string;
  readonly rows: readonly CommonsRow[];
  readonly hiddenRows: number;
}

export interface SettingsPayload {
  readonly view: 'settings';
  readonly settings: Settings;
  readonly fields: readonly { readonly key: string; readonly label: string }[];
  /** URL prefixes the commons address must start with (the manifest's urlFetchWhitelist). */
  readonly allowedPrefixes: readonly string[];
  /** The sheet's header texts, offered for column overrides. */
  readonly headers: readonly string[];
  readonly problems: readonly string[];
  readonly saved: boolean;
}

export interface MessagePayload {
  readonly view: 'message';
  readonly message: string;
}

export type SidebarPayload = CheckPayload | DuplicatesPayload | CommonsPayload | SettingsPayload | MessagePayload;

/** Sent back to the sidebar after a single-row action. */
export interface RowUpdate {
  readonly ok: boolean;
  readonly message: string;
  readonly row: number;
  readonly items: readonly FindingItem[];
}

export const message = (text: string): MessagePayload => ({ view: 'message', message: text });

/** Sidebars slow to a crawl past a few hundred entries; the rest is in the cell notes. */
export const MAX_SIDEBAR_ROWS = 200;
export const MAX_DISPLAY_CHARS = 200;

export function shorten(text: string): string {
  return text.length <= MAX_DISPLAY_CHARS ? text : `${text.slice(0, MAX_DISPLAY_CHARS - 1)}…`;
}
