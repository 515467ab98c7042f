/**
 * Serves the built map site with a published folder as its data (`/data/*`), building the site
 * first when its dist/ is missing. Used by `dcc demo` and `dcc serve-map`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { serveMap, type MapServer } from './static-map-server';
import { DccError } from '../errors';

/** The checkout's root: the nearest folder up holding map-site/ (this file may run from bot/src or bundled in bot/dist). */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'map-site', 'build.mjs')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(start, '..', '..', '..');
  }
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const MAP_SITE_DIR = join(REPO_ROOT, 'map-site');

export function ensureMapSiteBuilt(siteDir = join(MAP_SITE_DIR, 'dist')): string {
  if (existsSync(join(siteDir, 'index.html')) && existsSync(join(siteDir, 'app.js'))) return siteDir;
  const script = join(MAP_SITE_DIR, 'build.mjs');
  if (!existsSync(script)) throw new DccError('the map site is missing (map-site/build.mjs not found)', 'dcc_internal');
  const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new DccError('building the map site failed (see above)', 'dcc_internal');
  return siteDir;
}

/** Serves on `port`, or on any free port when that one is taken. */
export async function serveDemoMap(dataDir: string, port: number): Promise<MapServer> {
  const siteDir = ensureMapSiteBuilt();
  try {
    return await serveMap({ siteDir, dataDir, port });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE' || port === 0) throw error;
    return serveMap({ siteDir, dataDir, port: 0 });
  }
}
