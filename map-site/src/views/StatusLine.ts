/** The line that says how many listings are shown; its data-count is what the tests and the bench read. */
import { byId, formatCount, plural } from '../dom';

export class StatusLine {
  readonly #line = byId('dcc-status');
  readonly #total: number;

  constructor(total: number) {
    this.#total = total;
  }

  show(shown: number, filtered: boolean, extra?: string): void {
    const text = filtered ? `Showing ${formatCount(shown)} of ${plural(this.#total, 'listing', 'listings')}`
      : `Showing all ${plural(this.#total, 'listing', 'listings')}`;
    this.#line.textContent = extra ? `${text}. ${extra}` : text;
    this.#line.dataset.count = String(shown);
  }

  searching(): void {
    this.#line.textContent = 'Searching…';
  }
}
