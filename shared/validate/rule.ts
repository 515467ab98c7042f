import type { FieldKey } from '../schema/fields';
import type { FieldValues, Finding, Record, Severity } from '../schema/record';
import type { FindingCode } from '../schema/finding-codes';

/** What every rule sees: the record as read, its normalized values, and where its fields sit. */
export interface RuleContext {
  readonly record: Record;
  /** Values after normalization; a field whose value could not be used is absent. */
  readonly values: FieldValues;
  /** Field → 1-based column in the sheet, when known. */
  readonly columns: ReadonlyMap<FieldKey, number>;
}

export type Rule = (context: RuleContext) => Finding[];

export function finding(context: RuleContext, field: FieldKey | string, severity: Severity, code: FindingCode,
  message: string, fix?: string): Finding {
  const column = context.columns.get(field as FieldKey);
  return {
    row: context.record.row,
    field,
    ...(column === undefined ? {} : { column }),
    severity,
    code,
    message,
    ...(fix === undefined ? {} : { fix }),
  };
}
