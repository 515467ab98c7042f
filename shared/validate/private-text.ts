import { FIELDS } from '../schema/fields';
import { hasUnclosedPrivateText } from '../normalize/text';
import { finding, type Rule } from './rule';

/** An unclosed `((` hides the rest of the cell; the member should know, since it may hide more than meant. */
export const unclosedPrivateTextRule: Rule = (context) =>
  FIELDS.filter((def) => hasUnclosedPrivateText(context.record.values[def.key] ?? ''))
    .map((def) => finding(context, def.key, 'warning', 'private_text_unclosed',
      `"${def.label}" has a "((" that is never closed, so everything after it is kept private. Close it with "))".`));
