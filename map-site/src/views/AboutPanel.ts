/** Where the listings come from: per-source attribution, licence and the data-use note. */
import { el } from '../dom';
import type { Dataset } from '../data/listing';

export function renderAbout(container: HTMLElement, note: string, dataset: Dataset | null): void {
  const parts: HTMLElement[] = [el('h2', {}, 'About the data'), el('p', {}, note)];
  if (dataset?.generatedAt) {
    const date = new Date(dataset.generatedAt);
    const when = Number.isNaN(date.getTime()) ? dataset.generatedAt : date.toLocaleDateString('en-US', { dateStyle: 'long' });
    parts.push(el('p', {}, `Listings last compiled ${when}.`));
  }
  if (dataset && dataset.sources.length > 0) {
    parts.push(el('h3', {}, 'Sources'), el('ul', { class: 'dcc-about-sources' }, ...dataset.sources.map((source) =>
      el('li', {}, el('strong', {}, source.name || source.key),
        source.attribution ? ` — ${source.attribution}` : '', source.license ? ` (licence: ${source.license})` : ''))));
  }
  container.replaceChildren(...parts);
}
