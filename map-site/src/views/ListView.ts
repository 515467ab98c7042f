/**
 * The filtered listings as a table: the map's accessible alternative. Paged (50 rows) so 50k
 * listings cost 50 rows of DOM. Each name is a button (click or Enter: the map flies there and
 * opens its popup); arrow keys, Home and End move between those buttons.
 */
import { el, formatCount } from '../dom';
import { displayName, splitValues, type Listing } from '../data/listing';

export const PAGE_SIZE = 50;

export interface ListViewOptions {
  readonly onSelect: (listing: Listing) => void;
}

export class ListView {
  readonly #options: ListViewOptions;
  readonly #body = el('tbody');
  readonly #range = el('p', { class: 'dcc-list-range', 'aria-live': 'polite' });
  readonly #previous = el('button', { type: 'button', class: 'dcc-list-previous' }, 'Previous page');
  readonly #next = el('button', { type: 'button', class: 'dcc-list-next' }, 'Next page');
  #listings: readonly Listing[] = [];
  #page = 0;
  #current: number | null = null;

  constructor(options: ListViewOptions) {
    this.#options = options;
    this.#previous.addEventListener('click', () => this.#turn(-1));
    this.#next.addEventListener('click', () => this.#turn(1));
    this.#body.addEventListener('keydown', this.#onKey);
  }

  addTo(container: HTMLElement): this {
    const table = el('table', { class: 'dcc-list-table' },
      el('caption', { class: 'dcc-visually-hidden' }, 'Listings matching the filters; choose a name to show it on the map'),
      el('thead', {}, el('tr', {}, ...['Name', 'Type', 'Sector', 'City', 'State'].map((h) => el('th', { scope: 'col' }, h)))),
      this.#body);
    container.append(el('div', { class: 'dcc-list-scroll' }, table),
      el('nav', { class: 'dcc-list-pager', 'aria-label': 'List pages' }, this.#previous, this.#range, this.#next));
    return this;
  }

  setListings(listings: readonly Listing[]): void {
    this.#listings = listings;
    this.#page = 0;
    this.#render();
  }

  /** Shows the page holding a listing and marks its row, without moving focus. */
  reveal(listing: Listing): void {
    this.#current = listing.index;
    const at = this.#listings.indexOf(listing);
    if (at !== -1) this.#page = Math.floor(at / PAGE_SIZE);
    this.#render();
    this.#body.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }

  #turn(step: number): void {
    const last = Math.max(0, Math.ceil(this.#listings.length / PAGE_SIZE) - 1);
    this.#page = Math.min(last, Math.max(0, this.#page + step));
    this.#render();
    (this.#body.querySelector('button') as HTMLButtonElement | null)?.focus();
  }

  #render(): void {
    const total = this.#listings.length;
    const start = this.#page * PAGE_SIZE;
    const rows = this.#listings.slice(start, start + PAGE_SIZE).map((listing) => this.#row(listing));
    this.#body.replaceChildren(...rows);
    if (total === 0) {
      this.#body.append(el('tr', {}, el('td', { colspan: '5', class: 'dcc-list-empty' }, 'No listings match these filters.')));
    }
    this.#range.textContent = total === 0 ? 'No listings'
      : `${formatCount(start + 1)}–${formatCount(start + rows.length)} of ${formatCount(total)}`;
    this.#previous.disabled = this.#page === 0;
    this.#next.disabled = start + PAGE_SIZE >= total;
  }

  #row(listing: Listing): HTMLTableRowElement {
    const p = listing.properties;
    const button = el('button', { type: 'button', class: 'dcc-list-name', 'data-listing': String(listing.index) }, displayName(listing));
    if (!listing.position) button.append(el('span', { class: 'dcc-list-unplaced' }, ' (not on the map)'));
    button.addEventListener('click', () => {
      this.#current = listing.index;
      this.#markCurrent();
      this.#options.onSelect(listing);
    });
    const row = el('tr', { 'data-listing': String(listing.index) },
      el('th', { scope: 'row' }, button),
      el('td', {}, splitValues(p.org_type).join(', ')),
      el('td', {}, splitValues(p.sector).join(', ')),
      el('td', {}, p.city ?? ''),
      el('td', {}, p.state ?? ''));
    if (listing.index === this.#current) row.setAttribute('aria-current', 'true');
    return row;
  }

  #markCurrent(): void {
    for (const row of this.#body.querySelectorAll('tr')) {
      if (row.dataset.listing === String(this.#current)) row.setAttribute('aria-current', 'true');
      else row.removeAttribute('aria-current');
    }
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    const buttons = [...this.#body.querySelectorAll<HTMLButtonElement>('button.dcc-list-name')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    const target = event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowUp' ? at - 1
      : event.key === 'Home' ? 0 : event.key === 'End' ? buttons.length - 1 : null;
    if (target === null) return;
    event.preventDefault();
    if (target >= buttons.length && !this.#next.disabled) this.#turn(1);
    else if (target < 0 && !this.#previous.disabled) {
      this.#turn(-1);
      [...this.#body.querySelectorAll<HTMLButtonElement>('button.dcc-list-name')].at(-1)?.focus();
    } else buttons[Math.max(0, Math.min(buttons.length - 1, target))]?.focus();
  };
}
