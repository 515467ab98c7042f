/**
 * The built site in Chromium against test/fixtures/map/master.geojson, tiles blocked. Expected
 * counts come from the fixture read plainly (helpers/fixture.ts), not from the site's code.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openSite, pageErrors, shownCount, startSite, type Site } from './helpers/site';
import { countWith, readFixture } from './helpers/fixture';

const { features } = readFixture();
let site: Site;

beforeAll(async () => { site = await startSite(); }, 120_000);
afterAll(async () => { await site?.close(); });

async function openAllFilters(page: Page): Promise<void> {
  await page.$$eval('details', (all) => all.forEach((details) => { (details as HTMLDetailsElement).open = true; }));
}

async function waitForCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelector('#dcc-status')?.getAttribute('data-count') === String(n), count);
}

/** Sum of what the map shows in view: cluster sizes plus single markers. */
function mapTotal(page: Page): Promise<number> {
  return page.evaluate(() => {
    let total = document.querySelectorAll('.dcc-marker').length;
    for (const node of document.querySelectorAll('.dcc-cluster-count')) total += Number((node.textContent ?? '').replace(/,/g, ''));
    return total;
  });
}

async function mapCenter(page: Page): Promise<{ zoom: number; lat: number; lng: number }> {
  const hash = new URL(page.url()).hash;
  const [zoom, lat, lng] = (new URLSearchParams(hash.slice(1)).get('map') ?? '').split('/').map(Number);
  return { zoom: zoom ?? NaN, lat: lat ?? NaN, lng: lng ?? NaN };
}

