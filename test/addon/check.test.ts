import { createEnvironment, sheetFrom, type AddonEnvironment } from './fakes/environment';
import { DIRECTORY } from '../fixtures/addon/directory';
import { asCheck, looks, snapshot } from './helpers';
import type { RowUpdate, SidebarPayload } from '../../addon/src/core/payload';

const ERROR = '#f4cccc';
const WARNING = '#fff2cc';

function checked(rows = DIRECTORY): AddonEnvironment {
  const env = createEnvironment(sheetFrom(rows));
  env.run('checkSheet');
  return env;
}

describe('Check this sheet', () => {
  it('colours problem cells and explains them in the cell note', () => {
    const env = checked();
    const state = env.state();
    expect(state.background(4, 1)).toBe(ERROR); // row 4 has no name
    expect(state.note(4, 1)).toContain("This row has no organization name, so it can't be listed.");
    expect(state.background(3, 4)).toBe(WARNING); // "wisconsin"
    expect(state.note(3, 4)).toContain('two-letter code: WI');
    expect(state.background(2, 1)).toBe('#ffffff');
    expect(state.note(2, 1)).toBe('');
  });

  it('opens a sidebar listing findings grouped by row, with cells and fixes', () => {
    const payload = asCheck(checked().lastSidebar<SidebarPayload>());
    expect(payload.rows.map((group) => group.row)).toEqual([4, 3]); // the row with a problem to fix comes first
    const state = payload.rows.find((group) => group.row === 3)?.items.find((item) => item.cell === 'D3');
    expect(state).toMatchObject({ value: 'wisconsin', fix: 'WI', safe: true, severity: 'warning', field: 'State / region' });
    expect(payload.summary).toMatch(/^4 rows checked: 1 problem to fix \(in 1 row\), then \d suggestions\.$/);
  });

  it('never changes a value', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    const before = snapshot(env.state());
    env.run('checkSheet');
    expect(snapshot(env.state())).toBe(before);
  });

  it('keeps the member\'s own colour and note under the mark, and Clear marks gives them back exactly', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    const state = env.state();
    state.set(state.backgrounds, 3, 4, '#00ff00');
    state.set(state.notes, 3, 4, 'Ask Maria about this one');
    state.set(state.backgrounds, 2, 2, '#123456');
    const before = looks(state, 5, 9);
    env.run('checkSheet');
    expect(state.background(3, 4)).toBe(WARNING);
    expect(state.note(3, 4)).toMatch(/^Ask Maria about this one\n\n── Data Commons ──\n⚠ /);
    env.run('checkSheet'); // a second check must not stack marks or lose the original colour
    env.run('clearMarks');
    expect(env.ui.alerts.at(-1)).toMatch(/Removed the marks from \d+ cells/);
    expect(looks(state, 5, 9)).toBe(before);
    expect(state.background(3, 4)).toBe('#00ff00');
    expect(state.note(3, 4)).toBe('Ask Maria about this one');
  });

  it('removes a mark once the problem is fixed by hand and checked again', () => {
    const env = checked();
    env.state().set(env.state().values, 3, 4, 'WI');
    env.run('checkSheet');
    expect(env.state().background(3, 4)).toBe('#ffffff');
    expect(env.state().note(3, 4)).toBe('');
  });

  it('makes the same number of service calls for 100 and 2,000 rows', () => {
    const rows = (count: number): (string | number)[][] => [DIRECTORY[0] ?? [],
      ...Array.from({ length: count }, (_, i) => [...(DIRECTORY[1 + (i % 4)] ?? [])])];
    const counts = [600, 3000].map((count) => {
      const env = createEnvironment(sheetFrom(rows(count)));
      env.calls.reset();
      env.run('checkSheet');
      return { data: env.calls.data(), total: env.calls.total() };
    });
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]?.data).toBeLessThanOrEqual(25);
  });
});

