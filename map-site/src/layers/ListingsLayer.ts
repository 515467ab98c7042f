/**
 * The filtered listings as clustered markers. Clusters are a screen grid recomputed per view
 * (grid-cluster.ts), the approach Leaflet.markercluster takes, but without one L.Marker per listing
 * and without a hierarchical index: supercluster, used before, spent ~0.55 s indexing 50k points at
 * load and ~0.1–0.25 s re-indexing after each filter change on these 2-core machines, while the grid
 * pass over typed arrays takes a few milliseconds (bench/map.bench.ts). Markers exist only for what
 * is in view.
 */
import L from 'leaflet';
import { displayName, type Listing } from '../data/listing';
import { formatCount } from '../dom';
import { gridCluster, mercatorX, mercatorY } from './grid-cluster';
import { clusterIcon, listingIcon } from './icons';

/** Cluster cell in pixels, and the fewest listings that make a cluster. */
const CELL = 60;
const MIN_POINTS = 3;

/** Click, or Enter/Space on a focused marker: Leaflet only wires keys for popups it binds itself. */
function onActivate(marker: L.Marker, action: () => void): void {
  marker.on('click', action);
  marker.on('keypress', (event: L.LeafletEvent) => {
    const key = (event as L.LeafletKeyboardEvent).originalEvent.key;
    if (key === 'Enter' || key === ' ') action();
  });
}

export interface ListingsLayerOptions {
  readonly onSelect: (listing: Listing) => void;
  /** Zoom from which every listing is its own marker. */
  readonly clusterMaxZoom?: number;
}

/** Mercator y back to latitude. */
function latitudeOf(y: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
}

export class ListingsLayer {
  readonly #all: readonly Listing[];
  readonly #options: ListingsLayerOptions;
  readonly #group = L.layerGroup();
  readonly #mx: Float64Array;
  readonly #my: Float64Array;
  #members = new Int32Array(0);
  #map: L.Map | null = null;
  /** Around every placed listing, null when none has a place; found in the pass that projects them. */
  readonly bounds: L.LatLngBounds | null;

  constructor(all: readonly Listing[], options: ListingsLayerOptions) {
    this.#all = all;
    this.#options = options;
    this.#mx = new Float64Array(all.length).fill(NaN);
    this.#my = new Float64Array(all.length).fill(NaN);
    let south = Infinity;
    let west = Infinity;
    let north = -Infinity;
    let east = -Infinity;
    // Indexed loops over every listing: they run at load, unoptimized, where for-of costs far more.
    for (let i = 0; i < all.length; i++) {
      const listing = all[i] as Listing;
      const position = listing.position;
      if (!position) continue;
      const lat = position[0];
      const lng = position[1];
      this.#mx[listing.index] = mercatorX(lng);
      this.#my[listing.index] = mercatorY(lat);
      if (lat < south) south = lat;
      if (lat > north) north = lat;
      if (lng < west) west = lng;
      if (lng > east) east = lng;
    }
    this.bounds = south <= north ? L.latLngBounds([south, west], [north, east]) : null;
  }

  get clusterMaxZoom(): number {
    return this.#options.clusterMaxZoom ?? 14;
  }

  addTo(map: L.Map): this {
    this.#map = map;
    this.#group.addTo(map);
    map.on('moveend', this.#render);
    return this;
  }

  remove(): void {
    this.#map?.off('moveend', this.#render);
    this.#group.remove();
    this.#map = null;
  }

  /** Shows a new set of listings (those the filters let through). */
  setListings(listings: readonly Listing[]): void {
    const members = new Int32Array(listings.length);
    let placed = 0;
    for (let i = 0; i < listings.length; i++) {
      const listing = listings[i] as Listing;
      if (listing.position) members[placed++] = listing.index;
    }
    this.#members = members.subarray(0, placed);
    this.#render();
  }

  /** Listings on the map under the current filters. */
  get placedCount(): number {
    return this.#members.length;
  }

  readonly #render = (): void => {
    const map = this.#map;
    if (!map) return;
    const zoom = Math.round(map.getZoom());
    const pixels = map.getPixelBounds();
    const scale = 256 * 2 ** zoom;
    const min = pixels.min ?? L.point(0, 0);
    const max = pixels.max ?? L.point(scale, scale);
    const { clusters, singles } = gridCluster({ mx: this.#mx, my: this.#my, members: this.#members }, {
      scale, left: min.x, top: min.y, right: max.x, bottom: max.y,
      cell: CELL, minPoints: MIN_POINTS, cluster: zoom <= this.clusterMaxZoom,
    });
    const markers: L.Marker[] = [];
    for (const cluster of clusters) {
      const bounds = L.latLngBounds([latitudeOf(cluster.maxY), cluster.minX * 360 - 180], [latitudeOf(cluster.minY), cluster.maxX * 360 - 180]);
      markers.push(this.#clusterMarker(latitudeOf(cluster.y), cluster.x * 360 - 180, cluster.count, bounds));
    }
    for (const i of singles) {
      const listing = this.#all[i];
      if (listing?.position) markers.push(this.#listingMarker(listing, listing.position[0], listing.position[1]));
    }
    this.#group.clearLayers();
    for (const marker of markers) this.#group.addLayer(marker);
    const container = map.getContainer();
    container.dataset.placed = String(this.#members.length);
    container.dataset.rendered = String(markers.length);
  };

  #listingMarker(listing: Listing, lat: number, lng: number): L.Marker {
    const marker = L.marker([lat, lng], { icon: listingIcon(listing), title: displayName(listing), keyboard: true });
    onActivate(marker, () => this.#options.onSelect(listing));
    return marker;
  }

  #clusterMarker(lat: number, lng: number, count: number, bounds: L.LatLngBounds): L.Marker {
    const marker = L.marker([lat, lng], { icon: clusterIcon(count), title: `${formatCount(count)} listings: zoom in`, keyboard: true });
    onActivate(marker, () => {
      const map = this.#map;
      if (!map) return;
      // Zoom until the cluster's members spread out, at least one step and at most to single markers.
      const fit = map.getBoundsZoom(bounds.pad(0.2));
      const zoom = Math.min(Math.max(fit, map.getZoom() + 1), this.clusterMaxZoom + 1);
      map.flyTo(bounds.getCenter(), zoom, { duration: 0.4 });
    });
    return marker;
  }
}