describe('the map site', () => {
  it('renders clusters over the whole data set and single markers when zoomed in', async () => {
    const { page, errors } = await openSite(site);
    expect(await page.locator('.dcc-cluster').count()).toBeGreaterThan(0);
    expect(await mapTotal(page)).toBe(features.length);
    expect(await page.getAttribute('#dcc-map-canvas', 'data-placed')).toBe(String(features.length));
    expect(await page.textContent('#dcc-notices')).toContain('background map could not load');
    await page.goto(`${site.server.url}#map=16/41.8781/-87.6298`);
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]');
    await page.waitForSelector('.dcc-marker[title="Sunrise Bakery Cooperative"]');
    expect(pageErrors({ page, errors, dialogs: [] })).toEqual([]);
    await page.close();
  });

  it('shows each filter option\'s count and narrows map and list to exactly that many', async () => {
    const watched = await openSite(site);
    const { page } = watched;
    await openAllFilters(page);
    const options = await page.$$eval('.dcc-filter input[type=checkbox]', (inputs) =>
      inputs.map((input) => ({ id: input.id, field: (input as HTMLInputElement).name, value: (input as HTMLInputElement).value })));
    expect(options.length).toBeGreaterThan(20);
    for (const option of options) {
      const expected = countWith(features, option.field, option.value);
      expect(Number(await page.textContent(`label[for="${option.id}"] .dcc-filter-count`))).toBe(expected);
      await page.check(`#${option.id}`);
      await waitForCount(page, expected);
      expect(await page.getAttribute('#dcc-map-canvas', 'data-placed')).toBe(String(expected));
      expect(await page.locator('.dcc-list-table tbody button.dcc-list-name').count()).toBe(expected);
      expect(await mapTotal(page)).toBe(expected);
      await page.uncheck(`#${option.id}`);
      await waitForCount(page, features.length);
    }
    expect(pageErrors(watched)).toEqual([]);
    await page.close();
  }, 120_000);

  it('combines filters: alternatives within a field, narrowing across fields', async () => {
    const { page } = await openSite(site);
    await openAllFilters(page);
    await page.check('input[name=org_type][value="worker cooperative"]');
    await page.check('input[name=org_type][value="collective"]');
    await waitForCount(page, 10);
    const ny = page.locator('li', { has: page.locator('input[name=state][value="NY"]') });
    expect(await ny.locator('.dcc-filter-count').textContent()).toBe('3');
    await page.check('input[name=state][value="NY"]');
    await waitForCount(page, 3);
    expect(await page.locator('.dcc-list-name').allTextContents())
      .toEqual(['Bronx Bakers Collective', 'Brooklyn Tech Cooperative', 'Queens Home Care Cooperative']);
    await page.click('text=Clear all filters');
    await waitForCount(page, features.length);
    expect(await page.locator('.dcc-filter input:checked').count()).toBe(0);
    await page.close();
  });

  it('searches names, cities and descriptions', async () => {
    const { page } = await openSite(site);
    await page.fill('#dcc-search-input', 'bakery');
    await waitForCount(page, 2);
    expect(await page.locator('.dcc-list-name').allTextContents()).toEqual(['Arizmendi Style Bakery', 'Sunrise Bakery Cooperative']);
    await page.fill('#dcc-search-input', 'evanston');
    await waitForCount(page, 1);
    await page.fill('#dcc-search-input', 'sourdough');
    await waitForCount(page, 1);
    await page.click('text=Clear all filters');
    await waitForCount(page, features.length);
    expect(await page.inputValue('#dcc-search-input')).toBe('');
    await page.close();
  });

  it('flies to a listing chosen in the list and opens its popup; a marker marks its row', async () => {
    const { page } = await openSite(site);
    await page.click('.dcc-list-name:text-is("Brooklyn Tech Cooperative")');
    const popup = page.locator('.leaflet-popup .dcc-popup');
    await popup.waitFor();
    expect(await popup.locator('h2').textContent()).toBe('Brooklyn Tech Cooperative');
    expect(await popup.textContent()).toContain('55 Water St, Brooklyn, NY 11201, US');
    expect(await popup.textContent()).toContain('NYC Network of Worker Cooperatives — Courtesy of NYC NoWC — CC BY-SA 4.0');
    expect(await popup.locator('a').getAttribute('href')).toBe('https://brooklyn-tech.example.coop/');
    // Close enough that clusters have split: every listing is its own marker there.
    await page.waitForSelector('.dcc-marker[title="Brooklyn Tech Cooperative"]');
    const center = await mapCenter(page);
    expect(center.zoom).toBeGreaterThanOrEqual(15);
    expect(center.lat).toBeCloseTo(40.6782, 2);
    expect(center.lng).toBeCloseTo(-73.9442, 2);
    expect(await page.getAttribute('tr:has(.dcc-list-name:text-is("Brooklyn Tech Cooperative"))', 'aria-current')).toBe('true');

    await page.goto(`${site.server.url}#map=16/40.8448/-73.8648`);
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]');
    await page.click('.dcc-marker[title="Bronx Bakers Collective"]');
    await page.locator('.leaflet-popup h2:text-is("Bronx Bakers Collective")').waitFor();
    expect(await page.getAttribute('tr:has(.dcc-list-name:text-is("Bronx Bakers Collective"))', 'aria-current')).toBe('true');
    await page.close();
  });

  it('keeps filters, search, view and map position in a link that reproduces the page', async () => {
    const first = await openSite(site, { viewport: { width: 390, height: 800 } });
    await openAllFilters(first.page);
    await first.page.check('input[name=org_type][value="worker cooperative"]');
    await first.page.check('input[name=state][value="CA"]');
    await first.page.fill('#dcc-search-input', 'solar');
    await waitForCount(first.page, 1);
    await first.page.click('[data-view=list]');
    const link = first.page.url();
    expect(link).toContain('org_type=worker+cooperative');
    expect(link).toContain('view=list');
    const view = await mapCenter(first.page);
    await first.page.close();

    const second = await openSite(site, { hash: new URL(link).hash, viewport: { width: 390, height: 800 } });
    const page = second.page;
    expect(await shownCount(page)).toBe(1);
    expect(await page.inputValue('#dcc-search-input')).toBe('solar');
    expect(await page.isChecked('input[name=org_type][value="worker cooperative"]')).toBe(true);
    expect(await page.isChecked('input[name=state][value="CA"]')).toBe(true);
    expect(await page.locator('.dcc-filter input:checked').count()).toBe(2);
    expect(await page.getAttribute('[data-view=list]', 'aria-pressed')).toBe('true');
    expect(await page.isVisible('#dcc-map-canvas')).toBe(false);
    expect(await page.isVisible('.dcc-list-name:text-is("Oakland Solar Cooperative")')).toBe(true);
    expect(await mapCenter(page)).toEqual(view);
    expect(new URL(page.url()).hash).toBe(new URL(link).hash);
    await page.close();
  });

  it('shows a hostile name and description as text, and runs nothing', async () => {
    const watched = await openSite(site);
    const { page } = watched;
    const hostile = '<img src=x onerror=alert(1)>';
    const row = page.locator(`.dcc-list-name:text-is("${hostile}")`);
    expect(await row.count()).toBe(1);
    await row.click();
    const popup = page.locator('.leaflet-popup .dcc-popup');
    await popup.waitFor();
    expect(await popup.locator('h2').textContent()).toBe(hostile);
    expect(await popup.textContent()).toContain("<script>alert('description')</script> plain text only");
    expect(await popup.textContent()).toContain('javascript:alert(1)');
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('img[src="x"], .dcc-popup script, .dcc-popup b').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(watched.dialogs).toEqual([]);
    expect(pageErrors(watched)).toEqual([]);
    await page.close();
  });

  it('can be used with the keyboard alone: search, filters, list and popup', async () => {
    const { page } = await openSite(site);
    const tabTo = async (selector: string): Promise<number> => {
      for (let i = 0; i < 150; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('#dcc-search-input');
    await page.keyboard.type('cooperative');
    await page.keyboard.press('Enter');
    await waitForCount(page, features.filter((f) => /cooperative/i.test([f.properties.name, f.properties.city, f.properties.description].join(' '))).length);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await waitForCount(page, features.length);

    await tabTo('input[name=org_type][value="worker cooperative"]');
    await page.keyboard.press('Space');
    await waitForCount(page, countWith(features, 'org_type', 'worker cooperative'));

    await tabTo('button.dcc-list-name');
    const firstName = await page.evaluate(() => document.activeElement?.textContent);
    await page.keyboard.press('ArrowDown');
    const secondName = await page.evaluate(() => document.activeElement?.textContent);
    expect(secondName).not.toBe(firstName);
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(firstName);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator(`.leaflet-popup h2:text-is("${secondName ?? ''}")`).waitFor();

    await page.goto(`${site.server.url}#map=16/41.8781/-87.6298`);
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]');
    await tabTo('.dcc-marker[title="Sunrise Bakery Cooperative"]');
    await page.keyboard.press('Enter');
    await page.locator('.leaflet-popup h2:text-is("Sunrise Bakery Cooperative")').waitFor();
    await page.close();
  }, 90_000);

  it('downloads the filtered listings as CSV and GeoJSON', async () => {
    const { page } = await openSite(site);
    await openAllFilters(page);
    await page.check('input[name=state][value="NY"]');
    await waitForCount(page, 5);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('.dcc-download-csv')]);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csv.suggestedFilename()).toBe('listings.csv');
    expect(csvText.trim().split('\r\n')).toHaveLength(6);
    expect(csvText.split('\r\n')[0]).toMatch(/^dcc_id,name,.*,latitude,longitude$/);
    const [geojson] = await Promise.all([page.waitForEvent('download'), page.click('.dcc-download-geojson')]);
    const collection = JSON.parse(readFileSync(await geojson.path(), 'utf8')) as { features: { properties: { state: string } }[]; dcc: unknown };
    expect(collection.features.map((feature) => feature.properties.state)).toEqual(['NY', 'NY', 'NY', 'NY', 'NY']);
    expect(collection.dcc).toBeDefined();
    await page.close();
  });

  it('takes turns between map and list on a phone, and a chosen name brings the map back', async () => {
    const { page } = await openSite(site, { viewport: { width: 390, height: 800 } });
    expect(await page.isVisible('#dcc-map-canvas')).toBe(true);
    expect(await page.isVisible('.dcc-list-table')).toBe(false);
    await page.click('[data-view=list]');
    expect(await page.isVisible('#dcc-map-canvas')).toBe(false);
    expect(new URL(page.url()).hash).toContain('view=list');
    await page.click('.dcc-list-name:text-is("Madison Credit Union")');
    await page.locator('.leaflet-popup h2:text-is("Madison Credit Union")').waitFor();
    expect(await page.isVisible('#dcc-map-canvas')).toBe(true);
    expect(await page.getAttribute('[data-view=map]', 'aria-pressed')).toBe('true');
    await page.close();
  });

  it('shows per-source attribution and the data-use note', async () => {
    const { page } = await openSite(site);
    const about = await page.textContent('#dcc-about');
    expect(about).toContain('Chicago Cooperative Network — Data from the Chicago Cooperative Network members\' sheet (licence: CC BY 4.0)');
    expect(about).toContain('Bay Area Cooperatives');
    expect(about).toContain('credit the sources');
    expect(await page.textContent('.leaflet-control-attribution')).toContain('OpenStreetMap');
    await page.close();
  });
});
