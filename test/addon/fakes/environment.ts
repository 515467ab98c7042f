/**
 * Loads the BUILT add-on (addon/dist/Code.js) into a Node vm context with every fake service
 * installed as a global, and drives it the way Apps Script does: triggers with their event
 * objects and AuthMode, menu items by function name, google.script.run targets with copied
 * arguments.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { CallLog, counted, type ServiceName } from './calls';
import { FakeSpreadsheetApp, SheetState, type FakeSheet, type UiRecord } from './spreadsheet';
import { coerce } from './sheet-values';
import {
  FakeCache, FakeHtmlService, FakeLock, FakeProperties, FakeUrlFetchApp, sidebarPayload, type UrlResponse,
} from './services';

export type AuthMode = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';

const ROOT = join(__dirname, '..', '..', '..');
export const DIST = join(ROOT, 'addon', 'dist');

/** Builds the bundle when it is missing or older than any source it comes from. */
export function ensureBuilt(): void {
  const code = join(DIST, 'Code.js');
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
  const sources = Math.max(newest(join(ROOT, 'addon', 'src')), newest(join(ROOT, 'shared')),
    statSync(join(ROOT, 'addon', 'build.mjs')).mtimeMs, statSync(join(ROOT, 'addon', 'appsscript.json')).mtimeMs);
  if (!existsSync(code) || statSync(code).mtimeMs < sources) {
    execFileSync(process.execPath, [join(ROOT, 'addon', 'build.mjs')], { stdio: 'pipe' });
  }
}

let cachedCode: string | undefined;
function bundle(): string {
  ensureBuilt();
  cachedCode ??= readFileSync(join(DIST, 'Code.js'), 'utf8');
  return cachedCode;
}

/** The manifest the bundle ships with (addon/dist/appsscript.json). */
export function manifest(): { timeZone?: string; urlFetchWhitelist?: string[]; oauthScopes?: string[] } {
  ensureBuilt();
  return JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')) as { timeZone?: string; urlFetchWhitelist?: string[] };
}

/**
 * Execution budgets (https://developers.google.com/apps-script/guides/services/quotas: "Script
 * runtime 6 min / execution"; https://developers.google.com/apps-script/guides/triggers: simple
 * triggers "cannot run for longer than 30 seconds").
 */
export const SIMPLE_TRIGGER_MS = 30_000;
export const EXECUTION_MS = 6 * 60_000;
/**
 * Modelled time of a service call: Google publishes no latency, so the fake charges a flat
 * 100 ms per call plus 0.02 ms per cell read or written (UNCONFIRMED; chosen on the slow side of
 * what scripts commonly see, so a handler that fits here has room in the real thing).
 */
export const CALL_MS = 100;
export const CELL_MS = 0.02;
/** Text of the runtime limit error (UNCONFIRMED wording; it is what executions commonly log). */
export const TIMEOUT_ERROR = 'Exceeded maximum execution time';

/**
 * What each AuthMode refuses (AO-auth, https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle):
 * NONE allows only the menu; LIMITED (simple triggers) allows the document and Properties but not
 * UrlFetch, and the fake also refuses sidebars and dialogs there: simple triggers "can't perform
 * operations that require authorization" (https://developers.google.com/apps-script/guides/triggers#restrictions),
 * and whether a sidebar opens from one is not stated, so the harsher case is modelled.
 */
function refuse(mode: AuthMode, service: ServiceName, method: string): string | undefined {
  if (mode === 'LIMITED' && service === 'ui' && /^show(Sidebar|ModalDialog|ModelessDialog)$/.test(method)) {
    return `You do not have permission to call Ui.${method} from a simple trigger (AuthMode.LIMITED).`;
  }
  if (mode === 'NONE') {
    const menuOnly = (service === 'ui' && ['createAddonMenu', 'addItem', 'addSeparator', 'addToUi'].includes(method))
      || (service === 'spreadsheet' && method === 'getUi') || service === 'utilities';
    return menuOnly ? undefined : `You do not have permission to call ${service}.${method} in AuthMode.NONE`;
  }
  if (mode === 'LIMITED' && service === 'urlfetch') {
    return 'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request';
  }
  if (mode === 'CUSTOM_FUNCTION' && service === 'spreadsheet' && /^(set|insert|protect|activate|merge)/.test(method)) {
    return `You do not have permission to call ${method}`;
  }
  return undefined;
}

