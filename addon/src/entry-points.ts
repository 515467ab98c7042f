/**
 * The functions Apps Script calls by name: triggers, menu items and google.script.run targets.
 * Each builds the context from the real services and hands over to a handler; errors become a
 * plain message instead of Apps Script's stack trace.
 */
import { errorText } from './core/error-text';
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
import { activeSheet, editedSheet } from './sheet/apps-script-sheet';
import { addAddonMenu, alert } from './sheet/ui';

function context(): AddonContext {
  let cache: AppsScriptCache | undefined;
  return {
    sheet: activeSheet(),
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

function failure(error: unknown): string {
  return `Data Commons could not finish: ${errorText(error)}`;
}

function sidebar(run: () => SidebarPayload): void {
  let payload: SidebarPayload;
  try {
    payload = run();
  } catch (error) {
    payload = message(failure(error));
  }
  showSidebar(payload);
}

const BUSY = 'Someone else is saving changes to this sheet right now. Try again in a moment.';

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
  alert(answer(() => runSetUp(context()), (text) => text));
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
  alert(answer(() => runClear(context()), (text) => text));
}

export function showSettings(): void {
  sidebar(() => runShowSettings(context()));
}

// google.script.run targets: arguments arrive as copies of plain values from the sidebar.

export function goToCell(row: number, column: number): void {
  if (Number.isInteger(row) && Number.isInteger(column) && row > 0 && column > 0) activeSheet().select(row, column);
}

export function applyFix(row: number, column: number, expected: string, fix: string): RowUpdate {
  return answer(() => runFix(context(), row, column, expected, fix), (text) => ({ ok: false, message: text, row, items: [] }));
}

export function applyAllSafeFixes(): SidebarPayload {
  return answer(() => withDocumentLock(() => runAllFixes(context()), () => message(BUSY)), message);
}

export function markNotDuplicate(a: string, b: string): SidebarPayload {
  return answer(() => withDocumentLock(() => runNotDuplicate(context(), a, b), () => message(BUSY)), message);
}

export function useCommonsValue(row: number, column: number, expected: string, value: string): RowUpdate {
  return answer(() => runUseValue(context(), row, column, expected, value), (text) => ({ ok: false, message: text, row, items: [] }));
}

export function saveSettings(input: unknown): SettingsPayload | SidebarPayload {
  return answer<SettingsPayload | SidebarPayload>(
    () => withDocumentLock<SettingsPayload | SidebarPayload>(() => runSaveSettings(context(), input), () => message(BUSY)), message);
}
