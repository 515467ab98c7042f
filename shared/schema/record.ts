/**
 * The nouns every part of the project shares. A `Record` is one listing as read from one
 * `Source`; a `Finding` is one problem with one cell (or row) of it.
 */
import type { FieldKey } from './fields';
import type { FindingCode } from './finding-codes';

export type FieldValues = { [K in FieldKey]?: string };

export interface Record {
  /** `${source}:${source_id}`, or `${source}:${row}` when the row has no source_id: stable across runs as long as the owner keeps ids. */
  readonly id: string;
  /** Key of the Source the record was read from. */
  readonly source: string;
  /** Row number as a member sees it in the sheet, the header being row 1. */
  readonly row: number;
  /** Values by field key, as strings (normalized once `normalizeRecord` has run). */
  values: FieldValues;
  /** Columns that map to no field, kept by their header so nothing is lost. */
  extra: { [header: string]: string };
}

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Row number as the member sees it (header = 1); 0 for sheet-level findings such as a missing column. */
  readonly row: number;
  /** Field key, or the header text for columns that map to no field. */
  readonly field: string;
  /** Column number (1-based) in the sheet, when the finding is about an existing column. */
  readonly column?: number;
  readonly severity: Severity;
  /** Stable code for programs (`phone_invalid`, `required_missing`…); messages may change, codes do not. */
  readonly code: FindingCode;
  /** Plain language for a member who has never read the template. */
  readonly message: string;
  /** The normalized value to write instead, when one exists. */
  readonly fix?: string;
}

export type SourceKind = 'google-sheet' | 'civicrm' | 'csv' | 'murmurations';

export interface Source {
  readonly key: string;
  readonly name: string;
  readonly kind: SourceKind;
  readonly location: string;
  readonly tab?: string;
  /** ISO alpha-2 default for phone and country parsing. */
  readonly country?: string;
  /** Header → field key overrides. */
  readonly columnMap?: { readonly [header: string]: string };
}

export const STATUS_VALUES = ['active', 'inactive', 'closed'] as const;
export type Status = (typeof STATUS_VALUES)[number];

export type DecisionOutcome = 'merge' | 'not-duplicate';

/**
 * A person's verdict on a pair of records, by Record id. It overrides the engine's score and
 * is never asked again; `merge` is a must-link, `not-duplicate` a cannot-link.
 */
export interface Decision {
  readonly a: string;
  readonly b: string;
  readonly outcome: DecisionOutcome;
  /** Who decided: a Slack user id, an email, or a name. */
  readonly by: string;
  /** ISO 8601 time of the decision. */
  readonly at: string;
  readonly note?: string;
}
