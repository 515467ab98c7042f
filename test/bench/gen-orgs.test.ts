/**
 * The vendored benchmark generator (bench/data-gen/gen-orgs.mjs) writes exactly what the team's
 * generator writes under the same flags, and its hard shapes only appear under `--hard v2`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useTempDirForAll } from '../helpers/temp-dir';

const root = resolve(__dirname, '../..');
const vendored = join(root, 'bench/data-gen/gen-orgs.mjs');
const upstream = resolve(root, '../shared/bench/gen-orgs.mjs');

const temp = useTempDirForAll('gen-orgs-');

/** sha256 of every file the generator wrote, by file name. */
function run(script: string, name: string, ...flags: string[]): { [file: string]: string } {
  const out = join(temp.path, name);
  const result = spawnSync(process.execPath, [script, '--entities', '400', '--seed', 'check', '--out', out, ...flags], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return Object.fromEntries(readdirSync(out).sort().map((file) =>
    [file, createHash('sha256').update(readFileSync(join(out, file))).digest('hex')]));
}

describe('bench/data-gen/gen-orgs.mjs', () => {
  (existsSync(upstream) ? it : it.skip)('writes byte-identical files to ../shared/bench/gen-orgs.mjs under the same flags', () => {
    expect(run(vendored, 'vendored')).toEqual(run(upstream, 'upstream'));
  });

  it('writes the same files with --hard v1 as without, and other records with --hard v2', () => {
    const plain = run(vendored, 'plain');
    expect(run(vendored, 'v1', '--hard', 'v1')).toEqual(plain);
    const hard = run(vendored, 'v2', '--hard', 'v2');
    expect(Object.keys(hard)).toEqual(Object.keys(plain));
    expect(hard['all.csv']).not.toBe(plain['all.csv']);
    const text = readFileSync(join(temp.path, 'v2', 'all.csv'), 'utf8');
    expect(text).toMatch(/Deli|Kitchen|Restaurant|Caf/);
  });

  it('refuses an unknown --hard version', () => {
    const result = spawnSync(process.execPath, [vendored, '--hard', 'v9', '--out', join(temp.path, 'bad')], { encoding: 'utf8' });
    expect(result.status).toBe(2);
  });
});
