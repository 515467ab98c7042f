import fc from 'fast-check';
import { FILTER_FIELDS } from '../../shared/schema';
import { decodeState, encodeState, type PageState } from '../../map-site/src/state/permalink';

describe('permalink', () => {
  it('writes a readable hash', () => {
    const hash = encodeState({
      filters: { selected: { org_type: ['worker cooperative', 'collective'], state: ['IL'] }, query: 'bakery' },
      map: { zoom: 12, lat: 41.878113, lng: -87.629799 }, view: 'list',
    });
    expect(hash).toBe('#q=bakery&org_type=worker+cooperative&org_type=collective&state=IL&map=12/41.87811/-87.6298&view=list');
  });

  it('writes nothing for the default state', () => {
    expect(encodeState({ filters: { selected: {}, query: '' }, view: 'map' })).toBe('');
  });

  it('round-trips any filters, search and view', () => {
    const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== '');
    const selected = fc.record(Object.fromEntries(FILTER_FIELDS.map((field) => [field, fc.uniqueArray(text, { maxLength: 3 })])));
    fc.assert(fc.property(selected, fc.string({ maxLength: 40 }).map((s) => s.trim()), fc.constantFrom('map', 'list'),
      fc.integer({ min: 0, max: 18 }), (chosen, query, view, zoom) => {
        const state: PageState = { filters: { selected: chosen, query }, view: view as 'map' | 'list', map: { zoom, lat: 12.5, lng: -45.25 } };
        const back = decodeState(encodeState(state));
        expect(back.filters.query).toBe(query);
        expect(back.view).toBe(view);
        // The centre is rounded to what a pixel can show at that zoom (360° / 256 px / 2^zoom).
        const pixel = 360 / 256 / 2 ** zoom;
        expect(back.map?.zoom).toBe(zoom);
        expect(Math.abs((back.map?.lat ?? NaN) - 12.5)).toBeLessThanOrEqual(pixel);
        expect(Math.abs((back.map?.lng ?? NaN) + 45.25)).toBeLessThanOrEqual(pixel);
        for (const field of FILTER_FIELDS) expect(back.filters.selected[field] ?? []).toEqual(chosen[field]);
      }), { numRuns: 200 });
  });

  it('drops a malformed or impossible map view instead of failing', () => {
    expect(decodeState('#map=abc').map).toBeUndefined();
    expect(decodeState('#map=5/95/10').map).toBeUndefined();
    expect(decodeState('#map=5/10').map).toBeUndefined();
    expect(decodeState('#%E0%A4%A=1&q=ok').filters.query).toBe('ok');
  });

  it('ignores parameters that are not filters', () => {
    expect(decodeState('#name=x&dcc_id=y').filters.selected).toEqual({});
  });
});