describe('fixes from the sidebar', () => {
  it('Apply fix writes the standard form and re-marks the row', () => {
    const env = checked();
    const update = env.run<RowUpdate>('applyFix', 0, 3, 4, 'wisconsin', 'WI');
    expect(update.ok).toBe(true);
    expect(env.state().value(3, 4)).toBe('WI');
    expect(env.state().background(3, 4)).toBe('#ffffff');
    expect(update.items.some((item) => item.cell === 'D3')).toBe(false);
  });

  it('keeps a fixed postal code as text, leading zero included', () => {
    const env = createEnvironment(sheetFrom([DIRECTORY[0] ?? [], ['Elm Co-op', '5 Elm St', 'Boston', 'MA', 2134]]));
    env.run('applyFix', 0, 2, 5, '2134', '02134');
    expect(env.state().value(2, 5)).toBe('02134');
  });

  it('refuses when the cell changed since the check', () => {
    const env = checked();
    env.state().set(env.state().values, 3, 4, 'Wisc.');
    const update = env.run<RowUpdate>('applyFix', 0, 3, 4, 'wisconsin', 'WI');
    expect(update).toMatchObject({ ok: false });
    expect(update.message).toContain('changed since the check');
    expect(env.state().value(3, 4)).toBe('Wisc.');
  });

  it('refuses to write over a formula', () => {
    const env = checked();
    env.state().set(env.state().formulas, 3, 4, '=LOWER("WISCONSIN")');
    const update = env.run<RowUpdate>('applyFix', 0, 3, 4, 'wisconsin', 'WI');
    expect(update.message).toContain('formula');
    expect(env.state().formula(3, 4)).toBe('=LOWER("WISCONSIN")');
  });

  it('Apply all safe fixes rewrites only warnings that have a standard form', () => {
    const env = checked();
    const payload = asCheck(env.run<SidebarPayload>('applyAllSafeFixes', 0, asCheck(env.lastSidebar()).safeFixes));
    expect(env.state().value(3, 4)).toBe('WI');
    expect(env.state().value(3, 8)).toBe('consumer cooperative');
    expect(env.state().value(3, 9)).toBe('info@greenvalley'); // no standard form: left for the member
    expect(env.state().value(4, 1)).toBe(''); // an error is never "fixed" automatically
    expect(payload.safeFixes).toBe(0);
  });

  it('goToCell selects the cell', () => {
    const env = checked();
    env.run('goToCell', 0, 4, 1);
    expect(env.state().active).toEqual({ row: 4, column: 1 });
  });
});

describe('live checking (onEdit)', () => {
  it('re-checks only the edited row', () => {
    const env = checked();
    env.edit(3, 4, 'WI');
    expect(env.state().background(3, 4)).toBe('#ffffff');
    expect(env.state().note(3, 4)).toBe('');
    expect(env.state().background(4, 1)).toBe(ERROR); // other rows keep their marks
    expect(env.calls.log).not.toContain('spreadsheet.getDataRange');
    expect(env.calls.log.filter((call) => call === 'spreadsheet.getValues')).toHaveLength(2); // header area + the row
  });

  it('marks a new problem as the member types it', () => {
    const env = checked();
    env.edit(2, 6, '555');
    expect(env.state().background(2, 6)).toMatch(/#f4cccc|#fff2cc/);
    expect(env.state().note(2, 6)).toContain('── Data Commons ──');
  });

  it('does nothing when live checking is turned off', () => {
    const env = checked();
    env.run('saveSettings', { country: 'US', commonsUrl: '', liveCheck: false, overrides: {} });
    env.edit(2, 6, '555');
    expect(env.state().note(2, 6)).toBe('');
  });

  it('leaves a paste of more than 500 rows to Check this sheet', () => {
    const rows = [DIRECTORY[0] ?? [], ...Array.from({ length: 700 }, () => [...(DIRECTORY[3] ?? [])])];
    const env = createEnvironment(sheetFrom(rows));
    env.edit(2, 1, '', 600, 9);
    expect(env.calls.log.some((call) => call === 'spreadsheet.getValues')).toBe(false);
    expect(env.state().note(2, 1)).toBe('');
  });

  it('ignores edits to the header row', () => {
    const env = checked();
    env.edit(1, 2, 'Address');
    expect(env.calls.log.some((call) => call.startsWith('spreadsheet.set'))).toBe(false);
  });

  it('does nothing on a sheet that is not a directory', () => {
    const env = createEnvironment(sheetFrom([['Budget', 'Q1'], ['Rent', 1200]]));
    env.edit(2, 2, 1300);
    expect(env.state().notes.flat().every((note) => note === '')).toBe(true);
  });
});
