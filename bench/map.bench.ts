/**
 * The map site in headless Chromium with 5k and 50k synthetic listings: navigation → markers
 * visible, filter change → map and list updated (median and worst of a series of toggles), a
 * search, and the bundle's gzip size. Goals at 50k: < 1.5 s to interactive, < 100 ms per filter.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { VOCABULARIES } from '../shared/schema';
import { serveMap } from '../map-site/serve';

const CITIES: readonly [string, string, number, number][] = [
  ['Chicago', 'IL', 41.88, -87.63], ['New York', 'NY', 40.71, -74.0], ['Oakland', 'CA', 37.8, -122.27],
  ['Minneapolis', 'MN', 44.98, -93.27], ['Austin', 'TX', 30.27, -97.74], ['Seattle', 'WA', 47.61, -122.33],
  ['Atlanta', 'GA', 33.75, -84.39], ['Denver', 'CO', 39.74, -104.99], ['Boston', 'MA', 42.36, -71.06],
  ['Madison', 'WI', 43.07, -89.4], ['Portland', 'OR', 45.52, -122.68], ['Detroit', 'MI', 42.33, -83.05],
];

/** Deterministic, so runs compare: a tiny LCG rather than Math.random. */
function generator(seed: number): () => number {
  let state = seed;
  return () => { state = (state * 1664525 + 1013904223) % 4294967296; return state / 4294967296; };
}

function syntheticMaster(count: number): string {
  const random = generator(count);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const types = VOCABULARIES.org_type.terms.map((term) => term.label);
  const sectors = VOCABULARIES.sector.terms.map((term) => term.label);
  const legal = VOCABULARIES.legal_structure.terms.map((term) => term.label);
  const features = Array.from({ length: count }, (_, i) => {
    const [city, state, lat, lng] = pick(CITIES);
    const spread = random() < 0.2 ? 8 : 0.4;
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng + (random() - 0.5) * spread, lat + (random() - 0.5) * spread] },
      properties: {
        dcc_id: `dcc-${i}`, name: `${pick(['Sunrise', 'Commons', 'Union', 'Harvest', 'River', 'Maple'])} ${pick(types)} ${i}`,
        city, state, country: 'US', org_type: random() < 0.1 ? `${pick(types)}; ${pick(types)}` : pick(types),
        sector: pick(sectors), legal_structure: pick(legal), status: random() < 0.9 ? 'active' : pick(['inactive', 'closed']),
        description: `A ${pick(['worker-owned', 'member-owned', 'community'])} organization in ${city} offering ${pick(sectors)}.`,
        sources: 'bench',
      },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', dcc: { generated_at: new Date(0).toISOString(), sources: [] }, features });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number): string => `${value.toFixed(0)} ms`;

async function measure(browser: Browser, url: string, count: number): Promise<void> {
  const loads: number[] = [];
  let toggles: number[] = [];
  let search = NaN;
  for (let run = 0; run < 3; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    loads.push(await page.waitForFunction(() => document.body.dataset.state === 'ready'
      && document.querySelector('.dcc-cluster, .dcc-marker') ? performance.now() : 0, undefined, { polling: 'raf', timeout: 60_000 })
      .then((handle) => handle.jsonValue()));
    if (run === 0) {
      const spans = await page.evaluate(() => performance.getEntriesByType('measure')
        .filter((entry) => entry.name.startsWith('dcc:')).map((entry) => `${entry.name.slice(4)} ${entry.duration.toFixed(0)}`));
      console.log(`  first load spans (ms): ${spans.join(', ')}`);
      // Each toggle: the change handler filters, re-clusters and renders synchronously; two frames cover layout and paint.
      // Evaluated as source text: tsx would wrap named functions in a helper the page does not have.
      toggles = await page.evaluate<number[]>(`(async () => {
        const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
        const inputs = [...document.querySelectorAll('.dcc-filter input[type=checkbox]')].slice(0, 24);
        const times = [];
        for (const input of inputs) {
          for (let step = 0; step < 2; step++) {
            const start = performance.now();
            input.click();
            await frame();
            times.push(performance.now() - start);
          }
        }
        return times;
      })()`);
      search = await page.evaluate<number>(`(async () => {
        const input = document.querySelector('#dcc-search-input');
        input.value = 'harvest river';
        const start = performance.now();
        input.form.requestSubmit();
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        return performance.now() - start;
      })()`);
    }
    await page.close();
  }
  console.log(`${count.toLocaleString('en-US')} listings: navigation → markers visible median ${ms(median(loads))} (runs: ${loads.map(ms).join(', ')})`);
  console.log(`  filter change → map and list updated: median ${ms(median(toggles))}, worst ${ms(Math.max(...toggles))} over ${toggles.length} toggles`);
  console.log(`  search submit → updated: ${ms(search)}`);
}

export default async function bench(): Promise<void> {
  const root = join(__dirname, '..');
  const work = mkdtempSync(join(tmpdir(), 'dcc-map-bench-'));
  const site = join(work, 'site');
  execFileSync(process.execPath, [join(root, 'map-site', 'build.mjs'), '--outdir', site], { stdio: 'pipe' });
  const app = readFileSync(join(site, 'app.js'));
  const css = readFileSync(join(site, 'styles.css'));
  console.log(`bundle: app.js ${(app.length / 1024).toFixed(1)} KiB, ${(gzipSync(app).length / 1024).toFixed(1)} KiB gzip; `
    + `styles.css ${(gzipSync(css).length / 1024).toFixed(1)} KiB gzip`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // Tiles fail by name resolution rather than page.route: interception would put every request,
    // the data file's included, through a round trip to this process and distort the timings.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    for (const count of [5_000, 50_000]) {
      const data = join(work, `data-${count}`);
      mkdirSync(data);
      writeFileSync(join(data, 'master.geojson'), syntheticMaster(count));
      const server = await serveMap({ siteDir: site, dataDir: data });
      try {
        await measure(browser, server.url, count);
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}
