/**
 * One group of checkboxes per filter field, built once from the data's facets; later changes only
 * update counts and checked states, so keyboard focus never jumps while someone is filtering.
 */
import { el, formatCount } from '../dom';
import type { Facet, FilterField, FilterState } from '../state/filters';

export interface FilterControlOptions {
  readonly facets: readonly Facet[];
  readonly onToggle: (field: FilterField, value: string, on: boolean) => void;
  readonly onClear: () => void;
  /** Facets with more options than this start collapsed. */
  readonly openUpTo?: number;
}

interface OptionNodes {
  readonly field: FilterField;
  readonly value: string;
  readonly input: HTMLInputElement;
  readonly count: HTMLElement;
}

export class FilterControl {
  readonly #options: FilterControlOptions;
  readonly #nodes: OptionNodes[][] = [];
  readonly #summaries: HTMLElement[] = [];
  readonly #clear = el('button', { type: 'button', class: 'dcc-clear' }, 'Clear all filters');

  constructor(options: FilterControlOptions) {
    this.#options = options;
    this.#clear.addEventListener('click', () => options.onClear());
  }

  addTo(container: HTMLElement): this {
    const form = el('form', { class: 'dcc-filters', 'aria-label': 'Filter listings' });
    form.addEventListener('submit', (event) => event.preventDefault());
    this.#options.facets.forEach((facet, f) => {
      if (facet.options.length === 0) return;
      const nodes: OptionNodes[] = [];
      const list = el('ul', { class: 'dcc-filter-options' });
      facet.options.forEach((option, o) => {
        const id = `dcc-filter-${facet.field}-${o}`;
        const input = el('input', { type: 'checkbox', id, name: facet.field, value: option.value });
        input.addEventListener('change', () => this.#options.onToggle(facet.field, option.value, input.checked));
        const count = el('span', { class: 'dcc-filter-count' }, formatCount(option.total));
        list.append(el('li', {}, input, el('label', { for: id }, option.value, ' ', el('span', { class: 'dcc-visually-hidden' }, '('), count,
          el('span', { class: 'dcc-visually-hidden' }, ' listings)'))));
        nodes.push({ field: facet.field, value: option.value, input, count });
      });
      const summary = el('span', { class: 'dcc-filter-chosen' });
      this.#summaries[f] = summary;
      const details = el('details', { class: 'dcc-filter', 'data-field': facet.field },
        el('summary', {}, facet.label, summary),
        el('fieldset', {}, el('legend', { class: 'dcc-visually-hidden' }, facet.label), list));
      // The first facet (organization type) is what most visitors filter by: always open.
      if (f === 0 || facet.options.length <= (this.#options.openUpTo ?? 8)) details.open = true;
      form.append(details);
      this.#nodes[f] = nodes;
    });
    form.append(this.#clear);
    container.append(form);
    return this;
  }

  update(state: FilterState, counts: readonly (readonly number[])[]): void {
    this.#options.facets.forEach((facet, f) => {
      const chosen = new Set((state.selected[facet.field] ?? []).map((v) => v.toLowerCase()));
      (this.#nodes[f] ?? []).forEach((node, o) => {
        node.input.checked = chosen.has(node.value.toLowerCase());
        node.count.textContent = formatCount(counts[f]?.[o] ?? 0);
        node.input.closest('li')?.classList.toggle('dcc-filter-empty', (counts[f]?.[o] ?? 0) === 0);
      });
      const summary = this.#summaries[f];
      if (summary) summary.textContent = chosen.size > 0 ? ` (${chosen.size} chosen)` : '';
      if (chosen.size > 0) summary?.closest('details')?.setAttribute('open', '');
    });
  }
}