export interface AddonEnvironment {
  readonly calls: CallLog;
  readonly ui: UiRecord;
  readonly app: FakeSpreadsheetApp;
  readonly properties: Map<string, string>;
  readonly cache: FakeCache;
  readonly urls: Map<string, UrlResponse>;
  readonly fetches: string[];
  readonly lock: FakeLock;
  readonly context: vm.Context;
  /** The vm realm's Date, for cells holding dates (instanceof must hold inside the bundle). */
  readonly Date: DateConstructor;
  clock: number;
  authMode: AuthMode;
  /** Modelled milliseconds the current execution has used (see CALL_MS). */
  readonly elapsed: number;
  /** The first tab (or the named one). */
  sheet(name?: string): FakeSheet;
  state(name?: string): SheetState;
  /** Adds a tab; the active tab stays where it was. */
  addTab(name: string, state: SheetState): FakeSheet;
  /** The member clicks a tab. */
  activate(name: string): void;
  readonly fetcher: FakeUrlFetchApp;
  /** Calls a global by name as Apps Script would (menu click, google.script.run: FULL mode). */
  run<T = unknown>(name: string, ...args: unknown[]): T;
  open(mode: AuthMode): void;
  /** The member types into a cell (or pastes a block) on a tab (the active one by default); onEdit fires. */
  edit(row: number, column: number, value: unknown, numRows?: number, numColumns?: number, tab?: string): void;
  /** The payload of the last sidebar shown. */
  lastSidebar<T = unknown>(): T;
}

