/**
 * Browser-test plumbing: build the site once into a temp folder, serve it on 127.0.0.1:0 with a
 * fixture folder as /data, and open pages in Debian's Chromium with tiles blocked and every
 * console error, page error and dialog recorded for the test to assert on.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { serveMap, type MapServer } from '../../../bot/src/serve/static-map-server';

export const ROOT = join(__dirname, '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'map');

export function buildSite(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'dcc-map-site-'));
  execFileSync(process.execPath, [join(ROOT, 'map-site', 'build.mjs'), '--outdir', outdir], { stdio: 'pipe' });
  return outdir;
}

export function removeSite(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}

export interface Site {
  readonly dir: string;
  readonly server: MapServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const dir = buildSite();
  const server = await serveMap({ siteDir: dir, dataDir: FIXTURES });
  const browser = await launchBrowser();
  return {
    dir, server, browser,
    close: async () => {
      await browser.close();
      await server.close();
      removeSite(dir);
    },
  };
}

export interface Watched {
  readonly page: Page;
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
  /** Messages of any alert/confirm/prompt the page tried to show. */
  readonly dialogs: string[];
}

export interface OpenOptions {
  /** Which fixture the default data URL (data/master.geojson) answers with. */
  readonly fixture?: string;
  /** Replaces the data response altogether, e.g. `{ status: 404 }`. */
  readonly dataResponse?: { status: number; body?: string; contentType?: string };
  /** Replaces config.js. */
  readonly config?: string;
  readonly hash?: string;
  readonly viewport?: { width: number; height: number };
  /** Wait for this body data-state (default ready). */
  readonly state?: 'ready' | 'error';
}

export async function openSite(site: Site, options: OpenOptions = {}): Promise<Watched> {
  const page = await site.browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(consoleError(message)); });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  // Tiles never load in tests: the page must work without them and no test may reach the internet.
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
  if (options.fixture || options.dataResponse) {
    await page.route('**/data/master.geojson', (route) => {
      if (options.dataResponse) return route.fulfill(options.dataResponse);
      return route.continue({ url: `${site.server.url}data/${options.fixture}` });
    });
  }
  if (options.config !== undefined) {
    await page.route('**/config.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: options.config }));
  }
  await page.goto(`${site.server.url}${options.hash ?? ''}`);
  await page.waitForSelector(`body[data-state="${options.state ?? 'ready'}"]`);
  return { page, errors, dialogs };
}

/** A console error's text, with the address of a resource that failed to load. */
export function consoleError(message: ConsoleMessage): string {
  const url = message.location().url;
  return /^Failed to load resource/.test(message.text()) && url ? `${message.text()} (${url})` : message.text();
}

/**
 * Console noise that is the test's doing, not the page's: blocked tiles, and the browser's own
 * log line for the 404 of master.map.json in fixture folders that hold only GeoJSON (the page
 * asks for the map file first and falls back, as a site served beside an older bot's files does).
 */
export function pageErrors(watched: Watched): string[] {
  return watched.errors.filter((text) => !/ERR_BLOCKED_BY_CLIENT|net::ERR_FAILED/.test(text)
    && !/status of 404 .*\/data\/master\.map\.json\)$/.test(text));
}

export async function shownCount(page: Page): Promise<number> {
  return Number(await page.getAttribute('#dcc-status', 'data-count'));
}
