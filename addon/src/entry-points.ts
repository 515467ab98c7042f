/**
 * The functions Apps Script calls by name: triggers, menu items and google.script.run targets.
 * Each builds the context from the real services and hands over to a handler; errors become a
 * plain message instead of Apps Script's stack trace.
 */
import { adviceFor } from './core/error-text';
import { checkSheet as runCheck, applyAllSafeFixes as runAllFixes, applyFix as runFix } from './handlers/check';
import { clearMarks as runClear } from './handlers/clear';
import { compareWithCommons as runCompare, useCommonsValue as runUseValue } from './handlers/commons';
import type { AddonContext } from './handlers/context';
import { findDuplicates as runDuplicates, markNotDuplicate as runNotDuplicate } from './handlers/duplicates';
import { liveCheck } from './handlers/live-check';
import { MENU_ITEMS } from './handlers/menu';
import { saveSettings as runSaveSettings, showSettings as runShowSettings } from './handlers/settings';
import { setUpSheet as runSetUp } from './handlers/setup';
import { message, type RowUpdate, type SettingsPayload, type SidebarPayload } from './core/payload';
import { fetchText } from './services/fetch';
import { withDocumentLock } from './services/lock';
import { showSidebar } from './services/sidebar';
import { AppsScriptCache, AppsScriptProperties } from './services/stores';
import { activeSheet, editedSheet, sheetById } from './sheet/apps-script-sheet';
import { addAddonMenu, alert } from './sheet/ui';

/** The tab a sidebar was opened for is gone (deleted) by the time one of its buttons is pressed. */
class TabGoneError extends Error {}

/** A menu item acts on the active tab; a sidebar button on the tab its sidebar was opened for. */
function context(sheetId?: unknown): AddonContext {
  let cache: AppsScriptCache | undefined;
  let sheet = activeSheet;
  if (sheetId !== undefined) {
    if (typeof sheetId !== 'number' || !Number.isInteger(sheetId)) throw new TabGoneError();
    const found = sheetById(sheetId);
    if (!found) throw new TabGoneError();
    sheet = () => found;
  }
  return {
    sheet: sheet(),
    props: new AppsScriptProperties(),
    // Lazy: only Compare with the commons uses the cache, and each service handle is a call.
    get cache() {
      cache ??= new AppsScriptCache();
      return cache;
    },
    fetch: fetchText,
    get user() {
      return Session.getTemporaryActiveUserKey();
    },
  };
}

const TAB_GONE = 'The tab this sidebar was opened for no longer exists. Open the tab you want and choose the menu item again.';

function failure(error: unknown): string {
  return error instanceof TabGoneError ? TAB_GONE : adviceFor(error);
}

function sidebar(run: () => SidebarPayload): void {
  let payload: SidebarPayload;
  try {
    payload = withDocumentLock(run, () => message(BUSY));
  } catch (error) {
    payload = message(failure(error));
  }
  showSidebar(payload);
}

const BUSY = 'Someone else is running Data Commons on this spreadsheet right now. Try again in a moment.';

function answer<T>(run: () => T, fallback: (text: string) => T): T {
  try {
    return run();
  } catch (error) {
    return fallback(failure(error));
  }
}

/** In AuthMode.NONE only the menu may be built: any other service call would fail and stop it. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addAddonMenu(MENU_ITEMS);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e?.range || e.authMode === ScriptApp.AuthMode.NONE) return;
  try {
    const edited = editedSheet(e.range);
    liveCheck({ sheet: edited.sheet, props: new AppsScriptProperties() }, edited.firstRow, edited.numRows);
  } catch {
    // A failed live check must never get in the way of typing; "Check this sheet" reports problems.
  }
}

export function setUpSheet(): void {
  alert(answer(() => withDocumentLock(() => runSetUp(context()), () => BUSY), (text) => text));
}

export function checkSheet(): void {
  sidebar(() => runCheck(context()));
}

export function findDuplicates(): void {
  sidebar(() => runDuplicates(context()));
}

export function compareWithCommons(): void {
  sidebar(() => runCompare(context()));
}

export function clearMarks(): void {
  alert(answer(() => withDocumentLock(() => runClear(context()), () => BUSY), (text) => text));
}

export function showSettings(): void {
  sidebar(() => runShowSettings(context()));
}

// google.script.run targets: arguments arrive as copies of plain values from the sidebar, the
// first being the id of the tab the sidebar was opened for.

export function goToCell(sheetId: number, row: number, column: number): void {
  if (Number.isInteger(row) && Number.isInteger(column) && row > 0 && column > 0) context(sheetId).sheet.select(row, column);
}

export function applyFix(sheetId: number, row: number, column: number, expected: string, fix: string): RowUpdate {
  return answer(() => withDocumentLock(() => runFix(context(sheetId), row, column, expected, fix), () => refusedRow(row, BUSY)),
    (text) => refusedRow(row, text));
}

export function applyAllSafeFixes(sheetId: number, confirmed: number): SidebarPayload {
  return answer(() => withDocumentLock(() => runAllFixes(context(sheetId), confirmed), () => message(BUSY)), message);
}

export function markNotDuplicate(sheetId: number, a: string, b: string): SidebarPayload {
  return answer(() => withDocumentLock(() => runNotDuplicate(context(sheetId), a, b), () => message(BUSY)), message);
}

export function useCommonsValue(sheetId: number, row: number, column: number, expected: string, value: string): RowUpdate {
  return answer(() => withDocumentLock(() => runUseValue(context(sheetId), row, column, expected, value), () => refusedRow(row, BUSY)),
    (text) => refusedRow(row, text));
}

function refusedRow(row: number, text: string): RowUpdate {
  return { ok: false, message: text, row, items: [] };
}

export function saveSettings(input: unknown): SettingsPayload | SidebarPayload {
  return answer<SettingsPayload | SidebarPayload>(
    () => withDocumentLock<SettingsPayload | SidebarPayload>(() => runSaveSettings(context(), input), () => message(BUSY)), message);
}
