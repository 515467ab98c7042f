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

/**
 * V8 flags the commands that hold a whole network in memory need (bin/heavy-commands.json): their
 * short-lived per-record objects outgrow V8's default 16 MB young generation, get copied into the
 * old one and are collected there, which cost an aggregate run that changed one source of 200 about
 * a quarter of its time in one long process (in a fresh process it is within noise: see the README).
 * A bigger young generation lets them die young. The flag only works from
 * start-up, so those commands run in a child process that has it; --help, --version and validate
 * keep starting in this one.
 */
function missingNodeFlags() {
  const heavy = require('./heavy-commands.json');
  const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  if (!command || !heavy.commands.includes(command)) return [];
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return heavy.nodeFlags.filter((flag) => !given.some((arg) => arg.split('=')[0] === flag.split('=')[0]));
}

/**
 * Runs `node <args> <this command's arguments>` and exits as it does. Ctrl+C reaches the child (same
 * process group); a signal sent to this process alone (a scheduler's or a test's SIGTERM) is passed
 * on, so the child never outlives it.
 */
function runChild(args) {
  const { spawn } = require('node:child_process');
  const child = spawn(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    throw error;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 128 + (require('node:os').constants.signals[signal] ?? 0) : 1);
  });
}

const flags = missingNodeFlags();
if (bundleIsCurrent()) {
  if (flags.length === 0) require(bundle);
  else runChild([...flags, bundle]);
} else {
  // tsx's ESM loader, so the commands' import() calls resolve TypeScript too; it registers only
  // through --import, hence a child process.
  const { pathToFileURL } = require('node:url');
  const loader = pathToFileURL(require.resolve('tsx')).href;
  runChild([...flags, '--import', loader, join(root, 'bot', 'src', 'cli', 'index.ts')]);
}
