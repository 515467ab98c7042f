/** Which marker means which organization type, for the types present in the data. */
import L from 'leaflet';
import { el } from '../dom';
import { swatch, typeStyleOfCell, type TypeStyle } from '../layers/icons';
import { cellsOf, type Dataset } from '../data/listing';

export class LegendControl extends L.Control {
  readonly #styles: TypeStyle[];

  constructor(dataset: Dataset) {
    super({ position: 'bottomright' });
    const seen = new Map<string, TypeStyle>();
    const orgTypeOf = cellsOf(dataset, 'org_type');
    for (let i = 0; i < dataset.listings.length; i++) {
      const style = typeStyleOfCell(orgTypeOf(i));
      if (!seen.has(style.key)) seen.set(style.key, style);
    }
    this.#styles = [...seen.values()];
  }

  override onAdd(): HTMLElement {
    const list = el('ul', {}, ...this.#styles.map((style) => el('li', {}, swatch(style), ' ', style.label)));
    const box = el('details', { class: 'dcc-legend leaflet-bar' }, el('summary', {}, 'Legend'), list);
    box.open = window.matchMedia('(min-width: 48em)').matches;
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  }
}
