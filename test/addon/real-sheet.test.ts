/**
 * The add-on in a spreadsheet as members really have them: several tabs, protected ranges,
 * collaborators editing during a run, a time zone that is not UTC. Each test drives the built
 * bundle through the fakes of test/addon/fakes.
 */
import { createEnvironment, sheetFrom, type AddonEnvironment } from './fakes/environment';
import { renderSidebar } from './fakes/sidebar-dom';
import { DIRECTORY, DUPLICATES, HEADER } from '../fixtures/addon/directory';
import { asCheck } from './helpers';
import type { DuplicatesPayload, SidebarPayload } from '../../addon/src/core/payload';

const WARNING = '#fff2cc';
const ERROR = '#f4cccc';

function asDuplicates(payload: SidebarPayload): DuplicatesPayload {
  if (payload.view !== 'duplicates') throw new Error(`expected duplicates, got ${JSON.stringify(payload)}`);
  return payload;
}

/** A clean directory of `count` rows with one slip ("wisconsin") on `slipRow`. */
function cleanRows(count: number, slipRow: number): (string | number)[][] {
  const good = DIRECTORY[1] ?? [];
  return [HEADER, ...Array.from({ length: count }, (_, i) => {
    const row = [...good];
    row[0] = `Cooperative number ${i + 1}`;
    row[5] = `+1 312 555 ${String(1000 + i).padStart(4, '0')}`;
    row[6] = `https://coop${i + 1}.example.org`;
    row[8] = `hello@coop${i + 1}.example.org`;
    if (i + 2 === slipRow) row[3] = 'wisconsin';
    return row;
  })];
}

describe('marks only where they belong', () => {
  it('writes colours and notes only around the cells that change, not over the whole data range', () => {
    const env = createEnvironment(sheetFrom(cleanRows(300, 150)));
    env.app.cellsWritten = 0;
    env.run('checkSheet');
    expect(env.state().background(150, 4)).toBe(WARNING);
    // One cell changed: one cell's colour and note written, not 301 × 9.
    expect(env.app.cellsWritten).toBe(2);
  });

  it('skips cells the member may not edit and says how many, instead of failing', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.state().protectRange(3, 1, 1, 9, ['owner@example.org']); // row 3 belongs to the owner
    env.run('checkSheet');
    const payload = asCheck(env.lastSidebar());
    expect(env.state().note(3, 4)).toBe('');
    expect(env.state().background(3, 4)).toBe('#ffffff');
    expect(env.state().background(4, 1)).toBe(ERROR); // row 4 is the member's: marked
    expect(payload.notice).toMatch(/^\d+ cells were left unmarked because they are protected/);
  });

  it('takes the document lock, so two runs never interleave', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.lock.heldElsewhere = true;
    env.run('checkSheet');
    expect(env.lastSidebar()).toEqual({ view: 'message', message: expect.stringContaining('Try again in a moment') });
    expect(env.state().notes.flat().every((note) => !note)).toBe(true);
    env.run('clearMarks');
    expect(env.ui.alerts.at(-1)).toContain('Try again in a moment');
  });

  it('keeps a colour and a note a collaborator adds while the check runs', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    const state = env.state();
    // Right after the add-on has read the sheet (values, colours, notes), while it validates, a
    // collaborator colours B3 and writes a note in D3.
    env.calls.after('spreadsheet.getNotes', () => {
      state.set(state.backgrounds, 3, 2, '#00ff00');
      state.set(state.notes, 3, 4, 'Bob: calling them Monday');
    });
    env.run('checkSheet');
    expect(state.background(3, 2)).toBe('#00ff00');
    expect(state.note(3, 4)).toMatch(/^Bob: calling them Monday\n\n── Data Commons ──\n⚠ /);
    expect(state.background(3, 4)).toBe(WARNING);
  });

  it('Clear marks removes exactly our marks: a collaborator\'s line under ours and their new colour stay', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    const state = env.state();
    env.run('checkSheet');
    state.set(state.notes, 3, 4, `${state.note(3, 4)}\nBob: fixed on the call`);
    state.set(state.backgrounds, 4, 1, '#00ff00'); // recoloured after we marked it
    env.run('clearMarks');
    expect(state.note(3, 4)).toBe('Bob: fixed on the call');
    expect(state.background(3, 4)).toBe('#ffffff');
    expect(state.background(4, 1)).toBe('#00ff00');
    expect(state.notes.flat().some((note) => note?.includes('Data Commons'))).toBe(false);
  });
});

