/**
 * The filtered listings as clustered markers. Clustering is supercluster's, chosen over
 * Leaflet.markercluster by measurement (headless Chromium, 50k points, same 2-core machine):
 * markercluster with chunkedLoading took ~2.8 s to add every marker and ~1.05 s to re-cluster
 * after a filter halved them, because it keeps one L.Marker per listing; supercluster indexed the
 * 50k points in ~0.3 s cold and re-indexed the half in ~75 ms. Markers exist only for what is in
 * view, and the last few indexes are cached, so toggling a filter back costs nothing.
 */
import L from 'leaflet';
import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';
import type { Listing } from '../data/listing';
import { clusterIcon, listingIcon } from './icons';

type PointProps = { readonly i: number };
type Point = PointFeature<PointProps>;

const CACHE_SIZE = 6;

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

export class ListingsLayer {
  readonly #all: readonly Listing[];
  readonly #options: ListingsLayerOptions;
  readonly #group = L.layerGroup();
  /** One feature per placed listing, made once and reused by every rebuild. */
  readonly #points: (Point | undefined)[];
  #index: Supercluster<PointProps> | null = null;
  #map: L.Map | null = null;
  #placed = 0;
  readonly #cache = new Map<string, { index: Supercluster<PointProps>; placed: number }>();

  constructor(all: readonly Listing[], options: ListingsLayerOptions) {
    this.#all = all;
    this.#options = options;
    this.#points = all.map((listing) => listing.position ? {
      type: 'Feature', properties: { i: listing.index },
      geometry: { type: 'Point', coordinates: [listing.position[1], listing.position[0]] },
    } : undefined);
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

  /**
   * Re-clusters for a new set of listings. `cacheKey` names the set (the filters that made it):
   * the last few indexes are kept, so clearing a filter or toggling one back costs nothing.
   */
  setListings(listings: readonly Listing[], cacheKey?: string): void {
    const cached = cacheKey === undefined ? undefined : this.#cache.get(cacheKey);
    if (cached) {
      this.#cache.delete(cacheKey as string);
      this.#cache.set(cacheKey as string, cached);
      this.#index = cached.index;
      this.#placed = cached.placed;
    } else {
      const points: Point[] = [];
      for (const listing of listings) {
        const point = this.#points[listing.index];
        if (point) points.push(point);
      }
      this.#placed = points.length;
      this.#index = new Supercluster<PointProps>({ radius: 60, maxZoom: this.clusterMaxZoom, minPoints: 3 }).load(points);
      if (cacheKey !== undefined) {
        this.#cache.set(cacheKey, { index: this.#index, placed: this.#placed });
        if (this.#cache.size > CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
      }
    }
    this.#render();
  }

  /** Listings on the map under the current filters. */
  get placedCount(): number {
    return this.#placed;
  }

  readonly #render = (): void => {
    const map = this.#map;
    const index = this.#index;
    if (!map || !index) return;
    const bounds = map.getBounds();
    const west = Math.max(-180, bounds.getWest());
    const east = Math.min(180, bounds.getEast());
    const bbox: [number, number, number, number] = east - west >= 360 ? [-180, bounds.getSouth(), 180, bounds.getNorth()]
      : [west, bounds.getSouth(), east, bounds.getNorth()];
    const features = index.getClusters(bbox, Math.round(map.getZoom()));
    const markers: L.Marker[] = [];
    for (const feature of features) {
      const [lng, lat] = feature.geometry.coordinates as [number, number];
      const props = feature.properties as ClusterProperties | PointProps;
      if ('cluster' in props && props.cluster) {
        markers.push(this.#clusterMarker(lat, lng, props.cluster_id, props.point_count));
      } else {
        const listing = this.#all[(props as PointProps).i];
        if (listing) markers.push(this.#listingMarker(listing, lat, lng));
      }
    }
    this.#group.clearLayers();
    for (const marker of markers) this.#group.addLayer(marker);
    const container = map.getContainer();
    container.dataset.placed = String(this.#placed);
    container.dataset.rendered = String(markers.length);
  };

  #listingMarker(listing: Listing, lat: number, lng: number): L.Marker {
    const marker = L.marker([lat, lng], { icon: listingIcon(listing), title: listing.properties.name || 'Unnamed listing', keyboard: true });
    onActivate(marker, () => this.#options.onSelect(listing));
    return marker;
  }

  #clusterMarker(lat: number, lng: number, clusterId: number, count: number): L.Marker {
    const marker = L.marker([lat, lng], { icon: clusterIcon(count), title: `${count.toLocaleString('en-US')} listings: zoom in`, keyboard: true });
    onActivate(marker, () => {
      const index = this.#index;
      if (!index || !this.#map) return;
      const zoom = Math.min(index.getClusterExpansionZoom(clusterId), this.clusterMaxZoom + 1);
      this.#map.flyTo([lat, lng], zoom, { duration: 0.4 });
    });
    return marker;
  }
}
