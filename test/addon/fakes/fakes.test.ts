/** What the fakes claim about the platform (each claim's source is beside it in the fake). */
import { allowedByList } from './services';
import { createEnvironment, EXECUTION_MS, SIMPLE_TRIGGER_MS, sheetFrom, TIMEOUT_ERROR } from './environment';
import { coerce, instantOf, SheetDate } from './sheet-values';
import { PROTECTED_ERROR } from './spreadsheet';

describe('the fake spreadsheet', () => {
  it('coerces typed text as an en_US sheet does', () => {
    const zone = 'Etc/UTC';
    expect(coerce('1/1/1998', zone).value).toEqual(new SheetDate(1998, 1, 1));
    expect(coerce('50%', zone).value).toBe(0.5);
    expect(coerce('$1,200.50', zone).value).toBe(1200.5);
    expect(coerce('10:30', zone).value).toEqual(new SheetDate(1899, 12, 30, 10, 30));
    expect(coerce('1e5', zone).value).toBe(100000);
    expect(coerce('02134', zone).value).toBe(2134);
    expect(coerce("'02134", zone).value).toBe('02134');
    expect(coerce('=A1', zone)).toEqual({ value: '', formula: '=A1' });
    expect(coerce('2/30/2020', zone).value).toBe('2/30/2020'); // not a date: stays text
  });

  it('gives a date cell back at midnight in the spreadsheet\'s zone, not the script\'s', () => {
    const env = createEnvironment(sheetFrom([['Year founded'], ['']]));
    env.app.timeZone = 'Australia/Sydney';
    env.state().set(env.state().values, 2, 1, new SheetDate(1998, 1, 1));
    const value = env.sheet().getRange(2, 1).getValue() as Date;
    expect(value).toBeInstanceOf(env.Date);
    expect(value.toISOString()).toBe('1997-12-31T13:00:00.000Z');
    expect(instantOf(new SheetDate(1998, 7, 1), 'Australia/Sydney')).toBe(Date.UTC(1998, 5, 30, 14));
  });

  it('refuses a write into a cell a protection keeps from the user, and Range.canEdit says so', () => {
    const env = createEnvironment(sheetFrom([['a', 'b'], ['c', 'd']]));
    env.state().protectRange(2, 2, 1, 1, ['owner@example.org']);
    const range = env.sheet().getRange(1, 1, 2, 2);
    expect(range.canEdit()).toBe(false);
    expect(() => range.setBackgrounds([[null, null], [null, null]])).toThrow(PROTECTED_ERROR);
    expect(env.sheet().getRange(1, 1, 1, 2).canEdit()).toBe(true);
    env.state().protections[0]?.setWarningOnly(true);
    expect(range.canEdit()).toBe(true);
  });

  it('keeps several tabs with ids that are not positions, and an active tab that changes', () => {
    const env = createEnvironment(sheetFrom([['a']]));
    const other = env.addTab('Other', sheetFrom([['b']]));
    expect(other.getSheetId()).not.toBe(1);
    env.activate('Other');
    expect(env.app.getActiveSheet().getName()).toBe('Other');
  });
});

describe('the fake services', () => {
  it('enforce the manifest allowlist: https, full domain, path prefix, leading wildcard', () => {
    const list = ['https://*.github.io/', 'https://data.example.org/commons/'];
    expect(allowedByList('https://net.github.io/master.csv', list)).toBe(true);
    expect(allowedByList('https://data.example.org/commons/m.csv', list)).toBe(true);
    expect(allowedByList('https://data.example.org/other/m.csv', list)).toBe(false);
    expect(allowedByList('http://net.github.io/master.csv', list)).toBe(false);
    expect(allowedByList('https://github.io.evil.example/x', list)).toBe(false);
  });

  it('refuse UrlFetch and sidebars in AuthMode.LIMITED, and everything but the menu in NONE', () => {
    const env = createEnvironment();
    env.authMode = 'LIMITED';
    const context = env.context as { UrlFetchApp: { fetch(url: string): unknown }; PropertiesService: { getDocumentProperties(): unknown } };
    expect(() => context.UrlFetchApp.fetch('https://x.github.io/a')).toThrow(/permission/);
    expect(() => env.app.getUi().showSidebar({ getContent: () => '', getTitle: () => '' })).toThrow(/simple trigger/);
    env.authMode = 'NONE';
    expect(() => context.PropertiesService.getDocumentProperties()).toThrow(/AuthMode.NONE/);
  });

  it('stop an execution past its budget: 30 s for simple triggers, 6 minutes otherwise', () => {
    expect(SIMPLE_TRIGGER_MS).toBe(30_000);
    expect(EXECUTION_MS).toBe(360_000);
    const env = createEnvironment(sheetFrom([['a']]));
    env.open('LIMITED');
    const sheet = env.app.getActiveSheet();
    expect(() => {
      for (let i = 0; i < 400; i++) sheet.getLastRow();
    }).toThrow(TIMEOUT_ERROR);
  });
});
