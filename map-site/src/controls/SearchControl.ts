/** Text search over name, city and description; typing settles for a moment before filtering. */
import { el } from '../dom';

export interface SearchControlOptions {
  readonly onSearch: (query: string) => void;
  readonly delayMs?: number;
}

export class SearchControl {
  readonly #options: SearchControlOptions;
  readonly #input = el('input', { type: 'search', id: 'dcc-search-input', name: 'q', autocomplete: 'off', maxlength: '200' });
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SearchControlOptions) {
    this.#options = options;
    this.#input.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.#options.onSearch(this.#input.value), this.#options.delayMs ?? 150);
    });
  }

  addTo(container: HTMLElement): this {
    const form = el('form', { role: 'search', class: 'dcc-search' },
      el('label', { for: 'dcc-search-input' }, 'Search names, cities and descriptions'), this.#input);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.#timer);
      this.#options.onSearch(this.#input.value);
    });
    container.append(form);
    return this;
  }

  setQuery(query: string): void {
    if (this.#input.value !== query) this.#input.value = query;
  }
}
