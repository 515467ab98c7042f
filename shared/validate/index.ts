/**
 * Validation: rows in, Findings out. Pure — the add-on, the bot and the CLI all call it.
 *
 *   validateRows(rows, { source, country })  a whole sheet, header row included
 *   validateRecord(record, { country })      one row already read (the add-on's live check)
 */
import type { FieldKey } from '../schema/fields';
import type { FieldValues, Finding, Record } from '../schema/record';
import type { HeaderMapping, HeaderOverrides } from '../read/headers';
import { rowsToRecords } from '../read/records';
import { checkFields } from './fields';
import { swappedCoordinatesRule } from './coordinates';
import { workerOwnersRule } from './counts';
import { junkRowRule } from './junk-row';
import { locatableRule } from './locatable';
import { nameRule } from './name';
import { unclosedPrivateTextRule } from './private-text';
import { splitWholeAddress } from './one-line-address';
import { recommendedRule } from './recommended';
import type { Rule } from './rule';

export interface ValidateOptions {
  /** Default ISO alpha-2 country for rows without one (phones, states, ZIP codes). */
  readonly country?: string;
  /** "Now", for the year-founded upper bound; fixed in tests. */
  readonly now?: Date;
  /** Field → 1-based column, so findings can point at cells. */
  readonly columns?: ReadonlyMap<FieldKey, number>;
}

export interface RecordValidation {
  readonly findings: Finding[];
  /** Normalized, publishable values. */
  readonly values: FieldValues;
  /** True when an error holds the row back from publishing. */
  readonly blocked: boolean;
}

const RULES: readonly Rule[] = [
  junkRowRule, nameRule, unclosedPrivateTextRule, locatableRule, swappedCoordinatesRule, workerOwnersRule, recommendedRule,
];

export function validateRecord(record: Record, options: ValidateOptions = {}): RecordValidation {
  const columns = options.columns ?? new Map<FieldKey, number>();
  const split = splitWholeAddress(record, columns);
  const checked = checkFields(split.finding ? { ...record, values: split.values } : record, columns,
    (options.country || 'US').toUpperCase(), options.now);
  const context = { record, values: checked.values, columns };
  const findings = split.finding ? [split.finding, ...checked.findings] : [...checked.findings];
  let junk = false;
  for (const rule of RULES) {
    const found = rule(context);
    if (rule === junkRowRule && found.length) {
      // A junk row gets one finding, not one per placeholder cell.
      findings.length = 0;
      findings.push(...found);
      junk = true;
      break;
    }
    findings.push(...found);
  }
  const values = { ...checked.values };
  if (findings.some((item) => item.code === 'coordinates_swapped')) {
    delete values.latitude;
    delete values.longitude;
  }
  const blocked = junk || findings.some((item) => item.severity === 'error');
  return { findings: sortFindings(findings), values, blocked };
}

export interface RowsValidation {
  readonly mapping: HeaderMapping;
  readonly headerRowIndex: number;
  /** Records with normalized values; rows blocked by an error are included and listed in `blocked`. */
  readonly records: Record[];
  /** Ids of records held back from publishing. */
  readonly blocked: ReadonlySet<string>;
  readonly findings: Finding[];
}

export interface ValidateRowsOptions extends ValidateOptions {
  readonly source?: string;
  readonly overrides?: HeaderOverrides;
  readonly headerRowIndex?: number;
}

export function validateRows(rows: readonly (readonly unknown[])[], options: ValidateRowsOptions = {}): RowsValidation {
  const read = rowsToRecords(rows, { source: options.source ?? 'sheet', overrides: options.overrides,
    headerRowIndex: options.headerRowIndex });
  const columns = new Map<FieldKey, number>([...read.mapping.byField].map(([field, index]) => [field, index + 1]));
  const findings: Finding[] = [...read.findings];
  const blocked = new Set<string>();
  const records = read.records.map((record) => {
    const result = validateRecord(record, { ...options, columns });
    findings.push(...result.findings);
    if (result.blocked) blocked.add(record.id);
    return { ...record, values: result.values };
  });
  return { mapping: read.mapping, headerRowIndex: read.headerRowIndex, records, blocked, findings: sortFindings(findings) };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.row - b.row || (a.column ?? 0) - (b.column ?? 0)
    || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
