import { existsSync, readFileSync } from 'node:fs';
import type { FieldValues } from '../../../shared/schema';
import { writeFileAtomic } from '../io/atomic-write';
import type { GeoPoint, Geocoder } from './types';

type CacheFile = { [query: string]: GeoPoint | null };

/** The address a geocoder sees, as one cache key. */
export function geocodeQuery(address: FieldValues): string {
  return [address.street, address.street2, address.city, address.state, address.postal_code, address.country]
    .map((part) => (part ?? '').trim().toLowerCase()).join('|');
}

/**
 * Remembers every answer, misses included, in a JSON file, so a paid or rate-limited service
 * is asked about an address once. Call `save()` after a run.
 */
export class CachedGeocoder implements Geocoder {
  readonly name: string;
  readonly #cache: Map<string, GeoPoint | null>;
  #dirty = false;

  constructor(readonly inner: Geocoder, readonly path?: string) {
    this.name = inner.name;
    const stored: CacheFile = path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as CacheFile) : {};
    this.#cache = new Map(Object.entries(stored));
  }

  async geocode(address: FieldValues): Promise<GeoPoint | undefined> {
    const query = geocodeQuery(address);
    if (this.#cache.has(query)) return this.#cache.get(query) ?? undefined;
    const point = await this.inner.geocode(address);
    this.#cache.set(query, point ?? null);
    this.#dirty = true;
    return point;
  }

  save(): void {
    if (!this.path || !this.#dirty) return;
    writeFileAtomic(this.path, JSON.stringify(Object.fromEntries(this.#cache)));
    this.#dirty = false;
  }
}
