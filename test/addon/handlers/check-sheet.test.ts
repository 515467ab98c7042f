import type { AddonContext } from '../../../addon/src/handlers/context';
import { checkSheet, recheckRows } from '../../../addon/src/handlers/check';
import { clearMarks } from '../../../addon/src/handlers/clear';
import { AppsScriptSheet } from '../../../addon/src/sheet/apps-script-sheet';
import { MemoryProperties } from '../fakes/memory-properties';
import { CallLog } from '../fakes/calls';
import { FakeSpreadsheetApp } from '../fakes/spreadsheet';
import { sheetFrom } from '../fakes/environment';
import { DIRECTORY } from '../../fixtures/addon/directory';

/** Handlers take their sheet as a parameter, so they run here without the bundle. */
function context(rows = DIRECTORY): { ctx: AddonContext; app: FakeSpreadsheetApp; calls: CallLog } {
  const calls = new CallLog();
  const app = new FakeSpreadsheetApp(calls, { menus: [], sidebars: [], alerts: [] }, () => undefined);
  // AppsScriptSheet reads the ProtectionType enum from the global, as in Apps Script.
  (globalThis as { SpreadsheetApp?: unknown }).SpreadsheetApp = app;
  const fake = app.addSheet('Directory', sheetFrom(rows));
  const sheet = new AppsScriptSheet(fake.self as unknown as GoogleAppsScript.Spreadsheet.Sheet);
  return { ctx: { sheet, props: new MemoryProperties() }, app, calls };
}

describe('checkSheet(ctx)', () => {
  it('reads once, reads the changed block again just before writing it, and writes it once', () => {
    const { ctx, calls } = context();
    checkSheet(ctx);
    expect(calls.log.filter((call) => !/getSheetId|getName|getProtections/.test(call))).toEqual([
      'spreadsheet.getDataRange', 'spreadsheet.getValues', 'spreadsheet.getBackgrounds', 'spreadsheet.getNotes',
      'spreadsheet.getRange', 'spreadsheet.getBackgrounds', 'spreadsheet.getNotes',
      'spreadsheet.getRange', 'spreadsheet.setBackgrounds', 'spreadsheet.setNotes']);
  });

  it('skips the write when a second check finds the same problems', () => {
    const { ctx, calls } = context();
    checkSheet(ctx);
    calls.reset();
    checkSheet(ctx);
    expect(calls.log.some((call) => call.startsWith('spreadsheet.set'))).toBe(false);
  });

  it('reports rows of a partial re-check at their sheet row numbers', () => {
    const { ctx } = context();
    const updates = recheckRows(ctx, 3, 2);
    expect(updates?.map((update) => update.row)).toEqual([3, 4]);
    expect(updates?.[1]?.items[0]?.cell).toBe('A4');
  });

  it('clears what it marked', () => {
    const { ctx, app } = context();
    checkSheet(ctx);
    expect(clearMarks(ctx)).toMatch(/Removed the marks from 4 cells/);
    expect(app.sheets[0]?.state.notes.flat().every((note) => !note)).toBe(true);
  });
});
