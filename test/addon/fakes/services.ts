/**
 * PropertiesService, CacheService, UrlFetchApp, LockService, HtmlService and friends, with the
 * limits of platform-notes.md §1.3–1.6: 9 KB per property value and 500 KB per store,
 * getProperty → null; cache keys ≤ 250 chars, values ≤ 100 KB, expiry 1…21600 s, get → null.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const KB = 1024;
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

export class FakeProperties {
  constructor(readonly store: Map<string, string>) {}
  getProperty(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  getProperties(): { [key: string]: string } {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  setProperty(key: string, value: string): this {
    return this.setProperties({ [key]: value });
  }
  setProperties(values: { [key: string]: string }, deleteAllOthers = false): this {
    for (const [key, value] of Object.entries(values)) {
      if (bytes(String(value)) > 9 * KB) throw new Error(`Argument too large: value (${key})`);
    }
    const next = new Map(deleteAllOthers ? [] : this.store);
    for (const [key, value] of Object.entries(values)) next.set(key, String(value));
    const total = [...next].reduce((sum, [key, value]) => sum + bytes(key) + bytes(value), 0);
    if (total > 500 * KB) throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
    this.store.clear();
    for (const [key, value] of next) this.store.set(key, value);
    return this;
  }
  deleteProperty(key: string): this {
    this.store.delete(key);
    return this;
  }
  deleteAllProperties(): this {
    this.store.clear();
    return this;
  }
}

export class FakeCache {
  /** key → value and expiry (ms on the fake clock). */
  readonly entries = new Map<string, { value: string; expires: number }>();
  constructor(private readonly now: () => number) {}

  private checkKey(key: string): void {
    if (key.length > 250) throw new Error('Argument too large: key');
  }
  get(key: string): string | null {
    this.checkKey(key);
    const entry = this.entries.get(key);
    if (!entry || entry.expires <= this.now()) return null;
    return entry.value;
  }
  getAll(keys: string[]): { [key: string]: string } {
    const out: { [key: string]: string } = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) out[key] = value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds = 600): void {
    this.putAll({ [key]: value }, expirationInSeconds);
  }
  putAll(values: { [key: string]: string }, expirationInSeconds = 600): void {
    if (!(expirationInSeconds >= 1 && expirationInSeconds <= 21600)) throw new Error('Invalid argument: expirationInSeconds');
    for (const [key, value] of Object.entries(values)) {
      this.checkKey(key);
      if (bytes(value) > 100 * KB) throw new Error('Argument too large: value');
    }
    for (const [key, value] of Object.entries(values)) {
      this.entries.set(key, { value, expires: this.now() + expirationInSeconds * 1000 });
    }
    if (this.entries.size > 1000) {
      // Above 1,000 items the cache keeps the 900 farthest from expiry.
      const keep = [...this.entries].sort((a, b) => b[1].expires - a[1].expires).slice(0, 900);
      this.entries.clear();
      for (const [key, entry] of keep) this.entries.set(key, entry);
    }
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
  removeAll(keys: string[]): void {
    for (const key of keys) this.entries.delete(key);
  }
}

export interface UrlResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Does `url` fall under one of the manifest's urlFetchWhitelist prefixes?
 * https://developers.google.com/apps-script/manifest/allowlist-url: each prefix is https with a
 * full domain and a non-empty path; "a single wildcard (*) as a leading prefix" matches
 * subdomains. A URL matches when it starts with the prefix (the fake compares case-sensitively,
 * the harsher reading; how Google normalizes case is UNCONFIRMED).
 */
export function allowedByList(url: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => {
    const wild = /^https:\/\/\*\.([^/]+)(\/.*)$/.exec(prefix);
    if (!wild) return url.startsWith(prefix);
    const match = /^https:\/\/([^/]+)(\/.*)?$/.exec(url);
    if (!match) return false;
    const host = match[1] ?? '';
    return host.endsWith(`.${wild[1]}`) && (match[2] ?? '/').startsWith(wild[2] ?? '/');
  });
}

