import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { createEnvironment, DIST, ensureBuilt, sheetFrom } from './fakes/environment';
import { DIRECTORY } from '../fixtures/addon/directory';

const EXPOSED = ['onOpen', 'onInstall', 'onEdit', 'setUpSheet', 'checkSheet', 'findDuplicates', 'compareWithCommons',
  'clearMarks', 'showSettings', 'goToCell', 'applyFix', 'applyAllSafeFixes', 'markNotDuplicate', 'useCommonsValue',
  'saveSettings'];

beforeAll(() => ensureBuilt());

describe('the built bundle', () => {
  it('declares every trigger, menu item and sidebar target as a top-level function', () => {
    const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
    for (const name of EXPOSED) expect(code).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
  });

  it('replaces each declaration with the real handler once loaded', () => {
    const env = createEnvironment();
    for (const name of EXPOSED) expect(typeof (env.context as { [key: string]: unknown })[name]).toBe('function');
    env.open('LIMITED');
    expect(env.ui.menus).toHaveLength(1);
  });

  it('forwards a call made through the original declaration to the real handler', () => {
    const env = createEnvironment();
    const stubs = vm.runInContext('__dataCommonsStubs', env.context) as { onOpen: (e: unknown) => void };
    stubs.onOpen({ authMode: 'FULL' });
    expect(env.ui.menus).toHaveLength(1);
  });

  it('ships the sidebar and a manifest with only the three scopes the add-on needs', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8')) as { runtimeVersion: string; oauthScopes: string[] };
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes.sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(readFileSync(join(DIST, 'sidebar.html'), 'utf8')).toContain('id="payload"');
  });

  it('never uses innerHTML in the sidebar, so member text is never parsed as HTML', () => {
    const html = readFileSync(join(DIST, 'sidebar.html'), 'utf8');
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    expect(html).toContain('<?= payload ?>');
  });
});

describe('onOpen and onInstall', () => {
  const items = ['Set up this sheet', 'Check this sheet', 'Find duplicates', 'Compare with the commons', 'Clear marks', 'Settings'];

  it.each(['NONE', 'LIMITED'] as const)('builds the Data Commons menu in AuthMode.%s without touching the document', (mode) => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.calls.reset();
    env.open(mode);
    expect(env.ui.menus[0]?.items.map((item) => item.caption)).toEqual(items);
    expect(env.calls.data()).toBe(1); // SpreadsheetApp.getUi(), which AuthMode.NONE allows
    expect(env.calls.log.filter((call) => call.startsWith('spreadsheet.'))).toEqual(['spreadsheet.getUi']);
  });

  it('names only functions the bundle defines', () => {
    const env = createEnvironment();
    env.open('NONE');
    for (const item of env.ui.menus[0]?.items ?? []) {
      expect(typeof (env.context as { [key: string]: unknown })[item.functionName]).toBe('function');
    }
  });

  it('builds the menu from onInstall', () => {
    const env = createEnvironment();
    (env.context as { onInstall: (e: unknown) => void }).onInstall({ authMode: 'FULL' });
    expect(env.ui.menus).toHaveLength(1);
  });
});
