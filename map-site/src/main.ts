/**
 * The entry point: reads the config, loads the listings and hands them to the hub (hub.ts),
 * which keeps one page state and the URL in step. Each feature lives in its own file; this one
 * only puts them on the page in order.
 */
// First: starts the download before Leaflet and the page's code are evaluated.
import { config, loading } from './boot';
import type L from 'leaflet';
import type { MapConfig } from './config';
import { byId } from './dom';
import { DataError } from './data/parse';
import type { Loaded } from './data/load';
import { LazyDetails } from './data/details';
import { byName } from './data/order';
import { cellsOf, type Dataset } from './data/listing';
import { FacetIndex, isFiltered } from './state/filters';
import { onPermalinkChange, readPermalink } from './state/url';
import { DownloadControl } from './controls/DownloadControl';
import { LegendControl } from './controls/LegendControl';
import { renderAbout } from './views/AboutPanel';
import { MapHub } from './hub';
import { createMap, fitToListings, showDefaultView } from './map-canvas';
import { foldFiltersOnPhone, keepHashForPermalinks, onViewButtons, setPageState, setTitle, setView, showDataNotices, showError } from './page';
import { timed } from './timing';

/** Puts each feature in its place on the page or the map. */
function mount(hub: MapHub, dataset: Dataset, config: MapConfig, map: L.Map, details: LazyDetails): void {
  hub.search.addTo(byId('dcc-search'));
  hub.filters.addTo(byId('dcc-filter-panel'));
  new DownloadControl(dataset, () => details.load().then(() => hub.shown)).addTo(byId('dcc-filter-panel'));
  hub.list.addTo(byId('dcc-list'));
  hub.layer.addTo(map);
  new LegendControl(dataset).addTo(map);
  renderAbout(byId('dcc-about-body'), config.dataUseNote, dataset);
}

function start(dataset: Dataset, config: MapConfig, map: L.Map, loadDetails: () => Promise<void>): void {
  if (!config.title && dataset.title) setTitle(dataset.title);
  const ordered = timed('sort', () => byName(dataset.listings, cellsOf(dataset, 'name')));
  const index = timed('index', () => new FacetIndex(ordered, dataset.cells));
  const details = new LazyDetails(loadDetails, () => index.forgetSearchTexts());
  const linked = readPermalink();
  const hub = new MapHub({ map, dataset, index, details }, linked);
  // Before the filters and the list go on the page: measuring the map then costs no layout of them.
  if (!linked.map && !config.center) fitToListings(map, hub.layer.bounds);
  // After the first fit: a link without a view fits the listings the same way, so that view is not
  // written into the address (a same-document navigation, ~20 ms at load).
  map.on('moveend', () => hub.writeUrl());

  foldFiltersOnPhone(isFiltered(linked.filters));
  mount(hub, dataset, config, map, details);
  onViewButtons((view) => hub.applyView(view));
  onPermalinkChange((state) => hub.restore(state));
  hub.restore();
  showDataNotices(dataset);
}

/** The dataset, or null once the page says why it could not be read. */
async function loadListings(): Promise<Loaded | null> {
  byId('dcc-status').textContent = 'Loading listings…';
  try {
    const loaded = await loading;
    performance.measure('dcc:load', 'dcc:load-start');
    document.body.dataset.loadedBy = loaded.via;
    return loaded;
  } catch (error) {
    byId('dcc-status').textContent = '';
    showError(error instanceof DataError ? error.message : 'Something went wrong while reading the listings.');
    return null;
  }
}

async function main(): Promise<void> {
  setPageState('loading');
  keepHashForPermalinks();
  if (config.title) setTitle(config.title);
  const map = createMap(config);
  setView('map', map);
  renderAbout(byId('dcc-about-body'), config.dataUseNote, null);
  const loaded = await loadListings();
  if (!loaded) {
    if (!config.center) showDefaultView(map);
    setPageState('error');
    return;
  }
  timed('start', () => start(loaded.dataset, config, map, loaded.details));
  setPageState('ready');
}

void main();
