/**
 * The page around the map and the list: its title, its loading state, its messages and the
 * list/map toggle. Everything here writes to elements index.html already has.
 */
import type L from 'leaflet';
import { byId, el, plural } from './dom';
import type { Dataset } from './data/listing';
import type { PanelView } from './state/permalink';

/** Matches the stylesheet's breakpoint: below it the map and the list take turns. */
export const NARROW = '(max-width: 47.99em)';

export const isNarrow = (): boolean => window.matchMedia(NARROW).matches;

export function setPageState(state: 'loading' | 'ready' | 'error'): void {
  document.body.dataset.state = state;
}

export function setTitle(title: string): void {
  byId('dcc-title').textContent = title;
  document.title = title;
}

export function showError(message: string): void {
  const box = byId('dcc-message');
  box.replaceChildren(el('strong', {}, 'The map cannot show listings. '), message);
  box.hidden = false;
}

export function showNotice(message: string): void {
  byId('dcc-notices').append(el('p', {}, message));
}

/** What the list cannot say by itself: listings left off the map, or no listings at all. */
export function showDataNotices(dataset: Dataset): void {
  if (dataset.unplaced > 0) {
    showNotice(`${plural(dataset.unplaced, 'listing', 'listings')} could not be placed on the map (missing or unusable coordinates); `
      + `${dataset.unplaced === 1 ? 'it is' : 'they are'} still in the list.`);
  }
  if (dataset.listings.length === 0) showNotice('The data file has no listings yet.');
}

export function setView(view: PanelView, map: L.Map): void {
  const body = document.body.classList;
  const changed = body.contains('dcc-view-list') !== (view === 'list') || body.contains('dcc-view-map') !== (view === 'map');
  body.toggle('dcc-view-list', view === 'list');
  body.toggle('dcc-view-map', view === 'map');
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    button.setAttribute('aria-pressed', String(button.dataset.view === view));
  }
  // Only a change of view resizes the map (on a phone the two take turns); measuring it otherwise
  // would force a layout of the whole page in the middle of building it.
  if (changed) map.invalidateSize();
}

export function onViewButtons(choose: (view: PanelView) => void): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    button.addEventListener('click', () => choose(button.dataset.view === 'list' ? 'list' : 'map'));
  }
}

/** On a phone the filters start folded so the map is on the first screen, unless a link chose some. */
export function foldFiltersOnPhone(linkChoseFilters: boolean): void {
  if (isNarrow() && !linkChoseFilters) byId<HTMLDetailsElement>('dcc-filter-drawer').open = false;
}

/** In-page links focus their target without touching the hash, which holds the permalink. */
export function keepHashForPermalinks(): void {
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
