#!/usr/bin/env node
// Runs the CLI bundle that `npm install` builds (bot/dist/dcc.cjs, plain JavaScript), so no compiler
// runs at start-up. When the bundle is missing, or a source file it was built from has changed since
// (someone is editing the code), the TypeScript runs through tsx instead. DCC_FROM_SOURCE=1 forces that.
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'bot', 'dist', 'dcc.cjs');

function bundleIsCurrent() {
  if (process.env.DCC_FROM_SOURCE === '1') return false;
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const { inputs } = JSON.parse(readFileSync(`${bundle}.inputs.json`, 'utf8'));
    // A few hundred stats cost about a millisecond; running stale code would cost far more.
    return inputs.every((input) => statSync(join(root, input)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

if (bundleIsCurrent()) {
  require(bundle);
} else {
  // tsx's ESM loader, so the commands' import() calls resolve TypeScript too; it registers only
  // through --import, hence a child process. Ctrl+C reaches the child (same process group); a
  // signal sent to this process alone (a scheduler's or a test's SIGTERM) is passed on, so the
  // child never outlives it.
  const { spawn } = require('node:child_process');
  const { pathToFileURL } = require('node:url');
  const loader = pathToFileURL(require.resolve('tsx')).href;
  const child = spawn(process.execPath, ['--import', loader, join(root, 'bot', 'src', 'cli', 'index.ts'), ...process.argv.slice(2)],
    { stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    throw error;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 128 + (require('node:os').constants.signals[signal] ?? 0) : 1);
  });
}
