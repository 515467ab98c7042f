import { FIELDS, VOCABULARIES } from '../../shared/schema';
import { createEnvironment, sheetFrom } from './fakes/environment';
import { snapshot } from './helpers';

describe('Set up this sheet', () => {
  it('writes the template header on an empty sheet, basic fields first, with notes, freeze and a warning-only protection', () => {
    const env = createEnvironment();
    env.run('setUpSheet');
    const state = env.state();
    const header = FIELDS.map((_, index) => state.value(1, index + 1));
    expect(header).toEqual(FIELDS.map((def) => def.label));
    expect(FIELDS.findIndex((def) => def.tier === 'in-depth')).toBeGreaterThan(FIELDS.map((def) => def.tier).lastIndexOf('basic'));
    expect(state.note(1, 1)).toBe(FIELDS[0]?.help);
    expect(state.frozenRows).toBe(1);
    expect(state.protections).toHaveLength(1);
    expect(state.protections[0]?.isWarningOnly()).toBe(true);
    expect(env.ui.alerts.at(-1)).toContain('None of your data was changed');
  });

  it('adds dropdowns for single-valued vocabulary fields, status and US states', () => {
    const env = createEnvironment();
    env.run('setUpSheet');
    const column = (key: string): number => FIELDS.findIndex((def) => def.key === key) + 1;
    const state = env.state();
    expect(state.validation(2, column('legal_structure'))?.values).toEqual(VOCABULARIES.legal_structure.terms.map((term) => term.label));
    expect(state.validation(2, column('status'))?.values).toEqual(['active', 'inactive', 'closed']);
    expect(state.validation(2, column('state'))?.values).toContain('IL');
    expect(state.validation(2, column('state'))?.allowInvalid).toBe(true);
    expect(state.validation(1, column('legal_structure'))).toBeNull(); // not on the header
  });

  it('maps existing headers by alias, keeps the data and only adds the missing columns at the end', () => {
    const env = createEnvironment(sheetFrom([['Name', 'Zip', 'Telephone'], ['Red Sun Bakery', '60615', '312 555 0100']]));
    const before = snapshot(env.state());
    env.run('setUpSheet');
    const state = env.state();
    expect([1, 2, 3].map((c) => state.value(1, c))).toEqual(['Name', 'Zip', 'Telephone']);
    expect([1, 2, 3].map((c) => state.value(2, c))).toEqual(['Red Sun Bakery', '60615', '312 555 0100']);
    expect(state.value(1, 4)).toBe('Street address');
    expect(state.lastColumn()).toBe(3 + FIELDS.length - 3);
    expect(state.note(1, 2)).toBe(FIELDS.find((def) => def.key === 'postal_code')?.help);
    expect(JSON.parse(snapshot(state)).values[1]).toEqual(JSON.parse(before).values[1]);
  });

  it('keeps a note the member wrote on a header cell', () => {
    const env = createEnvironment(sheetFrom([['Name', 'City'], ['Red Sun', 'Chicago']]));
    env.state().set(env.state().notes, 1, 1, 'Our own note');
    env.run('setUpSheet');
    expect(env.state().note(1, 1)).toBe('Our own note');
  });

  it('does not protect the header twice when run again', () => {
    const env = createEnvironment();
    env.run('setUpSheet');
    env.run('setUpSheet');
    expect(env.state().protections).toHaveLength(1);
    expect(env.ui.alerts.at(-1)).toContain('All template columns were already there');
  });

  it('refuses a sheet with data but no recognizable header, changing nothing', () => {
    const env = createEnvironment(sheetFrom([['x', 'y'], [1, 2]]));
    const before = snapshot(env.state());
    env.run('setUpSheet');
    expect(env.ui.alerts.at(-1)).toContain('could not recognize a header row');
    expect(snapshot(env.state())).toBe(before);
  });
});

describe('Settings', () => {
  it('shows the current settings with the sheet\'s headers for column overrides', () => {
    const env = createEnvironment(sheetFrom([['Org', 'Town', 'Zip code'], ['Red Sun', 'Chicago', '60615']]));
    env.run('showSettings');
    expect(env.lastSidebar()).toMatchObject({ view: 'settings', settings: { country: 'US', commonsUrl: '', liveCheck: true }, headers: ['Org', 'Town', 'Zip code'] });
  });

  it('saves valid settings in document properties and uses the overrides when checking', () => {
    const env = createEnvironment(sheetFrom([['Org', 'Town', 'Digits'], ['Red Sun', 'Chicago', 'not a zip']]));
    const saved = env.run<{ saved: boolean }>('saveSettings', { country: 'ca', commonsUrl: 'https://x.github.io/m.csv', overrides: { Digits: 'postal_code' } });
    expect(saved.saved).toBe(true);
    expect(JSON.parse(env.properties.get('dcc.settings') ?? '{}')).toMatchObject({ country: 'CA', overrides: { Digits: 'postal_code' } });
  });

  it('sends problems back instead of saving', () => {
    const env = createEnvironment();
    const result = env.run<{ saved: boolean; problems: string[] }>('saveSettings', { country: 'Atlantis', commonsUrl: 'ftp://x', overrides: { A: 'nonsense' } });
    expect(result.saved).toBe(false);
    expect(result.problems).toHaveLength(3);
    expect(env.properties.has('dcc.settings')).toBe(false);
  });
});
