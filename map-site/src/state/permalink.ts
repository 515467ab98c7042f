/**
 * The page's state in the URL hash, so a link shows the same map: filters (repeated keys, one
 * per chosen value), the search, the map view as `zoom/lat/lng` and the list/map toggle. The
 * hash, not the query string, so any static host serves the same file for every link.
 */
import { FILTER_FIELDS } from '../../../shared/schema';
import type { FilterField, FilterState } from './filters';

export type PanelView = 'map' | 'list';

export interface MapView {
  readonly zoom: number;
  readonly lat: number;
  readonly lng: number;
}

export interface PageState {
  readonly filters: FilterState;
  readonly map?: MapView;
  readonly view: PanelView;
}

function round(value: number, zoom: number): string {
  // Enough decimals to place the centre within a pixel at this zoom, no more.
  const digits = Math.max(0, Math.min(6, Math.ceil(Math.log10(2 ** zoom)) + 1));
  return String(Number(value.toFixed(digits)));
}

export function encodeState(state: PageState): string {
  const params = new URLSearchParams();
  const query = state.filters.query.trim();
  if (query) params.set('q', query);
  for (const field of FILTER_FIELDS) {
    for (const value of state.filters.selected[field] ?? []) params.append(field, value);
  }
  if (state.map) {
    const { zoom, lat, lng } = state.map;
    params.set('map', `${zoom}/${round(lat, zoom)}/${round(lng, zoom)}`);
  }
  if (state.view === 'list') params.set('view', 'list');
  // `/` and `,` are legal in a fragment; leaving them readable keeps links short and legible.
  const text = params.toString().replace(/%2F/gi, '/').replace(/%2C/gi, ',');
  return text ? `#${text}` : '';
}

function decodeMap(text: string | null): MapView | undefined {
  if (!text) return undefined;
  const [zoom, lat, lng] = text.split('/').map(Number);
  if (zoom === undefined || lat === undefined || lng === undefined) return undefined;
  if (![zoom, lat, lng].every(Number.isFinite) || zoom < 0 || zoom > 22 || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return undefined;
  }
  return { zoom, lat, lng };
}

export function decodeState(hash: string): PageState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const selected: Partial<{ [K in FilterField]: string[] }> = {};
  for (const field of FILTER_FIELDS) {
    const values = params.getAll(field).map((value) => value.trim()).filter(Boolean);
    if (values.length > 0) selected[field] = [...new Set(values)];
  }
  return {
    filters: { selected, query: (params.get('q') ?? '').slice(0, 200) },
    map: decodeMap(params.get('map')),
    view: params.get('view') === 'list' ? 'list' : 'map',
  };
}
