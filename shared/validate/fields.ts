import { FIELDS } from '../schema/fields';
import type { FieldValues, Finding, Record } from '../schema/record';
import type { FindingCode } from '../schema/finding-codes';
import { normalizeCountry } from '../normalize/country';
import { normalizeField } from '../normalize/field';
import { stateCode } from '../normalize/state';
import type { FieldKey } from '../schema/fields';

export interface FieldCheck {
  readonly values: FieldValues;
  readonly findings: Finding[];
}

/**
 * Normalizes every field of a record. A value that can't be used becomes a warning and is left
 * out of `values` (so it is never published); a value written in a non-template way becomes a
 * warning whose fix is the template form, and `values` already holds that form.
 */
export function checkFields(record: Record, columns: ReadonlyMap<FieldKey, number>, defaultCountry: string, now?: Date): FieldCheck {
  const values: FieldValues = {};
  const findings: Finding[] = [];
  const ownCountry = record.values.country ? normalizeCountry(record.values.country) : undefined;
  const country = ownCountry && !ownCountry.problem ? ownCountry.value : defaultCountry;
  const state = record.values.state ? stateCode(record.values.state) : undefined;
  const context = { country, now, state };
  for (const def of FIELDS) {
    const raw = record.values[def.key];
    if (raw === undefined || raw.trim() === '') continue;
    const result = normalizeField(def, raw, context);
    if (result.problem) {
      findings.push(makeFinding(record.row, def.key, columns.get(def.key), result.problem.code, result.problem.message, result.problem.fix));
      // Partly usable lists (two known sectors and one unknown) still publish the known part.
      if (def.type === 'vocabulary' && result.value) values[def.key] = result.value;
      // An over-long text is still the member's text: publish it shortened rather than lose a name.
      if (def.type === 'text' && result.problem.fix) values[def.key] = result.problem.fix;
      continue;
    }
    if (result.corrected) {
      findings.push(makeFinding(record.row, def.key, columns.get(def.key), result.corrected.code, result.corrected.message, result.value));
    }
    if (result.value) values[def.key] = result.value;
  }
  return { values, findings };
}

function makeFinding(row: number, field: string, column: number | undefined, code: FindingCode, message: string, fix: string | undefined): Finding {
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = { row, field, severity: 'warning', code, message };
  if (column !== undefined) finding.column = column;
  if (fix !== undefined) finding.fix = fix;
  return finding;
}
