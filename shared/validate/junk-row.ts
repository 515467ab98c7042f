import { hasNoWordCharacter, isBlankWord, isSheetError } from '../normalize/text';
import { finding, type Rule } from './rule';

const isJunk = (value: string): boolean => isBlankWord(value) || isSheetError(value) || hasNoWordCharacter(value);

/**
 * A row holding only placeholders ("n/a", "-", "#REF!") is not a listing; reported once for the
 * row instead of once per cell.
 */
export const junkRowRule: Rule = (context) => {
  const cells = [...Object.values(context.record.values), ...Object.values(context.record.extra)]
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  if (cells.length === 0 || !cells.every(isJunk)) return [];
  return [finding(context, 'name', 'error', 'row_junk',
    `Row ${context.record.row} holds only placeholders (${cells.slice(0, 3).map((cell) => `"${cell}"`).join(', ')}), not a listing. Fill it in or delete it.`)];
};
