/**
 * Document properties and the document cache behind small interfaces, so handlers can be tested
 * with plain maps and the Apps Script versions make one read and at most one write per run.
 */

export interface PropertyStore {
  /** Every document property (one round trip, then served from memory). */
  getAll(): { readonly [key: string]: string };
  /** Writes several properties in one round trip. */
  setMany(values: { readonly [key: string]: string }): void;
  delete(key: string): void;
}

export interface CacheStore {
  getAll(keys: readonly string[]): { readonly [key: string]: string };
  putAll(values: { readonly [key: string]: string }, expirationInSeconds: number): void;
}

export class AppsScriptProperties implements PropertyStore {
  private store: GoogleAppsScript.Properties.Properties | undefined;
  private snapshot: { [key: string]: string } | undefined;

  getAll(): { readonly [key: string]: string } {
    this.snapshot ??= { ...this.properties().getProperties() };
    return this.snapshot;
  }

  setMany(values: { readonly [key: string]: string }): void {
    if (Object.keys(values).length === 0) return;
    this.properties().setProperties({ ...values }, false);
    if (this.snapshot) Object.assign(this.snapshot, values);
  }

  delete(key: string): void {
    this.properties().deleteProperty(key);
    if (this.snapshot) delete this.snapshot[key];
  }

  private properties(): GoogleAppsScript.Properties.Properties {
    this.store ??= PropertiesService.getDocumentProperties();
    return this.store;
  }
}

export class AppsScriptCache implements CacheStore {
  private readonly cache = CacheService.getDocumentCache() ?? CacheService.getScriptCache();

  getAll(keys: readonly string[]): { readonly [key: string]: string } {
    return keys.length === 0 ? {} : this.cache.getAll([...keys]);
  }

  putAll(values: { readonly [key: string]: string }, expirationInSeconds: number): void {
    this.cache.putAll({ ...values }, expirationInSeconds);
  }
}

/** In-memory stores for tests and benchmarks. */
export class MemoryProperties implements PropertyStore {
  constructor(private readonly values: { [key: string]: string } = {}) {}
  getAll(): { readonly [key: string]: string } {
    return this.values;
  }
  setMany(values: { readonly [key: string]: string }): void {
    Object.assign(this.values, values);
  }
  delete(key: string): void {
    delete this.values[key];
  }
}
