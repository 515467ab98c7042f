import { finding, type Rule } from './rule';

/**
 * The map needs somewhere to put a listing: street + city + state, city + state, a postal
 * code, or coordinates. Anything less is kept but stays off the map, and the member is told.
 */
export const locatableRule: Rule = (context) => {
  const v = context.values;
  const hasCoordinates = Boolean(v.latitude && v.longitude);
  if (hasCoordinates || (v.city && v.state) || v.postal_code) return [];
  if (!v.name) return [];
  return [finding(context, 'street', 'warning', 'not_on_map',
    'This listing won\'t appear on the map: add a city and state, a postal code, or latitude and longitude.')];
};
