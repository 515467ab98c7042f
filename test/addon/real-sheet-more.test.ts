/**
 * More of the add-on in a real spreadsheet: time zones, typed values, safe fixes, list fields,
 * live checking, platform errors and what a member reads first. Built bundle, faithful fakes.
 */
import { createEnvironment, sheetFrom, SIMPLE_TRIGGER_MS, type AddonEnvironment } from './fakes/environment';
import { DIRECTORY, DUPLICATES, HEADER } from '../fixtures/addon/directory';
import { asCheck } from './helpers';
import type { DuplicatesPayload, SidebarPayload } from '../../addon/src/core/payload';
import { FIELDS } from '../../shared/schema';

function asDuplicates(payload: SidebarPayload): DuplicatesPayload {
  if (payload.view !== 'duplicates') throw new Error(`expected duplicates, got ${JSON.stringify(payload)}`);
  return payload;
}

const column = (key: string): number => FIELDS.findIndex((def) => def.key === key) + 1;

describe('dates are read in the spreadsheet\'s time zone', () => {
  it('keeps "Year founded" typed as 1/1/1998 in UTC+10 as 1998', () => {
    const env = createEnvironment(sheetFrom([[...HEADER, 'Year founded'], [...(DIRECTORY[1] ?? []), '']]));
    env.app.timeZone = 'Australia/Sydney';
    env.run('checkSheet');
    env.edit(2, 10, '1/1/1998'); // Sheets stores a date; getValues gives 1997-12-31T13:00Z
    const note = env.state().note(2, 10);
    expect(note).toContain('Write the year as 1998.');
    expect(note).not.toContain('1997');
    env.run('checkSheet');
    const item = asCheck(env.lastSidebar()).rows.flatMap((group) => group.items).find((entry) => entry.cell === 'J2');
    expect(item).toMatchObject({ value: '1998-01-01', fix: '1998' });
  });
});

describe('Apply all safe fixes', () => {
  /** Slips spread over many rows and several columns. */
  function slippery(): AddonEnvironment {
    const rows = [HEADER, ...Array.from({ length: 60 }, (_, i) => {
      const row = [...(DIRECTORY[1] ?? [])];
      row[0] = `Cooperative ${i}`;
      row[5] = `+1 312 555 ${String(1000 + i)}`;
      if (i % 7 === 0) row[3] = 'wisconsin';
      if (i % 5 === 0) row[7] = 'food coop';
      return row;
    })];
    const env = createEnvironment(sheetFrom(rows));
    env.run('checkSheet');
    return env;
  }

  it('writes in one call, whatever the number of rows, after the member confirmed the count', () => {
    const env = slippery();
    const count = asCheck(env.lastSidebar()).safeFixes;
    expect(count).toBeGreaterThan(10);
    env.calls.reset();
    const answer = asCheck(env.run<SidebarPayload>('applyAllSafeFixes', 0, count));
    expect(env.calls.log.filter((call) => call === 'spreadsheet.setValues')).toHaveLength(1);
    expect(env.state().value(2, 4)).toBe('WI');
    expect(env.state().value(2, 8)).toBe('consumer cooperative');
    expect(answer.notice).toBe(`Applied ${count} safe fixes.`);
  });

  it('changes nothing when the count confirmed is not the count now, and says how many cells would change', () => {
    const env = slippery();
    const count = asCheck(env.lastSidebar()).safeFixes;
    const answer = asCheck(env.run<SidebarPayload>('applyAllSafeFixes', 0, count - 1));
    expect(env.state().value(2, 4)).toBe('wisconsin');
    expect(answer.notice).toContain(`${count} cells would change now`);
  });

  it('writes the cells between fixes back as they were: text stays text, formulas stay formulas', () => {
    const rows = [HEADER, [...(DIRECTORY[2] ?? [])], ['Elm Co-op', '5 Elm St', 'Boston', 'MA', '02134', '', '', '', ''],
      [...(DIRECTORY[2] ?? [])]];
    const env = createEnvironment(sheetFrom(rows));
    const state = env.state();
    state.set(state.formulas, 3, 3, '=PROPER("boston")');
    env.run('checkSheet');
    env.run('applyAllSafeFixes', 0, asCheck(env.lastSidebar()).safeFixes);
    expect(state.value(3, 5)).toBe('02134'); // still text, leading zero included
    expect(state.formula(3, 3)).toBe('=PROPER("boston")');
    expect(state.value(2, 4)).toBe('WI');
    expect(state.value(4, 4)).toBe('WI');
  });

  it('leaves a cell a collaborator changed during the run alone', () => {
    const env = slippery();
    const state = env.state();
    const count = asCheck(env.lastSidebar()).safeFixes;
    env.calls.after('spreadsheet.getValues', () => state.set(state.values, 9, 4, 'Wisconsin (ask Ana)'));
    env.run('applyAllSafeFixes', 0, count);
    expect(state.value(9, 4)).toBe('Wisconsin (ask Ana)');
    expect(state.value(2, 4)).toBe('WI');
  });
});

describe('fields that hold lists', () => {
  it('get no single-value dropdown, and an old one is removed when the sheet is set up again', () => {
    const env = createEnvironment();
    env.run('setUpSheet');
    const state = env.state();
    expect(state.validation(2, column('org_type'))).toBeNull();
    expect(state.validation(2, column('sector'))).toBeNull();
    state.set(state.validations, 5, column('org_type'), state.validation(5, column('legal_structure')));
    env.run('setUpSheet');
    expect(state.validation(5, column('org_type'))).toBeNull();
  });

  it('accept "a; b" from the vocabulary', () => {
    const rows = [HEADER, [...(DIRECTORY[1] ?? [])]];
    (rows[1] as (string | number)[])[7] = 'worker cooperative; consumer cooperative';
    const env = createEnvironment(sheetFrom(rows));
    env.run('checkSheet');
    expect(env.state().note(2, 8)).toBe('');
  });
});

