/** Broken or odd data must give a visible explanation, never a blank page. */
import { openSite, pageErrors, shownCount, startSite, type Site } from './helpers/site';

let site: Site;

beforeAll(async () => { site = await startSite(); }, 120_000);
afterAll(async () => { await site?.close(); });

describe('the map site with malformed data', () => {
  it('lists listings whose coordinates are unusable and says how many are not on the map', async () => {
    const watched = await openSite(site, { fixture: 'bad-coordinates.geojson' });
    const { page } = watched;
    expect(await page.textContent('#dcc-notices')).toContain('3 listings could not be placed on the map');
    expect(await shownCount(page)).toBe(5);
    expect(await page.getAttribute('#dcc-map-canvas', 'data-placed')).toBe('2');
    expect(await page.locator('.dcc-list-name').count()).toBe(5);
    const unplaced = page.locator('.dcc-list-name:has-text("No Geometry At All")');
    expect(await unplaced.textContent()).toContain('(not on the map)');
    await unplaced.click();
    expect(await page.textContent('#dcc-status')).toContain('No Geometry At All has no usable location');
    expect(pageErrors(watched)).toEqual([]);
    await page.close();
  });

  it('shows listings with missing fields, naming the unnamed', async () => {
    const watched = await openSite(site, { fixture: 'missing-fields.geojson' });
    const { page } = watched;
    expect(await shownCount(page)).toBe(4);
    expect(await page.locator('.dcc-list-name:text-is("Unnamed listing")').count()).toBe(3);
    await page.click('.dcc-list-name:text-is("Only A Name")');
    await page.locator('.leaflet-popup h2:text-is("Only A Name")').waitFor();
    expect(pageErrors(watched)).toEqual([]);
    await page.close();
  });

  it.each([
    ['an empty file', { fixture: 'empty.geojson' }, /data file is empty/],
    ['a 404', { dataResponse: { status: 404, body: 'Not found' } }, /data\/master\.geojson was not found/],
    ['a server error', { dataResponse: { status: 500, body: 'oops' } }, /HTTP 500/],
    ['a web page instead of data', { fixture: 'not-json.geojson' }, /returned a web page/],
    ['broken JSON', { dataResponse: { status: 200, body: '{"type":"FeatureCollection","features":[{', contentType: 'application/json' } },
      /not valid JSON/],
    ['JSON that is not GeoJSON', { dataResponse: { status: 200, body: '{"rows": []}', contentType: 'application/json' } },
      /not a GeoJSON FeatureCollection/],
  ])('explains %s on the page', async (_name, options, message) => {
    const { page } = await openSite(site, { ...options, state: 'error' });
    const box = page.locator('#dcc-message');
    expect(await box.isVisible()).toBe(true);
    expect(await box.getAttribute('role')).toBe('alert');
    expect(await box.textContent()).toMatch(message);
    expect(await page.isVisible('#dcc-map-canvas')).toBe(true);
    // The map waits for the listings to choose its first view; with none, it still shows the default one.
    expect(await page.locator('.leaflet-tile').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows the default view when no listing has a usable place', async () => {
    const body = JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', geometry: null, properties: { name: 'Nowhere Co-op' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { name: 'Null Island Bakery' } },
    ] });
    const watched = await openSite(site, { dataResponse: { status: 200, body, contentType: 'application/geo+json' } });
    const { page } = watched;
    expect(await page.textContent('#dcc-notices')).toContain('2 listings could not be placed on the map');
    expect(await page.locator('.dcc-list-name').count()).toBe(2);
    // The default view is zoom 4: its tiles are the ones asked for (a fitted view is not written into the address).
    expect(await page.locator('.leaflet-tile').count()).toBeGreaterThan(0);
    expect(await page.locator('.leaflet-tile').first().getAttribute('src')).toMatch(/\/4\/\d+\/\d+\.png$/);
    expect(pageErrors(watched)).toEqual([]);
    await page.close();
  });

  it('reads a CSV data URL set in config.js', async () => {
    const config = "window.DCC_MAP_CONFIG = { dataUrl: 'data/master.csv', title: 'CSV Map', tileUrl: 'https://tiles.invalid/{z}/{x}/{y}.png', tileAttribution: 'Test tiles' };";
    const watched = await openSite(site, { config });
    const { page } = watched;
    expect(await shownCount(page)).toBe(7);
    expect(await page.textContent('h1')).toBe('CSV Map');
    expect(await page.title()).toBe('CSV Map');
    expect(await page.textContent('#dcc-notices')).toContain('1 listing could not be placed');
    expect(await page.textContent('.leaflet-control-attribution')).toContain('Test tiles');
    expect(pageErrors(watched)).toEqual([]);
    await page.close();
  });

  it('keeps working with a config file that is garbage', async () => {
    const watched = await openSite(site, { config: 'window.DCC_MAP_CONFIG = { dataUrl: 42, center: "nowhere", zoom: -3 };' });
    expect(await shownCount(watched.page)).toBe(20);
    await watched.page.close();
  });
});
