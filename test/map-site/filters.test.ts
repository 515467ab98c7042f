import fc from 'fast-check';
import { FILTER_FIELDS } from '../../shared/schema';
import { parseData } from '../../map-site/src/data/parse';
import { FacetIndex, withOption, type FilterState } from '../../map-site/src/state/filters';
import { countWith, readFixture } from './helpers/fixture';

const { features, text } = readFixture();
const dataset = parseData(text);
const index = new FacetIndex(dataset.listings);

/** What a visitor expects, computed the slow obvious way from the raw features. */
function expectedNames(state: FilterState): string[] {
  const terms = state.query.toLowerCase().split(/\s+/).filter(Boolean);
  return features.filter((feature) => {
    const p = feature.properties;
    const haystack = [p.name, p.city, p.description].filter(Boolean).join('\n').toLowerCase();
    if (!terms.every((term) => haystack.includes(term))) return false;
    return FILTER_FIELDS.every((field) => {
      const chosen = state.selected[field] ?? [];
      return chosen.length === 0 || chosen.some((value) => countWith([feature], field, value) === 1);
    });
  }).map((feature) => feature.properties.name ?? '').sort();
}

const names = (state: FilterState): string[] => index.apply(state).listings.map((l) => l.properties.name ?? '').sort();

describe('FacetIndex', () => {
  it('offers each field\'s values in vocabulary order with their totals', () => {
    const orgType = index.facets.find((facet) => facet.field === 'org_type');
    expect(orgType?.options.map((option) => option.value).slice(0, 3))
      .toEqual(['worker cooperative', 'consumer cooperative', 'producer cooperative']);
    for (const facet of index.facets) {
      for (const option of facet.options) expect(option.total).toBe(countWith(features, facet.field, option.value));
    }
  });

  it('counts a blank status as active', () => {
    const status = index.facets.find((facet) => facet.field === 'status');
    expect(status?.options.map((option) => [option.value, option.total]))
      .toEqual([['active', 18], ['inactive', 1], ['closed', 1]]);
  });

  it('ORs values within a field and ANDs across fields', () => {
    let state: FilterState = { selected: {}, query: '' };
    state = withOption(state, 'org_type', 'worker cooperative', true);
    state = withOption(state, 'org_type', 'collective', true);
    expect(names(state)).toEqual(expectedNames(state));
    expect(names(state)).toHaveLength(countWith(features, 'org_type', 'worker cooperative') + 1);
    state = withOption(state, 'state', 'NY', true);
    expect(names(state)).toEqual(['Bronx Bakers Collective', 'Brooklyn Tech Cooperative', 'Queens Home Care Cooperative']);
  });

  it('matches every search word in name, city or description, ignoring case', () => {
    expect(names({ selected: {}, query: 'BAKERY' })).toEqual(['Arizmendi Style Bakery', 'Sunrise Bakery Cooperative']);
    expect(names({ selected: {}, query: 'bake chicago' })).toEqual(['Sunrise Bakery Cooperative']);
    expect(names({ selected: {}, query: 'nothing-like-this' })).toEqual([]);
  });

  it('gives each option the count it would show given the other choices', () => {
    const state = withOption({ selected: {}, query: '' }, 'state', 'IL', true);
    const result = index.apply(state);
    const stateFacet = index.facets.findIndex((facet) => facet.field === 'state');
    const orgFacet = index.facets.findIndex((facet) => facet.field === 'org_type');
    // Other states keep their full counts: choosing one adds to the IL results.
    index.facets[stateFacet]?.options.forEach((option, o) =>
      expect(result.counts[stateFacet]?.[o]).toBe(countWith(features, 'state', option.value)));
    index.facets[orgFacet]?.options.forEach((option, o) =>
      expect(result.counts[orgFacet]?.[o]).toBe(expectedNames(withOption(state, 'org_type', option.value, true)).length));
  });

  it('agrees with the obvious implementation for any combination of choices', () => {
    const choice = fc.constantFrom(...index.facets.flatMap((facet) => facet.options.map((option) => [facet.field, option.value] as const)));
    fc.assert(fc.property(fc.array(choice, { maxLength: 5 }), fc.constantFrom('', 'co', 'chicago', 'bake', 'the'), (choices, query) => {
      let state: FilterState = { selected: {}, query };
      for (const [field, value] of choices) state = withOption(state, field, value, true);
      expect(names(state)).toEqual(expectedNames(state));
    }), { numRuns: 200 });
  });

  it('ignores chosen values the data does not have', () => {
    expect(index.apply({ selected: { org_type: ['no such type'] }, query: '' }).listings).toHaveLength(0);
  });
});
