/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, or those an argument names: a bench's whole
 * name selects that one only (`npm run bench -- cli` is not also dedupe-cli), any other word every
 * bench whose name contains it (`npm run bench -- dedu`). Each file default-exports an async function
 * that prints its figures.
 * A file may export `nodeFlags`, the V8 flags the code it measures runs with in production (the heavy
 * `dcc` commands' flags, bin/heavy-commands.json): it then runs in a child process started with them.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface BenchModule {
  default: () => Promise<void>;
  nodeFlags?: readonly string[];
}

/** Runs one bench file in a node process started with `flags`. */
function runWithFlags(file: string, flags: readonly string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...flags, '--import', 'tsx', __filename, file],
      { stdio: 'inherit', env: { ...process.env, DCC_BENCH_CHILD: '1' } });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${file} exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const all = readdirSync(__dirname).filter((file) => file.endsWith('.bench.ts')).sort();
  const nameOf = (file: string): string => file.replace('.bench.ts', '');
  const names = new Set(all.map(nameOf));
  const picks = (file: string, word: string): boolean => (names.has(nameOf(word)) ? nameOf(file) === nameOf(word) : file.includes(word));
  const files = all.filter((file) => only.length === 0 || only.some((word) => picks(file, word)));
  if (files.length === 0) throw new Error(`no bench matches ${only.join(', ')}; there are ${[...names].join(', ')}`);
  for (const file of files) {
    if (process.env.DCC_BENCH_CHILD !== '1') console.log(`\n## ${file.replace('.bench.ts', '')}`);
    const mod = (await import(join(__dirname, file))) as BenchModule;
    const missing = (mod.nodeFlags ?? []).filter((flag) => !process.execArgv.includes(flag));
    if (missing.length > 0) await runWithFlags(file, mod.nodeFlags ?? []);
    else await mod.default();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
