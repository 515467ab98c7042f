import { createEnvironment, sheetFrom } from './fakes/environment';
import { DIRECTORY, HEADER } from '../fixtures/addon/directory';
import { asCheck, looks, snapshot } from './helpers';
import type { SidebarPayload } from '../../addon/src/core/payload';

const MENU_ITEMS = ['setUpSheet', 'checkSheet', 'findDuplicates', 'compareWithCommons', 'clearMarks', 'showSettings'];

describe('an empty sheet', () => {
  it.each(['checkSheet', 'findDuplicates', 'compareWithCommons'])('%s explains what to do', (name) => {
    const env = createEnvironment();
    env.run(name);
    expect(env.lastSidebar()).toEqual({ view: 'message', message: expect.stringContaining('Set up this sheet') });
  });

  it('Clear marks says there is nothing to clear', () => {
    const env = createEnvironment();
    env.run('clearMarks');
    expect(env.ui.alerts).toEqual(['There are no marks to clear.']);
  });
});

describe('a sheet that is not a directory', () => {
  it.each(MENU_ITEMS)('%s answers with a message and changes nothing', (name) => {
    const env = createEnvironment(sheetFrom([['Budget', 'Q1', 'Q2'], ['Rent', 1200, 1250], ['Food', 300, true]]));
    const before = snapshot(env.state()) + looks(env.state(), 3, 3);
    env.run(name);
    expect(snapshot(env.state()) + looks(env.state(), 3, 3)).toBe(before);
    const shown = env.ui.sidebars.length > 0 ? JSON.stringify(env.lastSidebar()) : env.ui.alerts.join(' ');
    expect(shown).not.toMatch(/could not finish/);
  });
});

describe('a header row that is not row 1', () => {
  const rows = [['Cooperative directory 2026'], ['Updated by the network office'], [], ...DIRECTORY];

  it('finds the header below a title and marks cells at their real rows', () => {
    const env = createEnvironment(sheetFrom(rows));
    env.run('checkSheet');
    const payload = asCheck(env.lastSidebar());
    expect(payload.rows.map((group) => group.row)).toEqual([7, 6]); // the row with a problem first
    expect(env.state().note(7, 1)).toContain('no organization name');
    expect(env.state().note(1, 1)).toBe('');
  });

  it('live-checks an edited row below it', () => {
    const env = createEnvironment(sheetFrom(rows));
    env.run('checkSheet');
    env.edit(5, 4, 'Illinois');
    expect(env.state().note(5, 4)).toContain('IL');
  });

  it('sets up the header where it is', () => {
    const env = createEnvironment(sheetFrom(rows));
    env.run('setUpSheet');
    expect(env.state().frozenRows).toBe(4);
    expect(env.state().value(4, HEADER.length + 1)).not.toBe('');
    expect(env.state().value(1, HEADER.length + 1)).toBe('');
  });
});

describe('merged header cells', () => {
  it('are read as the template reads them and Set up refuses with a clear message', () => {
    const state = sheetFrom([['Organization name', 'Address', '', 'Phone'], ['Red Sun', '221 E 51st St', 'Chicago', '312 555 0100']]);
    const env = createEnvironment(state);
    env.sheet().self.getRange(1, 2, 1, 2).merge();
    const before = snapshot(state);
    env.run('setUpSheet');
    expect(env.ui.alerts.at(-1)).toContain('merged cells');
    env.run('checkSheet');
    expect(env.lastSidebar<SidebarPayload>().view).toBe('check');
    expect(snapshot(state)).toBe(before);
  });
});

describe('formulas, numbers, booleans and dates in cells', () => {
  it('are checked by their values and never rewritten', () => {
    const env = createEnvironment(sheetFrom([[...HEADER, 'Year founded', 'Democratically governed', 'Updated']]));
    const state = env.state();
    const row = ['Red Sun Bakery', '221 E 51st St', 'Chicago', 'IL', 60615, 3125550100, 'redsun.coop', 'worker cooperative', 'a@redsun.coop', 1998, true, new env.Date(2026, 0, 5)];
    row.forEach((cell, c) => state.set(state.values, 2, c + 1, cell));
    state.set(state.formulas, 2, 1, '=UPPER("red sun bakery")');
    state.set(state.values, 2, 1, 'RED SUN BAKERY');
    const before = snapshot(state);
    env.run('checkSheet');
    env.run('applyAllSafeFixes', 0, asCheck(env.lastSidebar()).safeFixes);
    expect(state.formula(2, 1)).toBe('=UPPER("red sun bakery")');
    expect(state.value(2, 10)).toBe(1998);
    expect(JSON.parse(snapshot(state)).formulas).toEqual(JSON.parse(before).formulas);
    expect(env.ui.sidebars.every((sidebar) => !sidebar.content.includes('could not finish'))).toBe(true);
  });
});

describe('5,000-character cells', () => {
  it('are flagged without copying the whole text into notes or the sidebar', () => {
    const long = 'We bake bread. '.repeat(340);
    expect(long.length).toBeGreaterThan(5000);
    const env = createEnvironment(sheetFrom([['Organization name', 'City', 'Description'], ['Red Sun Bakery', 'Chicago', long], [long, 'Chicago', 'x']]));
    const before = snapshot(env.state());
    env.run('checkSheet');
    const payload = asCheck(env.lastSidebar());
    const items = payload.rows.flatMap((group) => group.items);
    expect(items.some((item) => item.cell === 'C2')).toBe(true);
    for (const item of items) expect(item.value.length).toBeLessThanOrEqual(200);
    for (const note of env.state().notes.flat()) expect((note ?? '').length).toBeLessThan(1000);
    expect(snapshot(env.state())).toBe(before);
  });
});

describe('a sheet with member HTML in it', () => {
  it('reaches the sidebar only as escaped text', () => {
    const env = createEnvironment(sheetFrom([['Organization name', 'State'], ['<img src=x onerror=alert(1)>', '</div><script>alert(2)</script>']]));
    env.run('checkSheet');
    const content = env.ui.sidebars.at(-1)?.content ?? '';
    expect(content).not.toContain('<img src=x');
    expect(content).not.toContain('<script>alert(2)');
    expect(JSON.stringify(env.lastSidebar())).toContain('</div><script>alert(2)</script>');
  });
});

describe('10,000 rows', () => {
  const big = [HEADER, ...Array.from({ length: 10_000 }, (_, i) => [...(DIRECTORY[1 + (i % 4)] ?? [])])];

  it('are checked with a constant number of calls and a sidebar capped for speed', () => {
    const env = createEnvironment(sheetFrom(big, 10_001));
    const before = snapshot(env.state());
    env.calls.reset();
    env.run('checkSheet');
    expect(env.calls.data()).toBeLessThanOrEqual(25);
    const payload = asCheck(env.lastSidebar());
    expect(payload.rows).toHaveLength(200);
    expect(payload.hiddenRows).toBe(5000 - 200);
    expect(env.state().note(10_000, 1)).toContain('no organization name'); // the nameless row of the repeating block
    expect(snapshot(env.state())).toBe(before);
    env.run('clearMarks');
    expect(env.state().notes.flat().every((note) => !note)).toBe(true);
  });
});
