/**
 * The map site against what people use today, side by side in one run in headless Chromium: a
 * plain Leaflet page with Leaflet.markercluster (`chunkedLoading`) on the same master.geojson.
 * Figures: navigation → markers visible (medians of 3 runs each, interleaved, and the ratio to
 * the baseline; goal ≤ 0.25× at 50k), filter change → map and list updated (goal < 100 ms median
 * at 50k), and at 200k listings: markers visible no later than the baseline at 50k and no long
 * task over 200 ms after load (PerformanceObserver 'longtask'). The site reads the bot's published
 * files (master.map.json with its .br/.gz copies, written by the publish step's own code).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { VOCABULARIES } from '../shared/schema';
import type { DccFeatureCollection } from '../shared/publish';
import { writeMapFiles } from '../bot/src/jobs/stages/publish-map';
import { serveMap } from '../bot/src/serve/static-map-server';

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

function syntheticMaster(count: number): DccFeatureCollection {
  const random = generator(count);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const types = VOCABULARIES.org_type.terms.map((term) => term.label);
  const sectors = VOCABULARIES.sector.terms.map((term) => term.label);
  const legal = VOCABULARIES.legal_structure.terms.map((term) => term.label);
  const features = Array.from({ length: count }, (_, i) => {
    const [city, state, lat, lng] = pick(CITIES);
    const spread = random() < 0.2 ? 8 : 0.4;
    return {
      type: 'Feature', id: `dcc-${i}`,
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
  return { type: 'FeatureCollection', dcc: { generated_at: new Date(0).toISOString(), sources: [] }, features } as unknown as DccFeatureCollection;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number): string => `${value.toFixed(0)} ms`;
const RUNS = 3;

const BASELINE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Leaflet.markercluster baseline</title>
<link rel="stylesheet" href="leaflet.css"><link rel="stylesheet" href="MarkerCluster.css"><link rel="stylesheet" href="MarkerCluster.Default.css">
<style>html, body, #map { height: 100%; margin: 0; }</style></head>
<body><div id="map"></div><script src="leaflet.js"></script><script src="leaflet.markercluster.js"></script>
<script>
  const map = L.map('map').setView([39.5, -98.35], 4);
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 18 }).addTo(map);
  fetch('data/master.geojson').then((response) => response.json()).then((data) => {
    const group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkProgress: (done, total) => { if (done === total) document.body.dataset.state = 'ready'; },
    });
    const layer = L.geoJSON(data, { onEachFeature: (feature, marker) => marker.bindPopup(() => feature.properties.name) });
    group.addLayers(layer.getLayers());
    map.addLayer(group);
    map.fitBounds(group.getBounds());
  });
</script></body></html>`;

function baselineSite(dir: string): string {
  mkdirSync(dir);
  const leaflet = join(__dirname, '..', 'node_modules', 'leaflet', 'dist');
  const cluster = join(__dirname, '..', 'node_modules', 'leaflet.markercluster', 'dist');
  for (const file of ['leaflet.js', 'leaflet.css']) copyFileSync(join(leaflet, file), join(dir, file));
  for (const file of ['leaflet.markercluster.js', 'MarkerCluster.css', 'MarkerCluster.Default.css']) copyFileSync(join(cluster, file), join(dir, file));
  writeFileSync(join(dir, 'index.html'), BASELINE_PAGE);
  return dir;
}

/** Long tasks from the start of the page, observed as the browser reports them. */
const OBSERVE_LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]); })
  .observe({ type: 'longtask', buffered: true });`;

/** Navigation → the ready state and a marker or cluster on screen, in page time. */
async function open(browser: Browser, url: string, markers: string): Promise<{ page: Page; visible: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(OBSERVE_LONG_TASKS);
  await page.goto(url);
  const visible = await page.waitForFunction((selector) => document.body.dataset.state === 'ready'
    && document.querySelector(selector) ? performance.now() : 0, markers, { polling: 'raf', timeout: 180_000 })
    .then((handle) => handle.jsonValue());
  return { page, visible };
}

const SITE_MARKERS = '.dcc-cluster, .dcc-marker';
const BASELINE_MARKERS = '.marker-cluster, .leaflet-marker-icon';

/** The longest task after `from` over a quiet second and a half, and the number of long tasks. */
async function longTasksAfter(page: Page, from: number): Promise<{ worst: number; count: number }> {
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate<[number, number][]>('window.__longTasks');
  const after = tasks.filter(([start]) => start >= from);
  return { worst: Math.max(0, ...after.map(([, duration]) => duration)), count: after.length };
}

async function interactions(page: Page): Promise<{ toggles: number[]; search: number }> {
  // Each toggle: the change handler filters, clusters and renders synchronously; two frames cover layout and paint.
  // Evaluated as source text: tsx would wrap named functions in a helper the page does not have.
  const toggles = await page.evaluate<number[]>(`(async () => {
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
  // The first search waits for the listings' details (descriptions), which the map format publishes apart.
  const search = await page.evaluate<number>(`(async () => {
    const input = document.querySelector('#dcc-search-input');
    input.value = 'harvest river';
    const start = performance.now();
    input.form.requestSubmit();
    const status = document.querySelector('#dcc-status');
    while (/Searching/.test(status.textContent)) await new Promise((done) => setTimeout(done, 5));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return performance.now() - start;
  })()`);
  return { toggles, search };
}

export default async function bench(): Promise<void> {
  const root = join(__dirname, '..');
  const work = mkdtempSync(join(tmpdir(), 'dcc-map-bench-'));
  const site = join(work, 'site');
  execFileSync(process.execPath, [join(root, 'map-site', 'build.mjs'), '--outdir', site], { stdio: 'pipe' });
  const baseline = baselineSite(join(work, 'baseline'));
  const app = readFileSync(join(site, 'app.js'));
  const worker = readFileSync(join(site, 'worker.js'));
  const css = readFileSync(join(site, 'styles.css'));
  console.log(`bundle: app.js ${(app.length / 1024).toFixed(1)} KiB, ${(gzipSync(app).length / 1024).toFixed(1)} KiB gzip; `
    + `worker.js ${(gzipSync(worker).length / 1024).toFixed(1)} KiB gzip; styles.css ${(gzipSync(css).length / 1024).toFixed(1)} KiB gzip`);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    // Tiles fail by name resolution rather than page.route: interception would put every request,
    // the data file's included, through a round trip to this process and distort the timings.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  let baselineAt50k = NaN;
  try {
    for (const count of [50_000, 200_000]) {
      const data = join(work, `data-${count}`);
      mkdirSync(data);
      const collection = syntheticMaster(count);
      const geojson = JSON.stringify(collection);
      writeFileSync(join(data, 'master.geojson'), geojson);
      await writeMapFiles(data, collection);
      const sizes = ['master.map.json', 'master.map.json.br', 'master.map-details.json.br']
        .map((file) => `${file} ${(readFileSync(join(data, file)).length / 1048576).toFixed(2)} MiB`);
      console.log(`\n${count.toLocaleString('en-US')} listings: master.geojson ${(geojson.length / 1048576).toFixed(1)} MiB; ${sizes.join(', ')}`);
      const siteServer = await serveMap({ siteDir: site, dataDir: data });
      const baselineServer = await serveMap({ siteDir: baseline, dataDir: data });
      try {
        const siteTimes: number[] = [];
        const baseTimes: number[] = [];
        let worst = { worst: 0, count: 0 };
        let figures: { toggles: number[]; search: number } | null = null;
        let spans = '';
        // The baseline at 200k takes minutes and is not the goal's reference: it runs at 50k only.
        const withBaseline = count === 50_000;
        for (let run = 0; run < RUNS; run++) {
          const opened = await open(browser, siteServer.url, SITE_MARKERS);
          siteTimes.push(opened.visible);
          const tasks = await longTasksAfter(opened.page, opened.visible);
          if (tasks.worst > worst.worst) worst = tasks;
          if (run === 0) {
            spans = (await opened.page.evaluate(() => performance.getEntriesByType('measure')
              .filter((entry) => entry.name.startsWith('dcc:')).map((entry) => `${entry.name.slice(4)} ${entry.duration.toFixed(0)}`))).join(', ');
            figures = await interactions(opened.page);
          }
          await opened.page.close();
          if (withBaseline) {
            const base = await open(browser, baselineServer.url, BASELINE_MARKERS);
            baseTimes.push(base.visible);
            await base.page.close();
          }
        }
        const siteMedian = median(siteTimes);
        console.log(`  site: navigation → markers visible median ${ms(siteMedian)} (runs: ${siteTimes.map(ms).join(', ')}); first load spans (ms): ${spans}`);
        if (withBaseline) {
          baselineAt50k = median(baseTimes);
          console.log(`  baseline (Leaflet.markercluster, chunkedLoading, master.geojson): median ${ms(baselineAt50k)} (runs: ${baseTimes.map(ms).join(', ')})`);
          console.log(`  ratio site / baseline: ${(siteMedian / baselineAt50k).toFixed(2)}× (goal ≤ 0.25×)`);
        } else {
          console.log(`  ratio to the baseline at 50k: ${(siteMedian / baselineAt50k).toFixed(2)}× (goal ≤ 1×)`);
        }
        console.log(`  long tasks after markers visible: worst ${ms(worst.worst)} (${worst.count} over 50 ms; goal: none over 200 ms)`);
        if (figures) {
          console.log(`  filter change → map and list updated: median ${ms(median(figures.toggles))}, worst ${ms(Math.max(...figures.toggles))} over ${figures.toggles.length} toggles (goal < 100 ms median at 50k)`);
          console.log(`  first search submit → updated (fetches the details file): ${ms(figures.search)}`);
        }
      } finally {
        await siteServer.close();
        await baselineServer.close();
      }
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}
