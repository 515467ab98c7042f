/** `dcc` through the real binary, as an operator runs it: one way for every CLI test. */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

export interface DccResult { code: number; stdout: string; stderr: string }

export interface RunDccOptions {
  cwd?: string;
  /** Variables added to the environment. */
  env?: { [name: string]: string };
  /** Variables of the caller's shell dropped first, so a developer's own tokens cannot change a test. */
  dropEnv?: RegExp;
}

export function runDcc(args: readonly string[], options: RunDccOptions = {}): Promise<DccResult> {
  const inherited = options.dropEnv
    ? Object.fromEntries(Object.entries(process.env).filter(([name]) => !options.dropEnv?.test(name)))
    : process.env;
  return new Promise((done) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin/dcc.js'), ...args],
      { cwd: options.cwd ?? REPO_ROOT, env: { ...inherited, ...options.env }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}
