/**
 * The hub: reads the config, loads the listings and wires the features to one page state
 * (filters, search, map view, list/map toggle). Each feature lives in its own file; this one
 * only connects them and keeps the URL in step, so a link reproduces what is on screen.
 */
import L from 'leaflet';
import { readConfig, type MapConfig } from './config';
import { byId, el, plural, formatCount } from './dom';
import { DataError } from './data/parse';
import { loadDataset, type Loaded } from './data/load';
import { displayName, type Dataset, type Listing, type SourceInfo } from './data/listing';
import { FacetIndex, EMPTY_FILTERS, isFiltered, withOption, type FilterResult } from './state/filters';
import { decodeState, encodeState, type PageState, type PanelView } from './state/permalink';
import { ListingsLayer } from './layers/ListingsLayer';
import { FilterControl } from './controls/FilterControl';
import { SearchControl } from './controls/SearchControl';
import { LegendControl } from './controls/LegendControl';
import { DownloadControl } from './controls/DownloadControl';
import { ListView } from './views/ListView';
import { buildPopup } from './views/Popup';
import { renderAbout } from './views/AboutPanel';

/** Matches the stylesheet's breakpoint: below it the map and the list take turns. */
const NARROW = '(max-width: 47.99em)';

declare global {
  interface Window { DCC_MAP_CONFIG?: unknown }
}

/** Named spans in the Performance timeline (`dcc:…`), which bench/map.bench.ts reports. */
function timed<T>(name: string, work: () => T): T {
  const begin = performance.now();
  try {
    return work();
  } finally {
    performance.measure(`dcc:${name}`, { start: begin, end: performance.now() });
  }
}

function setPageState(state: 'loading' | 'ready' | 'error'): void {
  document.body.dataset.state = state;
}

function showError(message: string): void {
  const box = byId('dcc-message');
  box.replaceChildren(el('strong', {}, 'The map cannot show listings. '), message);
  box.hidden = false;
}

function showNotice(message: string): void {
  byId('dcc-notices').append(el('p', {}, message));
}

function setView(view: PanelView, map: L.Map): void {
  document.body.classList.toggle('dcc-view-list', view === 'list');
  document.body.classList.toggle('dcc-view-map', view === 'map');
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    button.setAttribute('aria-pressed', String(button.dataset.view === view));
  }
  map.invalidateSize();
}

function createMap(config: MapConfig): L.Map {
  const map = L.map('dcc-map-canvas', {
    center: config.center ? [...config.center] : [39.5, -98.35], zoom: config.zoom ?? 4, maxZoom: config.maxZoom, worldCopyJump: true,
  });
  const tiles = L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: config.maxZoom });
  let warned = false;
  tiles.on('tileerror', () => {
    if (warned) return;
    warned = true;
    showNotice('The background map could not load. Markers, filters and the list still work.');
  });
  tiles.addTo(map);
  return map;
}

/** The list's order. Plain code-unit comparison of lower-cased names: a collator costs 10x at 50k. */
function byName(listings: readonly Listing[]): Listing[] {
  // The map format arrives in this order already: one pass of comparisons instead of a sort.
  let previous = '';
  let sorted = true;
  for (const listing of listings) {
    const key = displayName(listing).toLowerCase();
    if (key < previous) { sorted = false; break; }
    previous = key;
  }
  if (sorted) return [...listings];
  const keyed = listings.map((listing) => ({ key: displayName(listing).toLowerCase(), listing }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.listing.index - b.listing.index));
  return keyed.map((entry) => entry.listing);
}

