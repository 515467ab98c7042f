/**
 * Document properties and the document cache behind small interfaces, so handlers can be tested
 * with plain maps and the Apps Script versions make one read and at most one write per run.
 */

export interface PropertyStore {
  /** One property (one round trip unless everything was read already); undefined when absent. */
  get(key: string): string | undefined;
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

  private readonly single = new Map<string, string | undefined>();

  get(key: string): string | undefined {
    if (this.snapshot) return this.snapshot[key];
    // The live check runs on every edit: it reads the two keys it needs, never the decisions' shards.
    if (!this.single.has(key)) this.single.set(key, this.properties().getProperty(key) ?? undefined);
    return this.single.get(key);
  }

  getAll(): { readonly [key: string]: string } {
    this.snapshot ??= { ...this.properties().getProperties() };
    return this.snapshot;
  }

  setMany(values: { readonly [key: string]: string }): void {
    if (Object.keys(values).length === 0) return;
    this.properties().setProperties({ ...values }, false);
    if (this.snapshot) Object.assign(this.snapshot, values);
    for (const [key, value] of Object.entries(values)) this.single.set(key, value);
  }

  delete(key: string): void {
    this.properties().deleteProperty(key);
    if (this.snapshot) delete this.snapshot[key];
    this.single.delete(key);
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
