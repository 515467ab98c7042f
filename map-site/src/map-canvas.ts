/** The Leaflet map itself: its tiles, its first view, and moving it to a listing. */
import L from 'leaflet';
import type { MapConfig } from './config';
import type { Listing } from './data/listing';
import { showNotice } from './page';

export function createMap(config: MapConfig): L.Map {
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

/** Without a configured centre or a permalink's view, the map starts on the listings themselves. */
export function fitToListings(map: L.Map, listings: readonly Listing[]): void {
  const placed = listings.flatMap((listing) => (listing.position ? [listing.position] : []));
  if (placed.length > 0) map.fitBounds(L.latLngBounds(placed.map((p) => [...p])), { padding: [24, 24], maxZoom: 13, animate: false });
}

/** Zooms in at least to `minZoom`, so the listing stands apart from its cluster. */
export function flyToPosition(map: L.Map, position: readonly [number, number], minZoom: number): void {
  const zoom = Math.min(Math.max(map.getZoom(), minZoom), map.getMaxZoom());
  const target = L.latLng(position[0], position[1]);
  if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) map.setView(target, zoom);
  else map.flyTo(target, zoom, { duration: 0.6 });
}

export function openPopupAt(map: L.Map, position: readonly [number, number], content: HTMLElement): void {
  L.popup({ maxWidth: 320, autoPanPadding: [16, 16] }).setLatLng([...position]).setContent(content).openOn(map);
}
