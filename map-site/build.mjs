// Builds the static site into map-site/dist/ (or `--outdir DIR`): index.html, config.js,
// app.js and worker.js (esbuild bundles), styles.css (Leaflet's CSS + ours) and Leaflet's images.
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const at = process.argv.indexOf('--outdir');
const outdir = resolve(at !== -1 && process.argv[at + 1] ? process.argv[at + 1] : join(here, 'dist'));
const leaflet = join(here, '..', 'node_modules', 'leaflet', 'dist');

mkdirSync(outdir, { recursive: true });
// app.js, and worker.js: the worker that fetches and parses the data off the page's thread.
await build({
  entryPoints: { app: join(here, 'src', 'main.ts'), worker: join(here, 'src', 'data', 'worker.ts') },
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
writeFileSync(join(outdir, 'styles.css'),
  `${readFileSync(join(leaflet, 'leaflet.css'), 'utf8')}\n${readFileSync(join(here, 'styles', 'site.css'), 'utf8')}`);
cpSync(join(leaflet, 'images'), join(outdir, 'images'), { recursive: true });
copyFileSync(join(here, 'index.html'), join(outdir, 'index.html'));
copyFileSync(join(here, 'config.js'), join(outdir, 'config.js'));
console.log(`map-site: built ${outdir}`);
