/** The Leaflet map itself: its tiles, its first view, and moving it to a listing. */
import L from 'leaflet';
import type { MapConfig } from './config';
import { showNotice } from './page';

/** Where the map looks when neither the config, a permalink nor the listings say. */
const DEFAULT_VIEW = { center: [39.5, -98.35] as [number, number], zoom: 4 };

/**
 * The map, with a view only when the config names one: otherwise the listings (fitToListings) or
 * a permalink give the first view, and no tiles are laid out for a view that is replaced at once
 * (that second layout cost ~0.08 s at 50k listings, right before the markers appeared).
 */
export function createMap(config: MapConfig): L.Map {
  const map = L.map('dcc-map-canvas', {
    ...(config.center ? { center: [...config.center], zoom: config.zoom ?? DEFAULT_VIEW.zoom } : {}), maxZoom: config.maxZoom, worldCopyJump: true,
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

/**
 * Without a configured centre or a permalink's view, the map starts on the listings themselves:
 * their bounds (ListingsLayer.bounds, found in the pass that projects them), or the default view
 * when none has a place.
 */
export function fitToListings(map: L.Map, bounds: L.LatLngBounds | null): void {
  if (bounds) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13, animate: false });
  else showDefaultView(map);
}

/** The default view: no listing has a place, or they could not be loaded. */
export function showDefaultView(map: L.Map): void {
  map.setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom, { animate: false });
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
