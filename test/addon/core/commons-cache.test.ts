import { cacheKey, readCached, writeCached } from '../../../addon/src/core/commons-cache';
import type { CacheStore } from '../../../addon/src/services/stores';

class MapCache implements CacheStore {
  readonly map = new Map<string, string>();
  getAll(keys: readonly string[]): { [key: string]: string } {
    return Object.fromEntries(keys.filter((key) => this.map.has(key)).map((key) => [key, this.map.get(key) ?? '']));
  }
  putAll(values: { readonly [key: string]: string }): void {
    for (const [key, value] of Object.entries(values)) this.map.set(key, value);
  }
}

describe('the commons cache', () => {
  it('round-trips text bigger than one cache value', () => {
    const cache = new MapCache();
    const text = 'é,"ü"\r\n'.repeat(40_000);
    expect(writeCached(cache, 'https://x.example/m.csv', text)).toBe(true);
    expect(cache.map.size).toBeGreaterThan(3);
    expect(readCached(cache, 'https://x.example/m.csv')).toBe(text);
  });

  it('treats a missing chunk as a miss', () => {
    const cache = new MapCache();
    writeCached(cache, 'https://x.example/m.csv', 'a'.repeat(300_000));
    cache.map.delete(`${cacheKey('https://x.example/m.csv')}.1`);
    expect(readCached(cache, 'https://x.example/m.csv')).toBeUndefined();
  });

  it('uses keys well under 250 characters even for long URLs', () => {
    expect(cacheKey(`https://x.example/${'a'.repeat(1900)}`).length).toBeLessThan(60);
  });
});
