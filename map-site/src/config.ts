/**
 * Site settings, from the one small file beside index.html (config.js sets
 * `window.DCC_MAP_CONFIG`). Anything missing or malformed falls back to a default, so a typo in
 * the config never blanks the page.
 */
export interface MapConfig {
  /** The bot's map format, GeoJSON or CSV (a Google Sheets "publish to web" CSV works); relative to index.html. */
  readonly dataUrl: string;
  /** Page heading; when absent, the data's own title, then a generic one. */
  readonly title?: string;
  /** Initial view; when absent the map fits the listings. */
  readonly center?: readonly [number, number];
  readonly zoom?: number;
  readonly tileUrl: string;
  /** Trusted HTML from the site owner (Leaflet's attribution control renders it). */
  readonly tileAttribution: string;
  readonly maxZoom: number;
  readonly dataUseNote: string;
  /**
   * Data files of more characters (about bytes) than this are parsed in a background worker, so the
   * page stays responsive while a very large network loads; smaller ones parse faster on the page.
   */
  readonly workerAbove: number;
}

export const DEFAULT_CONFIG: MapConfig = {
  dataUrl: 'data/master.map.json',
  tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  tileAttribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  maxZoom: 18,
  dataUseNote: 'Listings are compiled from the member directories named below. Check with an organization '
    + 'before relying on its details, and credit the sources when you reuse the data.',
  // About 100k listings in the map format: parsing that on the page takes a few tenths of a second.
  workerAbove: 8 * 2 ** 20,
};

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;

export function readConfig(raw: unknown): MapConfig {
  const given = (raw !== null && typeof raw === 'object' ? raw : {}) as { [key: string]: unknown };
  const center = Array.isArray(given.center) && given.center.length === 2
    && given.center.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? [given.center[0] as number, given.center[1] as number] as const : undefined;
  const zoom = typeof given.zoom === 'number' && given.zoom >= 0 && given.zoom <= 22 ? given.zoom : undefined;
  const maxZoom = typeof given.maxZoom === 'number' && given.maxZoom >= 1 && given.maxZoom <= 22
    ? given.maxZoom : DEFAULT_CONFIG.maxZoom;
  return {
    dataUrl: text(given.dataUrl, DEFAULT_CONFIG.dataUrl),
    title: typeof given.title === 'string' && given.title.trim() !== '' ? given.title.trim() : undefined,
    center,
    zoom: center ? zoom ?? 4 : undefined,
    tileUrl: text(given.tileUrl, DEFAULT_CONFIG.tileUrl),
    tileAttribution: typeof given.tileAttribution === 'string' ? given.tileAttribution : DEFAULT_CONFIG.tileAttribution,
    maxZoom,
    dataUseNote: text(given.dataUseNote, DEFAULT_CONFIG.dataUseNote),
    workerAbove: typeof given.workerAbove === 'number' && given.workerAbove >= 0 ? given.workerAbove : DEFAULT_CONFIG.workerAbove,
  };
}
