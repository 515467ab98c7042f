/**
 * The published master CSV, cached in CacheService between runs. A cache value holds at most
 * 100 KB and a key at most 250 characters, so the text is split into chunks under a short key
 * derived from the URL, with a manifest saying how many chunks make it whole.
 */
import type { CacheStore } from '../services/stores';
import { splitByBytes } from './shards';

export const CACHE_CHUNK_BYTES = 95_000;
/** Expiry is only a hint to CacheService; an hour keeps repeated compares fast without going stale for long. */
export const CACHE_SECONDS = 3_600;
/** CacheService keeps about 1,000 items; a master bigger than this many chunks is fetched every time. */
export const MAX_CHUNKS = 200;

export function cacheKey(url: string): string {
  // FNV-1a: short, stable, and enough to tell a handful of URLs apart.
  let hash = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    hash ^= url.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `dcc.commons.${hash.toString(16)}.${url.length}`;
}

export function readCached(cache: CacheStore, url: string): string | undefined {
  const base = cacheKey(url);
  const manifest = cache.getAll([base])[base];
  if (!manifest) return undefined;
  const [countText, urlText] = [manifest.slice(0, manifest.indexOf(' ')), manifest.slice(manifest.indexOf(' ') + 1)];
  const count = Number(countText);
  if (urlText !== url || !Number.isInteger(count) || count < 1 || count > MAX_CHUNKS) return undefined;
  const keys = Array.from({ length: count }, (_, index) => `${base}.${index}`);
  const chunks = cache.getAll(keys);
  const parts: string[] = [];
  for (const key of keys) {
    const part = chunks[key];
    if (part === undefined || part === null) return undefined; // One chunk evicted: the whole copy is unusable.
    parts.push(part);
  }
  return parts.join('');
}

export function writeCached(cache: CacheStore, url: string, text: string): boolean {
  const chunks = splitByBytes(text, CACHE_CHUNK_BYTES);
  if (chunks.length > MAX_CHUNKS || url.length > 2_000) return false;
  const base = cacheKey(url);
  const values: { [key: string]: string } = {};
  chunks.forEach((chunk, index) => (values[`${base}.${index}`] = chunk));
  values[base] = `${chunks.length} ${url}`;
  cache.putAll(values, CACHE_SECONDS);
  return true;
}
