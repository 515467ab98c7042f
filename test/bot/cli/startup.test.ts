/**
 * `dcc` start-up: `--version` exists, and neither `--help` nor `--version` loads googleapis or Bolt,
 * whether the CLI runs from its TypeScript sources or from the bundle `npm install` builds. Which
 * modules a run loaded is read from require.cache at exit by a preloaded script.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useTempDirForAll } from '../../helpers/temp-dir';

const root = resolve(__dirname, '../../..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const temp = useTempDirForAll('dcc-startup-');
let bundle: string;
let trace: string;

beforeAll(() => {
  bundle = join(temp.path, 'dcc.cjs');
  execFileSync(process.execPath, [join(root, 'bot', 'build.mjs'), '--outfile', bundle], { stdio: 'pipe' });
  trace = join(temp.path, 'trace.cjs');
  writeFileSync(trace, `process.on('exit', () => {
  const heavy = Object.keys(require.cache).filter((path) => /node_modules[\\\\/](googleapis|@slack)[\\\\/]/.test(path));
  const packageOf = (parts) => (parts[0].startsWith('@') ? parts[0] + '/' + parts[1] : parts[0]);
  process.stderr.write('LOADED ' + JSON.stringify(heavy.map((path) => packageOf(path.replace(/.*node_modules[\\\\/]/, '').split(/[\\\\/]/)))) + '\\n');
  process.stderr.write('EXECARGV ' + JSON.stringify(process.execArgv) + '\\n');
});\n`);
}, 60_000);

function run(args: readonly string[], env: NodeJS.ProcessEnv = {}, nodeOptions = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // NODE_OPTIONS, not argv: a child node process the CLI starts is traced too.
    const options = { cwd: root, env: { ...process.env, ...env, NODE_OPTIONS: `--require ${trace} ${nodeOptions}`.trim() } };
    execFile(process.execPath, args, options, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Heavy packages any traced process loaded; throws when no process reported (the trace did not run). */
function loaded(stderr: string): string[] {
  const reports = [...stderr.matchAll(/LOADED (.*)/g)].map((match) => JSON.parse(match[1] as string) as string[]);
  if (reports.length === 0) throw new Error(`no trace report in: ${stderr}`);
  return [...new Set(reports.flat())];
}

/** The V8 flags of every traced process. */
function execArgvs(stderr: string): string[][] {
  return [...stderr.matchAll(/EXECARGV (.*)/g)].map((match) => JSON.parse(match[1] as string) as string[]);
}

describe('dcc through bin/dcc.js', () => {
  const dcc = join(root, 'bin', 'dcc.js');

  it('runs the heavy commands in a process with a larger young generation, and --version without one', async () => {
    const dir = mkdtempSync(join(temp.path, 'flags-'));
    const job = await run([dcc, 'aggregate', '--registry', join(root, 'examples', 'sources.csv'), '--out', dir, '--dry-run']);
    expect(job.code).toBe(0);
    expect(execArgvs(job.stderr).some((argv) => argv.includes('--max-semi-space-size=64'))).toBe(true);
    const asked = await run([dcc, '--version']);
    expect(asked.stdout).toBe(`${version}\n`);
    expect(execArgvs(asked.stderr).length).toBeGreaterThan(0);
    expect(execArgvs(asked.stderr).some((argv) => argv.some((arg) => arg.startsWith('--max-semi-space-size')))).toBe(false);
  }, 60_000);

  it('does not add the flag twice when NODE_OPTIONS already sets a young generation size', async () => {
    const dir = mkdtempSync(join(temp.path, 'flags-'));
    const job = await run([dcc, 'aggregate', '--registry', join(root, 'examples', 'sources.csv'), '--out', dir, '--dry-run'],
      {}, '--max-semi-space-size=32');
    expect(job.code).toBe(0);
    expect(execArgvs(job.stderr).some((argv) => argv.includes('--max-semi-space-size=64'))).toBe(false);
  }, 60_000);
});

describe.each([
  // The bundle resolves its packages from the checkout's node_modules, as bot/dist/dcc.cjs does.
  ['the bundle', (): string[] => [bundle], { NODE_PATH: join(root, 'node_modules') }],
  ['the sources', (): string[] => [join(root, 'bin', 'dcc.js')], { DCC_FROM_SOURCE: '1' }],
])('dcc from %s', (_name, entry, env) => {
  it('prints the package version with --version and loads no heavy client', async () => {
    const result = await run([...entry(), '--version'], env);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(loaded(result.stderr)).toEqual([]);
  });

  it('prints help naming every command without loading googleapis or Bolt', async () => {
    const result = await run([...entry(), '--help'], env);
    expect(result.code).toBe(0);
    for (const command of ['validate', 'aggregate', 'publish', 'serve-map', 'demo', 'slack', 'dedupe']) expect(result.stdout).toContain(command);
    expect(loaded(result.stderr)).toEqual([]);
  });

  it('runs validate without loading googleapis or Bolt', async () => {
    const validate = await run([...entry(), 'validate', join(root, 'test/fixtures/validate/small.csv')], env);
    expect(validate.stdout).toContain('rows checked');
    expect(loaded(validate.stderr)).toEqual([]);
  });

  // The checks above can fail: a job run does load a heavy client (Slack's Web API, for alerts), but
  // not the Slack app's framework, which only `dcc slack` uses.
  it('loads Slack\'s Web API client for a job run\'s alerts, and not Bolt', async () => {
    const dir = mkdtempSync(join(temp.path, 'agg-'));
    const result = await run([...entry(), 'aggregate', '--registry', join(root, 'examples', 'sources.csv'), '--out', dir, '--dry-run'], env);
    expect(result.code).toBe(0);
    expect(loaded(result.stderr)).toContain('@slack/web-api');
    expect(loaded(result.stderr)).not.toContain('@slack/bolt');
  }, 60_000);
});
