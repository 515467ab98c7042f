import { execFile } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveFolder, startMockIndex } from '../mocks/murmurations-index';
import { useTempDir } from '../../helpers/temp-dir';

const root = resolve(__dirname, '../../..');
const temp = useTempDir('dcc-cli-murm-');

function dcc(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin/dcc.js'), ...args], { cwd: temp.path, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeEach(() => {
  cpSync(join(root, 'test/fixtures/bot/basic'), join(temp.path, 'src'), { recursive: true });
});

describe('dcc murmurations register', () => {
  it('needs the URL public/ is served at, and refuses plain http to an index', async () => {
    const missing = await dcc(['murmurations', 'register', '--out', join(temp.path, 'out')], { DCC_MURMURATIONS_BASE_URL: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('pass --base-url URL');
    const plainHttp = await dcc(['murmurations', 'register', '--out', join(temp.path, 'out'), '--base-url', 'https://coops.example.org/',
      '--index', 'http://index.example.org/v2']);
    expect(plainHttp.code).toBe(2);
    expect(plainHttp.stderr).toContain('only https:// addresses are fetched');
  });

  it('runs after dcc aggregate when DCC_MURMURATIONS_BASE_URL is set', async () => {
    const index = await startMockIndex();
    const host = await serveFolder(join(temp.path, 'out', 'public'));
    try {
      const result = await dcc(['aggregate', '--registry', join(temp.path, 'src/sources.csv'), '--out', join(temp.path, 'out')], {
        DCC_MURMURATIONS_BASE_URL: host.url, DCC_MURMURATIONS_INDEX: index.url, DCC_MURMURATIONS_ALLOW_LOOPBACK: 'yes',
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Murmurations: \d+ profiles in /);
      expect(result.stdout).toMatch(new RegExp(`Murmurations index ${index.url}: (\\d+) new, 0 changed, 0 unchanged, 0 removed\\.`));
      expect([...index.nodes.values()].every((node) => node.status === 'posted')).toBe(true);
      expect(index.nodes.size).toBeGreaterThan(2);
    } finally {
      await index.close();
      await host.close();
    }
  }, 60_000);
});