describe('live checking', () => {
  it('leaves alone a tab the member never set up or checked, even with template-like headers', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.addTab('Contacts', sheetFrom([['Name', 'City', 'Phone'], ['Ana', 'Chicago', '']]));
    env.run('checkSheet'); // the directory tab only
    env.edit(2, 3, '555', 1, 1, 'Contacts');
    expect(env.state('Contacts').notes.flat().every((note) => !note)).toBe(true);
    env.activate('Directory');
    env.edit(2, 6, '555');
    expect(env.state('Directory').note(2, 6)).toContain('── Data Commons ──');
  });

  it('never reads every document property on a keystroke', () => {
    const env = createEnvironment(sheetFrom(DUPLICATES));
    env.run('findDuplicates');
    const link = asDuplicates(env.lastSidebar()).links[0];
    env.run('markNotDuplicate', 0, link?.a, link?.b); // decisions now fill document properties
    env.edit(2, 6, '555');
    expect(env.calls.log).not.toContain('properties.getProperties');
    expect(env.calls.log.filter((call) => call.startsWith('properties.'))).toEqual([
      'properties.getDocumentProperties', 'properties.getProperty', 'properties.getProperty']);
  });

  it('fits a 500-row paste within the 30-second simple-trigger budget', () => {
    const rows = [HEADER, ...Array.from({ length: 600 }, () => [...(DIRECTORY[2] ?? [])])];
    const env = createEnvironment(sheetFrom(rows));
    env.run('clearMarks');
    env.properties.set('dcc.tabs', '[0]');
    env.edit(2, 1, '', 500, 9);
    expect(env.elapsed).toBeLessThan(SIMPLE_TRIGGER_MS);
    expect(env.state().note(501, 4)).toContain('two-letter code');
  });
});

describe('platform errors in plain words', () => {
  it('turns the multi-account storage failure into advice', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.calls.failNext('properties.getProperty',
      'Exception: We\'re sorry, a server error occurred while reading from storage. Error code PERMISSION_DENIED.');
    env.run('checkSheet');
    const text = (env.lastSidebar() as { message: string }).message;
    expect(text).toContain('signed in to one account');
    expect(text).not.toContain('PERMISSION_DENIED');
  });

  it('explains a protected cell when a fix cannot be written', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.run('checkSheet');
    env.state().protectRange(3, 4, 1, 1, ['owner@example.org']);
    const update = env.run<{ ok: boolean; message: string }>('applyFix', 0, 3, 4, 'wisconsin', 'WI');
    expect(update.ok).toBe(false);
    expect(update.message).toContain('Ask the sheet\'s owner');
    expect(env.state().value(3, 4)).toBe('wisconsin');
  });

  it('says what to do next for any other failure', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.calls.failNext('spreadsheet.getNotes', 'Exception: Service Spreadsheets failed while accessing document with id 1.');
    env.run('checkSheet');
    expect((env.lastSidebar() as { message: string }).message).toMatch(/Try again; if it happens again, reload the spreadsheet/);
  });
});

describe('numbers a person reads well', () => {
  /** 5,000 rows of organizations with names, addresses and phones but no type, website or email. */
  function bigSheet(): AddonEnvironment {
    const rows = [HEADER, ...Array.from({ length: 5000 }, (_, i) => [`Cooperative ${i}`, `${i} Main St`, 'Chicago', 'IL', '60615',
      `+1 312 ${String(200 + (i % 700)).padStart(3, '0')} ${String(i).padStart(4, '0')}`, '', '', ''])];
    (rows[4000] as string[])[0] = ''; // one row with no name: the one problem to fix
    return createEnvironment(sheetFrom(rows, rows.length));
  }

  it('leads a 5,000-row check with what matters and summarizes empty recommended fields per column', () => {
    const env = bigSheet();
    env.run('checkSheet');
    const payload = asCheck(env.lastSidebar());
    expect(payload.summary).toMatch(/^5,000 rows checked: /);
    expect(payload.rows[0]?.items.some((item) => item.severity === 'error')).toBe(true);
    expect(payload.emptyColumns.map((entry) => entry.text)).toContain(
      '"Type of organization" is empty in 4,999 rows. It is not required, but it helps people find a listing.');
    const painted = env.state().backgrounds.flat().filter((colour) => colour === '#fff2cc').length;
    expect(painted).toBeLessThan(50);
    expect(env.app.toasts.map((toast) => toast.message)).toContain('Checking 5,000 rows…');
  });

  it('gets singular and plural right', () => {
    const env = createEnvironment(sheetFrom([HEADER, [...(DIRECTORY[1] ?? [])]]));
    env.run('checkSheet');
    expect(asCheck(env.lastSidebar()).summary).toBe('All 1 row looks good.');
  });

  it('never says 100% likely unless the two rows are identical', () => {
    const near = [HEADER, DUPLICATES[1] ?? [], [...(DUPLICATES[1] ?? [])].map((cell, i) => (i === 8 ? 'hi@redsun.coop' : cell))];
    const env = createEnvironment(sheetFrom(near));
    env.run('findDuplicates');
    expect(asDuplicates(env.lastSidebar()).links[0]?.percent).toBeLessThan(100);
    const same = createEnvironment(sheetFrom([HEADER, DUPLICATES[1] ?? [], DUPLICATES[1] ?? []]));
    same.run('findDuplicates');
    expect(asDuplicates(same.lastSidebar()).links[0]?.percent).toBe(100);
  });
});
