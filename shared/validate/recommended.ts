import { FIELDS } from '../schema/fields';
import { finding, type Rule } from './rule';

/** Recommended fields left empty in a column that exists (a missing column is reported once, for the sheet). */
export const recommendedRule: Rule = (context) => {
  if (!context.values.name) return [];
  return FIELDS.filter((def) => def.requirement === 'recommended' && def.key !== 'street')
    .filter((def) => context.columns.has(def.key) && !context.record.values[def.key]?.trim())
    .map((def) => finding(context, def.key, 'warning', `${def.key}_missing`,
      `"${def.label}" is empty. It is not required, but it helps people find this listing.`));
};
