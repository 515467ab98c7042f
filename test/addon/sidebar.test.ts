import { createEnvironment, sheetFrom } from './fakes/environment';
import { renderSidebar } from './fakes/sidebar-dom';
import { DIRECTORY, DUPLICATES } from '../fixtures/addon/directory';

describe('the sidebar', () => {
  it('lists findings by row with "Go to" and "Apply fix" buttons that reach the sheet', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.run('checkSheet');
    const sidebar = renderSidebar(env);
    expect(sidebar.app.textContent).toContain('Row 3');
    expect(sidebar.app.textContent).toContain('Write the state as its two-letter code: WI.');
    sidebar.app.button('Go to A4').click();
    expect(env.state().active).toEqual({ row: 4, column: 1 });
    sidebar.app.button('Apply fix: WI').click();
    expect(sidebar.calls).toContainEqual(['applyFix', 0, 3, 4, 'wisconsin', 'WI']);
    expect(env.state().value(3, 4)).toBe('WI');
    expect(sidebar.app.textContent).toContain('Fixed.');
    expect(sidebar.app.textContent).not.toContain('two-letter code: WI');
  });

  it('applies all safe fixes after a confirmation that says how many cells change, and shows the new state', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.run('checkSheet');
    const sidebar = renderSidebar(env);
    sidebar.app.button(/^Apply all safe fixes \(\d+\)$/).click();
    expect(env.state().value(3, 8)).toBe('food coop'); // nothing yet: the member is asked first
    expect(sidebar.app.textContent).toMatch(/This will change \d+ cells on tab Directory to their standard form\. Apply\?/);
    sidebar.app.button(/^Yes, change \d+ cells$/).click();
    expect(env.state().value(3, 8)).toBe('consumer cooperative');
    expect(() => sidebar.app.button(/^Apply all safe fixes/)).toThrow();
  });

  it('shows member text as text', () => {
    const env = createEnvironment(sheetFrom([['Organization name', 'State'], ['<b>Bold</b> & Co', 'Nowhere <i>land</i>']]));
    env.run('checkSheet');
    const sidebar = renderSidebar(env);
    expect(sidebar.app.textContent).toContain('Nowhere <i>land</i>');
    expect(sidebar.app.all().some((node) => node.tagName === 'i' || node.tagName === 'b')).toBe(false);
  });

  it('lets the member dismiss a duplicate pair and jump between its rows', () => {
    const env = createEnvironment(sheetFrom(DUPLICATES));
    env.run('findDuplicates');
    const sidebar = renderSidebar(env);
    expect(sidebar.app.textContent).toMatch(/Row 2 "Red Sun Bakery Cooperative" and row 3 "Red Sun Bakery Co-op"/);
    sidebar.app.button('Go to row 3').click();
    expect(env.state().active).toEqual({ row: 3, column: 1 });
    sidebar.app.button('Not a duplicate').click();
    expect(sidebar.app.textContent).toContain('No probable duplicates found.');
  });

  it('saves settings from the form', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.run('showSettings');
    const sidebar = renderSidebar(env);
    const inputs = sidebar.app.all().filter((node) => node.tagName === 'input');
    const [country, url] = inputs;
    if (!country || !url) throw new Error('the form has no inputs');
    country.value = 'Canada';
    url.value = 'https://commons.github.io/directory/master.csv';
    sidebar.app.button('Save').click();
    expect(sidebar.app.textContent).toContain('Settings saved.');
    expect(JSON.parse(env.properties.get('dcc.settings') ?? '{}')).toMatchObject({ country: 'CA', commonsUrl: 'https://commons.github.io/directory/master.csv' });
  });
});

describe('sheet-level findings in the sidebar', () => {
  it('apply a header fix and keep the rest of the sidebar', () => {
    const env = createEnvironment(sheetFrom([['Organization name', 'Citty', 'State'], ['Red Sun Bakery', 'Chicago', 'IL']]));
    env.run('checkSheet');
    const sidebar = renderSidebar(env);
    expect(sidebar.app.textContent).toContain('About the whole sheet');
    sidebar.app.button('Apply fix: City').click();
    expect(env.state().value(1, 2)).toBe('City');
    expect(sidebar.app.textContent).toContain('About the whole sheet');
    expect(sidebar.app.textContent).toContain('Fixed.');
    expect(() => sidebar.app.button('Apply fix: City')).toThrow();
  });
});
