import { spreadOneLineAddress } from '../normalize/address';
import type { FieldKey } from '../schema/fields';
import type { FieldValues, Finding, Record } from '../schema/record';

const PART_LABELS: ReadonlyArray<readonly [FieldKey, string]> = [
  ['street2', 'Address line 2'], ['city', 'City'], ['state', 'State / region'], ['postal_code', 'Postal code'],
];

/**
 * Many directories keep the whole address in one cell. The parts it holds fill the row's empty
 * address fields (so the listing can be mapped), and the member is shown how to split the cell.
 */
export function splitWholeAddress(record: Record, columns: ReadonlyMap<FieldKey, number>): { values: FieldValues; finding?: Finding } {
  const spread = spreadOneLineAddress(record.values);
  if (!spread) return { values: record.values };
  const { values, parts } = spread;
  const moves: string[] = [];
  for (const [field, label] of PART_LABELS) {
    const part = parts[field as keyof typeof parts];
    if (part) moves.push(`"${part}" in ${label}`);
  }
  const column = columns.get('street');
  const finding: Finding = {
    row: record.row, field: 'street', ...(column === undefined ? {} : { column }), severity: 'warning', code: 'address_one_line',
    message: `This cell holds a whole address. Keep "${parts.street}" here and put ${moves.join(', ')}.`, fix: parts.street,
  };
  return { values, finding };
}