function start(dataset: Dataset, config: MapConfig, map: L.Map, loadDetails: () => Promise<void>): void {
  if (!config.title && dataset.title) {
    byId('dcc-title').textContent = dataset.title;
    document.title = dataset.title;
  }
  const ordered = timed('sort', () => byName(dataset.listings));
  const index = timed('index', () => new FacetIndex(ordered));
  const sources = new Map<string, SourceInfo>(dataset.sources.map((source) => [source.key, source]));
  let state: PageState = decodeState(location.hash);
  let result: FilterResult = { listings: index.listings, counts: [] };

  // Addresses, contacts and descriptions may be published apart (the map format): fetched on first need.
  let detailsReady = false;
  const details = (): Promise<void> => loadDetails().then(() => {
    if (detailsReady) return;
    detailsReady = true;
    index.forgetSearchTexts();
  });
  const openPopup = (listing: Listing): void => {
    if (!listing.position) return;
    if (!detailsReady) {
      void details().then(() => openPopup(listing));
      return;
    }
    L.popup({ maxWidth: 320, autoPanPadding: [16, 16] }).setLatLng([...listing.position]).setContent(buildPopup(listing, sources)).openOn(map);
  };
  let flying: Listing | null = null;
  const layer = new ListingsLayer(dataset.listings, {
    onSelect: (listing) => { flying = null; openPopup(listing); list.reveal(listing); },
  });
  const list = new ListView({
    onSelect: (listing) => {
      if (!listing.position) {
        status(`${displayName(listing)} has no usable location, so it is not on the map.`);
        return;
      }
      if (state.view === 'list' && window.matchMedia(NARROW).matches) {
        applyView('map');
        byId('dcc-map').scrollIntoView();
      }
      // The popup opens once the flight lands, so it can pan itself fully into view.
      flying = listing;
      map.closePopup();
      map.once('moveend', () => { if (flying === listing) openPopup(listing); });
      const zoom = Math.max(map.getZoom(), layer.clusterMaxZoom + 1);
      const target = L.latLng(listing.position[0], listing.position[1]);
      if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) map.setView(target, Math.min(zoom, map.getMaxZoom()));
      else map.flyTo(target, Math.min(zoom, map.getMaxZoom()), { duration: 0.6 });
    },
  });
  const filters = new FilterControl({
    facets: index.facets,
    onToggle: (field, value, on) => update({ ...state, filters: withOption(state.filters, field, value, on) }),
    onClear: () => { search.setQuery(''); update({ ...state, filters: EMPTY_FILTERS }); },
  });
  const search = new SearchControl({ onSearch: (query) => update({ ...state, filters: { ...state.filters, query } }) });

  const statusLine = byId('dcc-status');
  const status = (extra?: string): void => {
    const shown = result.listings.length;
    const total = dataset.listings.length;
    const text = isFiltered(state.filters) ? `Showing ${formatCount(shown)} of ${plural(total, 'listing', 'listings')}`
      : `Showing all ${plural(total, 'listing', 'listings')}`;
    statusLine.textContent = extra ? `${text}. ${extra}` : text;
    statusLine.dataset.count = String(shown);
  };

  function render(): void {
    // Search reads descriptions too: a query waits for the details rather than showing a partial answer.
    if (state.filters.query.trim() !== '' && !detailsReady) {
      statusLine.textContent = 'Searching…';
      void details().then(render);
      return;
    }
    result = timed('filter', () => index.apply(state.filters));
    timed('cluster', () => layer.setListings(result.listings));
    timed('list', () => list.setListings(result.listings));
    filters.update(state.filters, result.counts);
    status();
  }

  function writeUrl(): void {
    const center = map.getCenter();
    const hash = encodeState({ ...state, map: { zoom: map.getZoom(), lat: center.lat, lng: center.lng } });
    if (hash !== location.hash) history.replaceState(null, '', hash || location.pathname + location.search);
  }

  function update(next: PageState): void {
    const filtersChanged = next.filters !== state.filters;
    state = next;
    if (filtersChanged) render();
    writeUrl();
  }

  function applyView(view: PanelView): void {
    state = { ...state, view };
    setView(view, map);
    writeUrl();
  }

  // On a phone the filters start folded so the map is on the first screen, unless a link chose some.
  if (window.matchMedia(NARROW).matches && !isFiltered(state.filters)) byId<HTMLDetailsElement>('dcc-filter-drawer').open = false;
  search.addTo(byId('dcc-search'));
  filters.addTo(byId('dcc-filter-panel'));
  new DownloadControl(dataset, () => details().then(() => result.listings)).addTo(byId('dcc-filter-panel'));
  list.addTo(byId('dcc-list'));
  layer.addTo(map);
  new LegendControl(dataset.listings).addTo(map);
  renderAbout(byId('dcc-about-body'), config.dataUseNote, dataset);

  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    button.addEventListener('click', () => applyView(button.dataset.view === 'list' ? 'list' : 'map'));
  }
  const restore = (hashState: PageState): void => {
    state = hashState;
    search.setQuery(state.filters.query);
    setView(state.view, map);
    if (state.map) map.setView([state.map.lat, state.map.lng], state.map.zoom, { animate: false });
    render();
  };
  // Only a permalink (key=value) restores state; a plain fragment (#dcc-list) is in-page navigation.
  window.addEventListener('hashchange', () => { if (location.hash.includes('=')) restore(decodeState(location.hash)); });
  map.on('moveend', writeUrl);

  if (!state.map && !config.center) {
    const placed = dataset.listings.flatMap((listing) => (listing.position ? [listing.position] : []));
    if (placed.length > 0) map.fitBounds(L.latLngBounds(placed.map((p) => [...p])), { padding: [24, 24], maxZoom: 13, animate: false });
  }
  restore(state);
  if (dataset.unplaced > 0) {
    showNotice(`${plural(dataset.unplaced, 'listing', 'listings')} could not be placed on the map (missing or unusable coordinates); `
      + `${dataset.unplaced === 1 ? 'it is' : 'they are'} still in the list.`);
  }
  if (dataset.listings.length === 0) showNotice('The data file has no listings yet.');
}

/** In-page links focus their target without touching the hash, which holds the permalink. */
function keepHashForPermalinks(): void {
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="#dcc-"]');
    if (!link) return;
    const target = document.getElementById((link.getAttribute('href') ?? '').slice(1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView();
    target.focus();
  });
}

async function main(): Promise<void> {
  setPageState('loading');
  keepHashForPermalinks();
  const config = readConfig(window.DCC_MAP_CONFIG);
  if (config.title) {
    byId('dcc-title').textContent = config.title;
    document.title = config.title;
  }
  const map = createMap(config);
  setView('map', map);
  renderAbout(byId('dcc-about-body'), config.dataUseNote, null);
  byId('dcc-status').textContent = 'Loading listings…';
  let loaded: Loaded;
  try {
    performance.mark('dcc:load-start');
    loaded = await loadDataset(config.dataUrl);
    performance.measure('dcc:load', 'dcc:load-start');
    document.body.dataset.loadedBy = loaded.via;
  } catch (error) {
    byId('dcc-status').textContent = '';
    showError(error instanceof DataError ? error.message : 'Something went wrong while reading the listings.');
    setPageState('error');
    return;
  }
  timed('start', () => start(loaded.dataset, config, map, loaded.details));
  setPageState('ready');
}

void main();
