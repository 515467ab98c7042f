/**
 * The privacy filter: the last gate before anything leaves the workbook. Only public fields
 * pass; `((…))` asides are cut out of every value (again, in case a source skipped
 * normalization); `(x)` columns never became fields, so they cannot pass. Values left empty are dropped.
 */
import { stripPrivateText } from '../normalize/text';
import { PUBLIC_FIELDS, type FieldValues } from '../schema';

export function publicValues(values: FieldValues): FieldValues {
  const out: FieldValues = {};
  for (const def of PUBLIC_FIELDS) {
    const value = values[def.key];
    if (value === undefined) continue;
    const kept = stripPrivateText(value).trim();
    if (kept !== '') out[def.key] = kept;
  }
  return out;
}