/** Two tabs: "Directory" (the one checked) and "Other", a second copy. */
function twoTabs(rows = DIRECTORY): AddonEnvironment {
  const env = createEnvironment(sheetFrom(rows));
  env.addTab('Other', sheetFrom(rows));
  return env;
}

describe('the sidebar acts on the tab it was opened for', () => {
  it('applies a fix to its own tab after the member switched tabs', () => {
    const env = twoTabs();
    env.run('checkSheet');
    const sidebar = renderSidebar(env);
    env.activate('Other');
    sidebar.app.button('Apply fix: WI').click();
    expect(env.state('Directory').value(3, 4)).toBe('WI');
    expect(env.state('Other').value(3, 4)).toBe('wisconsin');
    expect(env.state('Other').notes.flat().every((note) => !note)).toBe(true);
  });

  it('goes to the cell on its own tab', () => {
    const env = twoTabs();
    env.activate('Other');
    env.run('checkSheet'); // opened for "Other"
    const sidebar = renderSidebar(env);
    env.activate('Directory');
    sidebar.app.button('Go to A4').click();
    expect(env.app.activeIndex).toBe(1);
    expect(env.state('Other').active).toEqual({ row: 4, column: 1 });
  });

  it('applies all safe fixes to its own tab', () => {
    const env = twoTabs();
    env.run('checkSheet');
    const sidebar = renderSidebar(env);
    env.activate('Other');
    sidebar.app.button(/^Apply all safe fixes/).click();
    sidebar.app.button(/^Yes, change/).click();
    expect(env.state('Directory').value(3, 8)).toBe('consumer cooperative');
    expect(env.state('Other').value(3, 8)).toBe('food coop');
  });

  it('says so when its tab was deleted', () => {
    const env = twoTabs();
    env.run('checkSheet');
    const sidebar = renderSidebar(env);
    env.app.sheets.splice(0, 1);
    env.app.activeIndex = 0;
    sidebar.app.button('Apply fix: WI').click();
    expect(sidebar.app.textContent).toContain('no longer exists');
    expect(env.state('Other').value(3, 4)).toBe('wisconsin');
  });
});

describe('decisions belong to a tab and to records, not to row numbers', () => {
  it('"Not a duplicate" on one tab never silences the same pair on another', () => {
    const env = twoTabs(DUPLICATES);
    env.run('findDuplicates');
    const link = asDuplicates(env.lastSidebar()).links[0];
    asDuplicates(env.run<SidebarPayload>('markNotDuplicate', 0, link?.a, link?.b));
    env.activate('Other');
    env.run('findDuplicates');
    expect(asDuplicates(env.lastSidebar()).links).toHaveLength(1);
    expect(env.state('Other').note(2, 1)).toContain('Possibly the same organization as row 3');
  });

  it('gives a tab without ids a hidden id column, so the decision survives sorting', () => {
    const env = createEnvironment(sheetFrom(DUPLICATES));
    env.run('findDuplicates');
    const first = asDuplicates(env.lastSidebar());
    expect(first.needsIds).toBe(true);
    const link = first.links[0];
    const after = asDuplicates(env.run<SidebarPayload>('markNotDuplicate', 0, link?.a, link?.b));
    expect(after.links).toHaveLength(0);
    expect(after.notice).toContain('hidden column');
    const state = env.state();
    const idColumn = HEADER.length + 1;
    expect(state.value(1, idColumn)).toBe('Row id in its source');
    expect(state.hiddenColumns.has(idColumn)).toBe(true);
    const ids = [2, 3, 4].map((row) => state.value(row, idColumn));
    expect(new Set(ids).size).toBe(3);
    // The member sorts the tab Z→A by name: the pair now sits on rows 4 and 3, the other row on 2.
    const body = [2, 3, 4].map((row) => state.values[row - 1] ?? []);
    state.values.splice(1, 3, body[2] ?? [], body[1] ?? [], body[0] ?? []);
    env.run('findDuplicates');
    expect(asDuplicates(env.lastSidebar()).links).toHaveLength(0);
    expect(state.notes.flat().some((note) => note?.includes('Possibly the same organization'))).toBe(false);
  });
});
