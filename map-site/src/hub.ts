/**
 * The one page state (filters, search, map view, list/map toggle) and the features that show
 * it. Every change goes through here, so the map, the list, the filter counts, the status line
 * and the URL never disagree.
 */
import type L from 'leaflet';
import { byId } from './dom';
import { displayName, type Dataset, type Listing, type SourceInfo } from './data/listing';
import type { LazyDetails } from './data/details';
import { EMPTY_FILTERS, isFiltered, withOption, type FacetIndex, type FilterResult } from './state/filters';
import type { PageState, PanelView } from './state/permalink';
import { writePermalink } from './state/url';
import { ListingsLayer } from './layers/ListingsLayer';
import { FilterControl } from './controls/FilterControl';
import { SearchControl } from './controls/SearchControl';
import { ListView } from './views/ListView';
import { buildPopup } from './views/Popup';
import { StatusLine } from './views/StatusLine';
import { flyToPosition, openPopupAt } from './map-canvas';
import { isNarrow, setView } from './page';
import { timed } from './timing';

export interface HubParts {
  readonly map: L.Map;
  readonly dataset: Dataset;
  readonly index: FacetIndex;
  readonly details: LazyDetails;
}

export class MapHub {
  readonly layer: ListingsLayer;
  readonly list: ListView;
  readonly filters: FilterControl;
  readonly search: SearchControl;
  readonly #map: L.Map;
  readonly #index: FacetIndex;
  readonly #details: LazyDetails;
  readonly #sources: ReadonlyMap<string, SourceInfo>;
  readonly #status: StatusLine;
  #state: PageState;
  #result: FilterResult;
  /** The listing the map is flying to from the list; a marker chosen meanwhile cancels its popup. */
  #flying: Listing | null = null;

  constructor(parts: HubParts, state: PageState) {
    this.#map = parts.map;
    this.#index = parts.index;
    this.#details = parts.details;
    this.#sources = new Map(parts.dataset.sources.map((source) => [source.key, source]));
    this.#state = state;
    this.#result = { listings: parts.index.listings, counts: [] };
    this.layer = new ListingsLayer(parts.dataset.listings, {
      onSelect: (listing) => { this.#flying = null; this.#openPopup(listing); this.list.reveal(listing); },
    });
    this.list = new ListView({ onSelect: (listing) => this.#showOnMap(listing) });
    this.filters = new FilterControl({
      facets: parts.index.facets,
      onToggle: (field, value, on) => this.update({ ...this.#state, filters: withOption(this.#state.filters, field, value, on) }),
      onClear: () => { this.search.setQuery(''); this.update({ ...this.#state, filters: EMPTY_FILTERS }); },
    });
    this.search = new SearchControl({ onSearch: (query) => this.update({ ...this.#state, filters: { ...this.#state.filters, query } }) });
    this.#status = new StatusLine(parts.dataset.listings.length);
  }

  /** What the filters let through, for the download. */
  get shown(): readonly Listing[] {
    return this.#result.listings;
  }

  update(next: PageState): void {
    const filtersChanged = next.filters !== this.#state.filters;
    this.#state = next;
    if (filtersChanged) this.#render();
    this.writeUrl();
  }

  applyView(view: PanelView): void {
    this.#state = { ...this.#state, view };
    setView(view, this.#map);
    this.writeUrl();
  }

  /** Shows a whole state at once: on start, and when a permalink is followed. */
  restore(state: PageState = this.#state): void {
    this.#state = state;
    this.search.setQuery(state.filters.query);
    setView(state.view, this.#map);
    if (state.map) this.#map.setView([state.map.lat, state.map.lng], state.map.zoom, { animate: false });
    this.#render();
  }

  writeUrl(): void {
    writePermalink(this.#state, this.#map);
  }

  #render(): void {
    // Search reads descriptions too: a query waits for the details rather than showing a partial answer.
    if (this.#state.filters.query.trim() !== '' && !this.#details.ready) {
      this.#status.searching();
      void this.#details.load().then(() => this.#render());
      return;
    }
    const result = timed('filter', () => this.#index.apply(this.#state.filters));
    this.#result = result;
    timed('cluster', () => this.layer.setListings(result.listings));
    timed('list', () => this.list.setListings(result.listings));
    this.filters.update(this.#state.filters, result.counts);
    this.#showStatus();
  }

  #showStatus(extra?: string): void {
    this.#status.show(this.#result.listings.length, isFiltered(this.#state.filters), extra);
  }

  #openPopup(listing: Listing): void {
    if (!listing.position) return;
    if (!this.#details.ready) {
      void this.#details.load().then(() => this.#openPopup(listing));
      return;
    }
    openPopupAt(this.#map, listing.position, buildPopup(listing, this.#sources));
  }

  /** A name chosen in the list: the map flies there, and the popup opens once it lands so it can pan itself fully into view. */
  #showOnMap(listing: Listing): void {
    const position = listing.position;
    if (!position) {
      this.#showStatus(`${displayName(listing)} has no usable location, so it is not on the map.`);
      return;
    }
    if (this.#state.view === 'list' && isNarrow()) {
      this.applyView('map');
      byId('dcc-map').scrollIntoView();
    }
    this.#flying = listing;
    this.#map.closePopup();
    this.#map.once('moveend', () => { if (this.#flying === listing) this.#openPopup(listing); });
    flyToPosition(this.#map, position, this.layer.clusterMaxZoom + 1);
  }
}
