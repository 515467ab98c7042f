import type { FieldValues, Record } from '../../../shared/schema/record';

/** A Record with just the values a test cares about. */
export function record(id: string, values: FieldValues): Record {
  const [source = 'test', row = '0'] = id.split(':');
  return { id, source, row: Number(row) || 0, values, extra: {} };
}

/** Deterministic pseudo-random numbers for building larger inputs. */
export function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const PLACES = ['Silver', 'Pine', 'Harmony', 'Ballad', 'Mallard', 'Juniper', 'Cedar', 'Aspen', 'Willow', 'Granary',
  'Tidewater', 'Quince', 'Bramble', 'Firefly', 'Heron', 'Sumac', 'Larkspur', 'Marigold', 'Saffron', 'Osprey'];
const TRADES = ['Bakery', 'Farm', 'Media', 'Taxi', 'Childcare', 'Print', 'Solar', 'Grocery', 'Cleaning', 'Tech'];
const FORMS = ['Co-op', 'Cooperative', 'Coop', 'Collective', 'Co-op Inc.'];
const STREETS = ['Main St', 'Elm Ave', 'Oak Blvd', 'Market St', 'River Rd', 'Lake Dr', 'Park Pl', 'Hill Ct'];
const CITIES: readonly (readonly [string, string, string])[] = [['Portland', 'OR', '972'], ['Chicago', 'IL', '606'],
  ['Austin', 'TX', '787'], ['Atlanta', 'GA', '303'], ['Seattle', 'WA', '981'], ['Denver', 'CO', '802']];

/** `count` organizations, each with its own name, address and phone. */
export function organizations(count: number, seed = 1): FieldValues[] {
  const random = numbers(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const [city, state, zip] = pick(CITIES);
    return {
      name: `${pick(PLACES)} ${pick(PLACES)} ${pick(TRADES)} ${pick(FORMS)} ${i}`,
      street: `${100 + Math.floor(random() * 9000)} ${pick(STREETS)}`,
      city,
      state,
      postal_code: `${zip}${String(Math.floor(random() * 100)).padStart(2, '0')}`,
      phone: `(${200 + Math.floor(random() * 700)}) 555-${String(1000 + i).slice(-4)}`,
    };
  });
}

/**
 * A few hundred other organizations, a fifth of them listed twice (name in capitals, no phone
 * the second time), so that EM has matches and non-matches to learn from.
 */
export function withBackground(extra: Record[]): Record[] {
  const background = organizations(300, 5);
  return [
    ...background.map((values, i) => record(`bg:${i}`, values)),
    ...background.slice(0, 60).map((values, i) => record(`bg2:${i}`, { ...values, name: values.name?.toUpperCase(), phone: '' })),
    ...extra,
  ];
}
