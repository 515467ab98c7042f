import { createEnvironment, manifest, sheetFrom, type AddonEnvironment } from './fakes/environment';
import { DIRECTORY } from '../fixtures/addon/directory';
import type { CommonsPayload, RowUpdate, SettingsPayload, SidebarPayload } from '../../addon/src/core/payload';
import { snapshot } from './helpers';

const URL = 'https://commons.github.io/directory/master.csv';
const MASTER = [
  'dcc_id,name,street,city,state,postal_code,phone,website,org_type,sources,updated_at',
  'dcc-1,Red Sun Bakery Co-op,221 E 51st St,Chicago,IL,60615,+1 312 555 0100,https://redsun.coop,worker cooperative,chicago-network,2026-11-01',
  'dcc-2,Bright Path Childcare,77 Oak Ave,Oakland,CA,94607,+1 510 555 0123,https://brightpath.org,worker cooperative,bay-area,2026-11-01',
].join('\r\n');

function withCommons(body = MASTER, status = 200): AddonEnvironment {
  const env = createEnvironment(sheetFrom(DIRECTORY));
  env.urls.set(URL, { status, body });
  env.run('saveSettings', { country: 'US', commonsUrl: URL, liveCheck: true, overrides: {} });
  return env;
}

function asCommons(payload: SidebarPayload): CommonsPayload {
  if (payload.view !== 'commons') throw new Error(`expected commons, got ${JSON.stringify(payload)}`);
  return payload;
}

describe('Compare with the commons', () => {
  it('flags rows already listed and fields where the commons differs, without changing values', () => {
    const env = withCommons();
    const before = snapshot(env.state());
    env.run('compareWithCommons');
    const payload = asCommons(env.lastSidebar());
    expect(payload.rows.map((row) => row.row)).toEqual([2, 5]);
    expect(env.state().note(2, 1)).toContain('Listed in the commons as "Red Sun Bakery Co-op" from source chicago-network.');
    const brightPath = payload.rows.find((row) => row.row === 5);
    expect(brightPath?.differences.map((d) => d.label)).toEqual(['Public phone']);
    expect(env.state().note(5, 6)).toContain('The commons has "+15105550123" here.');
    expect(env.state().background(5, 6)).toBe('#cfe2f3');
    expect(snapshot(env.state())).toBe(before);
  });

  it('"Use this value" writes the commons value into the cell', () => {
    const env = withCommons();
    env.run('compareWithCommons');
    const difference = asCommons(env.lastSidebar()).rows.find((row) => row.row === 5)?.differences[0];
    const update = env.run<RowUpdate>('useCommonsValue', 0, 5, difference?.column, difference?.value, difference?.commonsValue);
    expect(update.ok).toBe(true);
    expect(env.state().value(5, 6)).toBe("+15105550123");
    expect(env.state().note(5, 6)).not.toContain('The commons has');
    expect(env.state().note(5, 1)).toContain('Listed in the commons'); // the row is still listed
  });

  it('caches the master in chunks under 100 KB and does not fetch it again', () => {
    // Long descriptions make the file several cache values long with only a few rows.
    const header = MASTER.split('\r\n')[0] + ',description';
    const big = [header, ...MASTER.split('\r\n').slice(1).map((line) => `${line},`), ...Array.from({ length: 120 }, (_, i) =>
      `dcc-x${i},Filler Cooperative ${i},${i} Long Road,Springfield,IL,62701,,,other,filler,2026-11-01,${'A long story. '.repeat(130)}`)].join('\r\n');
    expect(big.length).toBeGreaterThan(200_000);
    const env = withCommons(big);
    env.run('compareWithCommons');
    env.run('compareWithCommons');
    expect(env.fetches).toEqual([URL]);
    const values = [...env.cache.entries.values()].map((entry) => entry.value);
    expect(values.length).toBeGreaterThan(2);
    for (const value of values) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(100 * 1024);
    expect(asCommons(env.lastSidebar()).rows.map((row) => row.row)).toEqual([2, 5]);
  });

  it('fetches again once the cached copy has expired', () => {
    const env = withCommons();
    env.run('compareWithCommons');
    env.clock += 7 * 60 * 60 * 1000;
    env.run('compareWithCommons');
    expect(env.fetches).toHaveLength(2);
  });

  it('explains an HTTP error instead of failing', () => {
    const env = withCommons('Not found', 404);
    env.run('compareWithCommons');
    expect(env.lastSidebar()).toEqual({ view: 'message', message: expect.stringContaining('HTTP 404') });
  });

  it('explains an unreachable address', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.run('saveSettings', { country: 'US', commonsUrl: 'https://nowhere.github.io/x.csv', overrides: {} });
    env.run('compareWithCommons');
    expect(env.lastSidebar()).toEqual({ view: 'message', message: expect.stringContaining('could not be reached') });
  });

  it('asks for the address when none is set', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.run('compareWithCommons');
    expect(env.lastSidebar()).toEqual({ view: 'message', message: expect.stringContaining('Settings') });
    expect(env.fetches).toHaveLength(0);
  });

  it('explains a file that is not a CSV', () => {
    const env = withCommons('\u0000\u0001PK binary');
    env.run('compareWithCommons');
    expect(env.lastSidebar()).toEqual({ view: 'message', message: expect.stringContaining('could not be read') });
  });
});

describe('the commons address and the manifest allowlist (published deployment)', () => {
  it('ships a urlFetchWhitelist of https prefixes with a path, which the versioned deployment enforces', () => {
    const list = manifest().urlFetchWhitelist ?? [];
    expect(list.length).toBeGreaterThan(0);
    for (const prefix of list) expect(prefix).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+\/.*$/);
    const env = withCommons();
    expect(env.fetcher.deployment).toBe('versioned');
    env.run('compareWithCommons');
    expect(env.lastSidebar<SidebarPayload>().view).toBe('commons');
  });

  it.each([
    ['http://commons.github.io/directory/master.csv'],
    ['https://example.org/master.csv'],
    ['https://github.io.evil.example/master.csv'],
  ])('refuses to save %s, saying which addresses are allowed', (url) => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    const answer = env.run<SettingsPayload>('saveSettings', { country: 'US', commonsUrl: url, liveCheck: true, overrides: {} });
    expect(answer.saved).toBe(false);
    expect(answer.problems.join(' ')).toContain('must start with https://…github.io/');
    expect(env.properties.get('dcc.settings')).toBeUndefined();
  });

  it('tells the member in Settings which addresses the add-on may read', () => {
    const env = createEnvironment(sheetFrom(DIRECTORY));
    env.run('showSettings');
    expect(env.lastSidebar<SettingsPayload>().allowedPrefixes).toEqual(manifest().urlFetchWhitelist);
    expect(env.lastSidebar<SettingsPayload>().allowedPrefixes).toContain('https://*.github.io/');
  });
});
