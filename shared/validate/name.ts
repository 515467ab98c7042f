import { hasNoWordCharacter, stripPrivateText } from '../normalize/text';
import { finding, type Rule } from './rule';

/** A listing is its name: without a usable one the row cannot be published at all. */
export const nameRule: Rule = (context) => {
  const written = context.values.name ?? '';
  if (!written) {
    return [finding(context, 'name', 'error', 'name_missing',
      'This row has no organization name, so it can\'t be listed. Add the name.')];
  }
  // What would be published: a name that is all ((private)) text leaves the listing nameless.
  const name = stripPrivateText(written);
  if (!name) {
    return [finding(context, 'name', 'error', 'name_private',
      'The whole name is private ((…)) text, so the listing would have no name. Write the public name outside the (( )).')];
  }
  if (hasNoWordCharacter(name)) {
    return [finding(context, 'name', 'error', 'name_junk',
      `"${name}" is not a name (it has no letters or numbers). Write the organization's name.`)];
  }
  if (name.length < 2) {
    return [finding(context, 'name', 'warning', 'name_too_short',
      `"${name}" is very short for an organization name. Write the full name.`)];
  }
  return [];
};
