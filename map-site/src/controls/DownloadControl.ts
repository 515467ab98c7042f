/** Buttons that save the currently filtered listings as CSV or GeoJSON. */
import { el } from '../dom';
import { listingsToCsv, listingsToGeoJson } from '../export/download';
import type { Dataset, Listing } from '../data/listing';

function save(text: string, type: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: filename, hidden: '' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export class DownloadControl {
  readonly #dataset: Dataset;
  /** The listings shown, once they carry every published property. */
  readonly #current: () => Promise<readonly Listing[]>;

  constructor(dataset: Dataset, current: () => Promise<readonly Listing[]>) {
    this.#dataset = dataset;
    this.#current = current;
  }

  addTo(container: HTMLElement): this {
    const csv = el('button', { type: 'button', class: 'dcc-download-csv' }, 'Download CSV');
    const geojson = el('button', { type: 'button', class: 'dcc-download-geojson' }, 'Download GeoJSON');
    csv.addEventListener('click', () => void this.#current().then((listings) =>
      save(listingsToCsv(this.#dataset, listings), 'text/csv;charset=utf-8', 'listings.csv')));
    geojson.addEventListener('click', () => void this.#current().then((listings) =>
      save(listingsToGeoJson(this.#dataset, listings), 'application/geo+json', 'listings.geojson')));
    container.append(el('div', { class: 'dcc-download', role: 'group', 'aria-label': 'Download the listings shown' },
      el('span', {}, 'Download the listings shown: '), csv, ' ', geojson));
    return this;
  }
}