export function createEnvironment(state: SheetState = new SheetState()): AddonEnvironment {
  const calls = new CallLog();
  const ui: UiRecord = { menus: [], sidebars: [], alerts: [] };
  const properties = new Map<string, string>();
  const urls = new Map<string, UrlResponse>();
  const shipped = manifest();
  // The vm shares Node's local zone, which must be the script's manifest zone (Session.getScriptTimeZone).
  process.env.TZ = shipped.timeZone ?? 'Etc/UTC';
  const env = { authMode: 'FULL' as AuthMode, clock: Date.UTC(2026, 10, 25, 12), elapsed: 0, budget: EXECUTION_MS, timedOut: false };
  const guard = (service: ServiceName) => (method: string): void => {
    const refusal = refuse(env.authMode, service, method);
    if (refusal) throw new Error(refusal);
    if (service === 'ui' || service === 'html' || service === 'utilities') return;
    env.elapsed += CALL_MS;
    if (env.timedOut || env.elapsed > env.budget) {
      env.timedOut = true;
      throw new Error(TIMEOUT_ERROR);
    }
  };
  const app = new FakeSpreadsheetApp(calls, ui, (service, method) => guard(service)(method));
  app.addSheet('Directory', state);
  app.onCells = (cells) => {
    env.elapsed += cells * CELL_MS;
  };
  const cache = new FakeCache(() => env.clock);
  const fetcher = new FakeUrlFetchApp(urls, () => shipped.urlFetchWhitelist);
  const documentProperties = new FakeProperties(properties);
  const scriptProperties = new FakeProperties(new Map());
  const userProperties = new FakeProperties(new Map());
  const lock = new FakeLock();

  const globals = {
    SpreadsheetApp: counted(app, 'spreadsheet', calls, guard('spreadsheet')),
    PropertiesService: counted({
      getDocumentProperties: () => counted(documentProperties, 'properties', calls, guard('properties')),
      getScriptProperties: () => counted(scriptProperties, 'properties', calls, guard('properties')),
      getUserProperties: () => counted(userProperties, 'properties', calls, guard('properties')),
    }, 'properties', calls, guard('properties')),
    CacheService: counted({
      getDocumentCache: () => counted(cache, 'cache', calls, guard('cache')),
      getScriptCache: () => counted(cache, 'cache', calls, guard('cache')),
      getUserCache: () => counted(cache, 'cache', calls, guard('cache')),
    }, 'cache', calls, guard('cache')),
    UrlFetchApp: counted(fetcher, 'urlfetch', calls, guard('urlfetch')),
    LockService: counted({
      getDocumentLock: () => counted(lock, 'lock', calls, guard('lock')),
      getScriptLock: () => counted(lock, 'lock', calls, guard('lock')),
      getUserLock: () => counted(lock, 'lock', calls, guard('lock')),
    }, 'lock', calls, guard('lock')),
    HtmlService: counted(new FakeHtmlService(DIST), 'html', calls, guard('html')),
    Session: counted({
      getTemporaryActiveUserKey: () => 'user-key-1',
      getActiveUser: () => ({ getEmail: () => '' }),
      getScriptTimeZone: () => shipped.timeZone ?? 'Etc/UTC',
    }, 'session', calls, guard('session')),
    Utilities: counted({
      sleep: (_ms: number) => undefined,
      DigestAlgorithm: { MD5: 'MD5', SHA_256: 'SHA_256' },
    }, 'utilities', calls, guard('utilities')),
    ScriptApp: { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', FULL: 'FULL' } },
    Logger: { log: (..._args: unknown[]) => undefined },
    console,
  };
  const context = vm.createContext({ ...globals });
  vm.runInContext(bundle(), context, { filename: 'Code.js' });
  const realmDate = vm.runInContext('Date', context) as DateConstructor;
  app.RealmDate = realmDate;
  const begin = (mode: AuthMode, budget: number): void => {
    env.authMode = mode;
    env.elapsed = 0;
    env.budget = budget;
    env.timedOut = false;
  };
  // google.script.run hands the server a copy made of primitives, arrays and plain objects.
  const parseInRealm = vm.runInContext('JSON.parse', context) as (text: string) => unknown;
  const copyIn = (value: unknown): unknown => (value === undefined ? undefined : parseInRealm(JSON.stringify(value)));

  const tab = (name?: string): FakeSheet => {
    const found = name === undefined ? app.sheets[0] : app.sheets.find((sheet) => sheet.getName() === name);
    if (!found) throw new Error(`No tab named ${name}`);
    return found;
  };
  const environment: AddonEnvironment = {
    calls, ui, app, properties, cache, urls, context, fetcher,
    fetches: fetcher.requests,
    lock,
    Date: realmDate,
    get clock() { return env.clock; },
    set clock(value: number) { env.clock = value; },
    get authMode() { return env.authMode; },
    set authMode(mode: AuthMode) { env.authMode = mode; },
    get elapsed() { return env.elapsed; },
    sheet: (name?: string) => tab(name),
    state: (name?: string) => tab(name).state,
    addTab: (name: string, tabState: SheetState) => app.addSheet(name, tabState),
    activate: (name: string) => app.activate(name),
    run<T>(name: string, ...args: unknown[]): T {
      begin('FULL', EXECUTION_MS);
      const fn = (context as { [key: string]: unknown })[name];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${name}`);
      const copied = args.map(copyIn);
      const result = (fn as (...a: unknown[]) => unknown)(...copied);
      // Return values cross back as copies too; a Date or function inside would fail here as in Apps Script.
      return (result === undefined ? undefined : JSON.parse(JSON.stringify(assertTransferable(result)))) as T;
    },
    open(mode: AuthMode): void {
      begin(mode, SIMPLE_TRIGGER_MS);
      const fn = (context as { onOpen: (e: unknown) => void }).onOpen;
      fn({ authMode: mode, source: mode === 'NONE' ? undefined : {}, user: undefined });
      env.authMode = 'FULL';
    },
    edit(row: number, column: number, value: unknown, numRows = 1, numColumns = 1, tabName?: string): void {
      const sheet = tabName === undefined ? (app.sheets[app.activeIndex] as FakeSheet) : tab(tabName);
      // The member's typing is not a script call: write straight into the state, then fire the trigger.
      // Typed text is parsed as Sheets parses typing ("1/1/1998" becomes a date).
      if (numRows === 1 && numColumns === 1) {
        const typed = coerce(value, app.timeZone);
        sheet.state.set(sheet.state.values, row, column, typed.value);
        sheet.state.set(sheet.state.formulas, row, column, typed.formula);
      }
      begin('LIMITED', SIMPLE_TRIGGER_MS);
      const range = sheet.self.getRange(row, column, numRows, numColumns);
      calls.reset();
      env.elapsed = 0;
      const fn = (context as { onEdit: (e: unknown) => void }).onEdit;
      fn({ authMode: 'LIMITED', range, source: {}, value: numRows === 1 && numColumns === 1 ? value : undefined });
      env.authMode = 'FULL';
    },
    lastSidebar<T>(): T {
      const last = ui.sidebars[ui.sidebars.length - 1];
      if (!last) throw new Error('No sidebar was shown.');
      return sidebarPayload<T>(last.content);
    },
  };
  return environment;
}

function assertTransferable(value: unknown, path = 'result'): unknown {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  if (typeof value === 'function' || Object.prototype.toString.call(value) === '[object Date]') {
    throw new Error(`Illegal value for google.script.run at ${path}`);
  }
  if (Array.isArray(value)) value.forEach((item, index) => assertTransferable(item, `${path}[${index}]`));
  else if (typeof value === 'object') for (const [key, item] of Object.entries(value)) assertTransferable(item, `${path}.${key}`);
  return value;
}

/** A sheet filled from rows (row 1 first); `""` cells stay empty. */
export function sheetFrom(rows: readonly (readonly (string | number | boolean | Date)[])[], maxRows = 1000): SheetState {
  const state = new SheetState(Math.max(maxRows, rows.length + 10), Math.max(26, ...rows.map((row) => row.length)));
  rows.forEach((row, r) => row.forEach((cell, c) => {
    if (cell !== '') state.set(state.values, r + 1, c + 1, cell);
  }));
  return state;
}