/**
 * UrlFetchApp (https://developers.google.com/apps-script/reference/url-fetch/url-fetch-app).
 * In a versioned deployment (a published add-on) the manifest's urlFetchWhitelist is required
 * and binding: a URL outside it is refused before any request
 * (https://developers.google.com/apps-script/manifest/allowlist-url). The refusal's wording is
 * UNCONFIRMED; the fake throws before recording a request. A manifest with no list refuses every
 * URL in a versioned deployment (the deployment could not exist; modelled as the harsher case).
 */
export class FakeUrlFetchApp {
  readonly requests: string[] = [];
  /** 'versioned' = a published add-on (allowlist enforced); 'test' = a test deployment. */
  deployment: 'versioned' | 'test' = 'versioned';
  constructor(private readonly routes: Map<string, UrlResponse>, private readonly allowlist: () => readonly string[] | undefined = () => undefined) {}
  fetch(url: string, params: { muteHttpExceptions?: boolean } = {}): { getResponseCode(): number; getContentText(): string } {
    if (this.deployment === 'versioned' && !allowedByList(url, this.allowlist() ?? [])) {
      throw new Error(`Exception: Script is not allowed to fetch ${url}: it is not in the add-on's urlFetchWhitelist.`);
    }
    this.requests.push(url);
    if (url.length > 2 * KB) throw new Error('Limit exceeded: URLFetch URL Length.');
    const route = this.routes.get(url);
    if (!route) throw new Error(`Address unavailable: ${url}`);
    if (route.status >= 400 && !params.muteHttpExceptions) {
      throw new Error(`Request failed for ${url} returned code ${route.status}. Truncated server response: ${route.body.slice(0, 100)}`);
    }
    return { getResponseCode: () => route.status, getContentText: () => route.body };
  }
}

export class FakeLock {
  private held = false;
  /** Set by a test to play another editor holding the lock. */
  heldElsewhere = false;
  tryLock(_ms: number): boolean {
    if (this.heldElsewhere) return false;
    this.held = true;
    return true;
  }
  waitLock(_ms: number): void {
    if (this.heldElsewhere) throw new Error('Lock timeout: another process was holding the lock for too long.');
    this.held = true;
  }
  hasLock(): boolean {
    return this.held;
  }
  releaseLock(): void {
    this.held = false;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export class FakeHtmlOutput {
  private title = '';
  constructor(private readonly content: string) {}
  getContent(): string {
    return this.content;
  }
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
}

/**
 * Templates support printing scriptlets naming a template property: `<?= name ?>` (HTML-escaped)
 * and `<?!= name ?>` (raw). Any other scriptlet is refused so the add-on cannot rely on more.
 */
export class FakeHtmlTemplate {
  [property: string]: unknown;
  constructor(private readonly source: string) {}
  evaluate(): FakeHtmlOutput {
    const html = this.source.replace(/<\?(!?=)?\s*([\s\S]*?)\s*\?>/g, (_all, kind: string | undefined, name: string) => {
      if (!kind || !/^\w+$/.test(name)) throw new Error(`Unsupported scriptlet in the fake: ${name}`);
      const value = String(this[name] ?? '');
      return kind === '=' ? escapeHtml(value) : value;
    });
    return new FakeHtmlOutput(html);
  }
}

export class FakeHtmlService {
  constructor(private readonly directory: string) {}
  private read(name: string): string {
    const file = join(this.directory, name.endsWith('.html') ? name : `${name}.html`);
    if (!existsSync(file)) throw new Error(`No HTML file named ${name} was found.`);
    const html = readFileSync(file, 'utf8');
    if ((html.match(/<script\b/g) ?? []).length !== (html.match(/<\/script>/g) ?? []).length) {
      throw new Error(`Malformed HTML content: ${name}`);
    }
    return html;
  }
  createHtmlOutputFromFile(name: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this.read(name));
  }
  createTemplateFromFile(name: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this.read(name));
  }
  createHtmlOutput(html = ''): FakeHtmlOutput {
    return new FakeHtmlOutput(html);
  }
}

/** Reads the JSON payload a sidebar carries, undoing the template's HTML escaping. */
export function sidebarPayload<T = unknown>(content: string): T {
  const match = /<div id="payload" hidden>([\s\S]*?)<\/div>/.exec(content);
  if (!match) throw new Error('The sidebar has no payload element.');
  const text = (match[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return JSON.parse(text) as T;
}
