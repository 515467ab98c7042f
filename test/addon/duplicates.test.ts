import { createEnvironment, sheetFrom } from './fakes/environment';
import { DUPLICATES } from '../fixtures/addon/directory';
import type { DuplicatesPayload, SidebarPayload } from '../../addon/src/core/payload';
import { snapshot } from './helpers';

const PURPLE = '#d9d2e9';

function asDuplicates(payload: SidebarPayload): DuplicatesPayload {
  if (payload.view !== 'duplicates') throw new Error(`expected duplicates, got ${JSON.stringify(payload)}`);
  return payload;
}

describe('Find duplicates', () => {
  it('marks both rows on their name cell, naming the other row, the probability and the reasons', () => {
    const env = createEnvironment(sheetFrom(DUPLICATES));
    const before = snapshot(env.state());
    env.run('findDuplicates');
    const state = env.state();
    expect(state.background(2, 1)).toBe(PURPLE);
    expect(state.background(3, 1)).toBe(PURPLE);
    expect(state.note(2, 1)).toMatch(/Possibly the same organization as row 3 \(\d+% likely\): .*same phone/);
    expect(state.note(3, 1)).toContain('row 2');
    expect(state.background(4, 1)).toBe('#ffffff');
    expect(snapshot(state)).toBe(before);
    const payload = asDuplicates(env.lastSidebar());
    expect(payload.links).toHaveLength(1);
    expect(payload.links[0]).toMatchObject({ rowA: 2, rowB: 3, nameA: 'Red Sun Bakery Cooperative', nameB: 'Red Sun Bakery Co-op' });
  });

  it('remembers "Not a duplicate" in document properties and never flags the pair again', () => {
    const env = createEnvironment(sheetFrom(DUPLICATES));
    env.run('findDuplicates');
    const link = asDuplicates(env.lastSidebar()).links[0];
    const after = asDuplicates(env.run<SidebarPayload>('markNotDuplicate', 0, link?.a, link?.b));
    expect(after.links).toHaveLength(0);
    expect(env.state().note(2, 1)).toBe('');
    expect(env.state().background(2, 1)).toBe('#ffffff');
    expect([...env.properties.keys()].some((key) => key.startsWith('dcc.decisions.'))).toBe(true);
    // A fresh run (another day, another session) still remembers.
    env.run('findDuplicates');
    expect(asDuplicates(env.lastSidebar()).links).toHaveLength(0);
  });

  it('keeps check marks when duplicate marks are added and removed', () => {
    const rows = DUPLICATES.map((row) => [...row]);
    (rows[3] as (string | number)[])[3] = 'wisconsin';
    const env = createEnvironment(sheetFrom(rows));
    env.run('checkSheet');
    env.run('findDuplicates');
    expect(env.state().note(4, 4)).toContain('two-letter code');
  });
});

describe('two editors at once', () => {
  it('"Not a duplicate" waits its turn instead of overwriting another editor\'s decisions', () => {
    const env = createEnvironment(sheetFrom(DUPLICATES));
    env.run('findDuplicates');
    const link = asDuplicates(env.lastSidebar()).links[0];
    env.lock.heldElsewhere = true;
    const answer = env.run<SidebarPayload>('markNotDuplicate', 0, link?.a, link?.b);
    expect(answer).toEqual({ view: 'message', message: expect.stringContaining('Try again in a moment') });
    expect([...env.properties.keys()].some((key) => key.startsWith('dcc.decisions.'))).toBe(false);
    env.lock.heldElsewhere = false;
    expect(asDuplicates(env.run<SidebarPayload>('markNotDuplicate', 0, link?.a, link?.b)).links).toHaveLength(0);
    expect(env.lock.hasLock()).toBe(false);
  });
});
