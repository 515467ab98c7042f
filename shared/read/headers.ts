import { distance } from 'fastest-levenshtein';
import { FIELDS, fieldByKey, type FieldKey } from '../schema/fields';
import type { Finding } from '../schema/record';

/** Header matching ignores case, accents, spacing and punctuation: "E-mail", "email" and "EMAIL " are one. */
export function headerKey(header: string): string {
  return header.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

const ALIASES = new Map<string, FieldKey>();
for (const def of FIELDS) {
  for (const name of [def.key, def.label, ...def.aliases]) {
    const key = headerKey(name);
    if (!ALIASES.has(key)) ALIASES.set(key, def.key);
  }
}

/** Every alias and what it maps to; tests use it to prove no alias points at two fields. */
export function aliasTable(): ReadonlyMap<string, FieldKey> {
  return ALIASES;
}

/** How many distinct fields a row of headers names: a cheap score for finding the header row. */
export function countKnownHeaders(headers: readonly string[], overrides: HeaderOverrides = {}): number {
  const overridden = new Set(Object.keys(overrides).map(headerKey));
  const fields = new Set<string>();
  for (const header of headers) {
    const key = headerKey(header);
    if (overridden.has(key)) fields.add(`override:${key}`);
    else {
      const field = ALIASES.get(key);
      if (field) fields.add(field);
    }
  }
  return fields.size;
}

export interface ColumnMapping {
  /** 0-based index in the row. */
  readonly index: number;
  readonly header: string;
  /** The field this column fills; absent for unknown, duplicate and private `(…)` columns. */
  readonly field?: FieldKey;
  /** A `(header)` column: kept in the sheet, never published whatever its name. */
  readonly private: boolean;
}

export interface HeaderMapping {
  readonly columns: readonly ColumnMapping[];
  /** Field → column index, for the columns that fill a field. */
  readonly byField: ReadonlyMap<FieldKey, number>;
  readonly findings: readonly Finding[];
}

export type HeaderOverrides = { readonly [header: string]: string };

const columnLetter = (index: number): string => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

export { columnLetter };

/**
 * Maps a header row to fields. Unknown columns are reported and kept (their values travel in
 * `Record.extra`), a second column for the same field is reported and kept the same way, and
 * a missing required or recommended column is reported at row 0 (the sheet as a whole).
 */
export function mapHeaders(headers: readonly string[], overrides: HeaderOverrides = {}): HeaderMapping {
  const findings: Finding[] = [];
  const override = new Map<string, FieldKey>();
  for (const [header, field] of Object.entries(overrides)) {
    const def = fieldByKey(field.trim()) ?? FIELDS.find((candidate) => headerKey(candidate.label) === headerKey(field));
    if (!def) {
      findings.push({ row: 0, field: header, severity: 'warning', code: 'override_unknown_field',
        message: `The column setting "${header}" → "${field}" names no field of the template, so it was ignored.` });
      continue;
    }
    override.set(headerKey(header), def.key);
  }

  const columns: ColumnMapping[] = [];
  const byField = new Map<FieldKey, number>();
  headers.forEach((raw, index) => {
    const header = String(raw ?? '').trim();
    const where = `column ${columnLetter(index)}`;
    if (!header) {
      columns.push({ index, header, private: false });
      return;
    }
    if (/^\(.*\)$/s.test(header)) {
      columns.push({ index, header, private: true });
      return;
    }
    const key = headerKey(header);
    const field = override.get(key) ?? ALIASES.get(key);
    if (!field) {
      const guess = closestField(key);
      findings.push({ row: 0, column: index + 1, field: header, severity: 'warning', code: 'column_unknown',
        message: `The column "${header}" (${where}) is not part of the template. It is kept in your sheet but not published.${
          guess ? ` If it holds "${guess}", rename the header to "${guess}".` : ''}`,
        ...(guess ? { fix: guess } : {}) });
      columns.push({ index, header, private: false });
      return;
    }
    const first = byField.get(field);
    if (first !== undefined) {
      const label = fieldByKey(field)?.label ?? field;
      findings.push({ row: 0, column: index + 1, field, severity: 'warning', code: 'column_duplicate',
        message: `Two columns hold "${label}": ${columnLetter(first)} ("${headers[first]}") and ${columnLetter(index)} ("${header}"). Only ${columnLetter(first)} is used; merge them or rename one.` });
      columns.push({ index, header, private: false });
      return;
    }
    byField.set(field, index);
    columns.push({ index, header, field, private: false });
  });

  for (const def of FIELDS) {
    if (byField.has(def.key) || def.requirement === 'optional') continue;
    if (def.requirement === 'required') {
      findings.push({ row: 0, field: def.key, severity: 'error', code: 'required_column_missing',
        message: `This sheet has no "${def.label}" column, so none of its rows can be listed. Add a column headed "${def.label}".` });
    } else if (def.key !== 'street') {
      findings.push({ row: 0, field: def.key, severity: 'warning', code: 'recommended_column_missing',
        message: `This sheet has no "${def.label}" column. It is optional, but it helps people find the listings; add a column headed "${def.label}".` });
    }
  }
  return { columns, byField, findings };
}

function closestField(key: string): string | undefined {
  if (key.length < 3) return undefined;
  let best: { label: string; score: number } | undefined;
  for (const [alias, field] of ALIASES) {
    const score = 1 - distance(key, alias) / Math.max(key.length, alias.length);
    if (score >= 0.75 && (!best || score > best.score)) best = { label: fieldByKey(field)?.label ?? field, score };
  }
  return best?.label;
}
