/**
 * The built site on the bot's map format, in Chromium: parsed on the page (or, above the configured
 * size, in the worker), compressed on the wire, details fetched only when a popup or a search
 * needs them; the same page when the worker cannot start; and the GeoJSON and CSV it still reads
 * when the map format is absent or another file is configured.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DccFeatureCollection } from '../../shared/publish';
import { writeMapFiles } from '../../bot/src/jobs/stages/publish-map';
import { serveMap, type MapServer } from '../../bot/src/serve/static-map-server';
import { consoleError, FIXTURES, pageErrors, shownCount, startSite, type Site } from './helpers/site';
import { readFixture } from './helpers/fixture';
import { useTempDirForAll } from '../helpers/temp-dir';

const { features, text } = readFixture();
let site: Site;
const temp = useTempDirForAll('dcc-map-format-site-');
let server: MapServer;

beforeAll(async () => {
  site = await startSite();
  copyFileSync(join(FIXTURES, 'master.geojson'), join(temp.path, 'master.geojson'));
  copyFileSync(join(FIXTURES, 'master.csv'), join(temp.path, 'master.csv'));
  await writeMapFiles(temp.path, JSON.parse(text) as DccFeatureCollection);
  server = await serveMap({ siteDir: site.dir, dataDir: temp.path });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await site?.close();
});

interface Opened {
  readonly page: Page;
  readonly errors: string[];
  /** Data files requested, by name, with the Content-Encoding they came in. */
  readonly requested: Map<string, string>;
}

async function open(base: string, options: { blockWorker?: boolean; config?: string } = {}): Promise<Opened> {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requested = new Map<string, string>();
  page.on('console', (message) => { if (message.type() === 'error') errors.push(consoleError(message)); });
  page.on('pageerror', (error) => errors.push(error.message));
  // Worker requests are seen by the context, not the page.
  page.context().on('response', (response) => {
    const name = new URL(response.url()).pathname;
    if (name.startsWith('/data/')) requested.set(name.slice('/data/'.length), response.headers()['content-encoding'] ?? '');
  });
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  if (options.blockWorker) await page.route('**/worker.js', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  if (options.config) await page.route('**/config.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: options.config }));
  await page.goto(base);
  await page.waitForSelector('body[data-state="ready"]');
  return { page, errors, requested };
}

async function showSunrise(page: Page): Promise<void> {
  await page.click('.dcc-list-name:has-text("Sunrise Bakery Cooperative")');
  await page.waitForSelector('.dcc-popup:has-text("100 N State St")');
}

describe('the site on the map format', () => {
  it('loads master.map.json on the page, brotli-compressed, and fetches details only when a popup needs them', async () => {
    const { page, errors, requested } = await open(server.url);
    expect(await page.getAttribute('body', 'data-loaded-by')).toBe('page');
    expect(await shownCount(page)).toBe(features.length);
    expect(await page.getAttribute('#dcc-map-canvas', 'data-placed')).toBe(String(features.length));
    expect(requested.get('master.map.json')).toBe('br');
    expect(requested.has('master.geojson')).toBe(false);
    expect(requested.has('master.map-details.json')).toBe(false);
    await showSunrise(page);
    expect(await page.textContent('.dcc-popup')).toContain('Worker-owned bakery baking sourdough daily.');
    expect(await page.getAttribute('.dcc-popup a[href^="https://sunrise"]', 'href')).toBe('https://sunrise.example.coop/');
    expect(requested.get('master.map-details.json')).toBe('br');
    expect(pageErrors({ page, errors, dialogs: [] })).toEqual([]);
    await page.close();
  });

  it('searches descriptions, which only the details file carries', async () => {
    const { page } = await open(server.url);
    await page.fill('#dcc-search-input', 'sourdough');
    await page.press('#dcc-search-input', 'Enter');
    await page.waitForFunction(() => document.querySelector('#dcc-status')?.getAttribute('data-count') === '1');
    expect(await page.textContent('.dcc-list-table tbody')).toContain('Sunrise Bakery Cooperative');
    await page.close();
  });

  it('parses a file above the configured size in the worker, which also brings the details', async () => {
    const { page, errors, requested } = await open(server.url, { config: 'window.DCC_MAP_CONFIG = { workerAbove: 0 };' });
    expect(await page.getAttribute('body', 'data-loaded-by')).toBe('worker');
    expect(await shownCount(page)).toBe(features.length);
    expect(await page.getAttribute('#dcc-map-canvas', 'data-placed')).toBe(String(features.length));
    expect(requested.has('master.map-details.json')).toBe(false);
    await showSunrise(page);
    expect(await page.textContent('.dcc-popup')).toContain('Worker-owned bakery baking sourdough daily.');
    expect(requested.get('master.map-details.json')).toBe('br');
    expect(pageErrors({ page, errors, dialogs: [] })).toEqual([]);
    await page.close();
  });

  it('works the same when the worker cannot start', async () => {
    const { page, errors } = await open(server.url, { blockWorker: true, config: 'window.DCC_MAP_CONFIG = { workerAbove: 0 };' });
    expect(await page.getAttribute('body', 'data-loaded-by')).toBe('page');
    expect(await shownCount(page)).toBe(features.length);
    await showSunrise(page);
    expect(pageErrors({ page, errors, dialogs: [] }).filter((error) => !/404/.test(error))).toEqual([]);
    await page.close();
  });

  it('falls back to master.geojson where no map file was published', async () => {
    // The shared test site serves the fixtures folder, which has master.geojson only.
    const { page, requested } = await open(site.server.url);
    expect(await page.getAttribute('body', 'data-loaded-by')).toBe('page');
    expect(await shownCount(page)).toBe(features.length);
    expect(requested.has('master.geojson')).toBe(true);
    await showSunrise(page);
    await page.close();
  });

  it('still reads a configured CSV, as a "publish to web" link gives it', async () => {
    const { page, requested } = await open(server.url, { config: 'window.DCC_MAP_CONFIG = { dataUrl: "data/master.csv" };' });
    expect(await shownCount(page)).toBeGreaterThan(0);
    expect(requested.has('master.map.json')).toBe(false);
    await page.close();
  });
});
