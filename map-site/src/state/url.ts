/** The page state in the URL's fragment, so a link reproduces what is on screen. */
import type L from 'leaflet';
import { decodeState, encodeState, type PageState } from './permalink';

export function readPermalink(): PageState {
  return decodeState(location.hash);
}

/** Replaces rather than pushes: panning the map should not fill the history. */
export function writePermalink(state: PageState, map: L.Map): void {
  const center = map.getCenter();
  const hash = encodeState({ ...state, map: { zoom: map.getZoom(), lat: center.lat, lng: center.lng } });
  if (hash !== location.hash) history.replaceState(null, '', hash || location.pathname + location.search);
}

/** Only a permalink (key=value) restores state; a plain fragment (#dcc-list) is in-page navigation. */
export function onPermalinkChange(restore: (state: PageState) => void): void {
  window.addEventListener('hashchange', () => { if (location.hash.includes('=')) restore(readPermalink()); });
}
