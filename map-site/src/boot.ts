/**
 * The first code app.js runs (main.ts imports it before anything else): reads the config and
 * starts the download, so the data travels while Leaflet and the rest of the page's code are
 * evaluated (a fifth of a second on these machines, longer on a phone). Nothing here touches
 * the map or the page.
 */
import { readConfig } from './config';
import { loadDataset, type Loaded } from './data/load';

declare global {
  interface Window { DCC_MAP_CONFIG?: unknown }
}

export const config = readConfig(window.DCC_MAP_CONFIG);

performance.mark('dcc:load-start');
/** main.ts awaits this (and shows its error) in the same task that created it, so it never goes unhandled. */
export const loading: Promise<Loaded> = loadDataset(config.dataUrl, { workerAbove: config.workerAbove });
