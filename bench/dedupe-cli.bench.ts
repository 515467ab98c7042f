/**
 * `dcc dedupe` end to end on large files: read, deduplicate, write --out and --explain, in a child
 * process as a person runs it. The command used to crash above about 125k rows; this shows it runs
 * at 1M, and how its time grows, as a ratio to the smallest size run side by side.
 *
 *   npm run bench -- dedupe-cli                      100k and 1M rows
 *   DEDUPE_CLI_BENCH_SIZES=150000 npm run bench -- dedupe-cli
 *
 * Input is synthetic (bench/data/, gitignored): organizations listed once to three times with the
 * usual variations (suffixes, punctuation, phone formats), and a formula-looking cell now and then.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seededRandom } from '../shared/dedup';

const repoRoot = resolve(__dirname, '..');
const dataRoot = join(repoRoot, 'bench/data/dedupe-cli');

const WORDS = ['Bread', 'Roses', 'River', 'Prairie', 'Union', 'Harvest', 'Commons', 'Maple', 'Lakeside', 'Northside', 'Solidarity',
  'Greenway', 'Bronzeville', 'Pilsen', 'Oak', 'Cedar', 'Sunrise', 'Hilltop', 'Riverside', 'Garden'];
const KINDS = ['Cooperative', 'Co-op', 'Collective', 'Workers Cooperative', 'Housing Co-op', 'Credit Union'];
const STREETS = ['Main St', 'Lake St', 'Cottage Grove Ave', 'Halsted St', 'Division St', 'Clark St', 'Western Ave'];

function generate(rows: number): string {
  const file = join(dataRoot, `orgs-${rows}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(dataRoot, { recursive: true });
  const next = seededRandom(rows);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const lines = ['Name,Street,City,Zip,Phone,Website'];
  for (let org = 0; lines.length <= rows; org += 1) {
    const name = `${pick(WORDS)} ${pick(WORDS)} ${pick(KINDS)} ${org}`;
    const street = `${100 + Math.floor(next() * 9000)} ${pick(STREETS)}`;
    const zip = String(60600 + Math.floor(next() * 90));
    const phone = `312555${String(org % 10000).padStart(4, '0')}`;
    const copies = 1 + Math.floor(next() * 3);
    for (let copy = 0; copy < copies && lines.length <= rows; copy += 1) {
      const shown = copy === 0 ? name : copy === 1 ? name.replace('Cooperative', 'Coop').toUpperCase() : `${name}, Inc.`;
      const formula = next() < 0.001 ? '=HYPERLINK("http://x.example")' : '';
      lines.push([formula || shown, street, 'Chicago', zip, copy === 1 ? `(312) 555-${phone.slice(6)}` : phone,
        `${name.split(' ')[0]?.toLowerCase()}${org}.coop`].map((cell) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','));
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface Run {
  readonly rows: number;
  readonly seconds: number;
  readonly ok: boolean;
  readonly detail: string;
}

function run(rows: number): Run {
  const input = generate(rows);
  const out = join(dataRoot, `out-${rows}.csv`);
  const explain = join(dataRoot, `explain-${rows}.csv`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--max-old-space-size=8192', join(repoRoot, 'bin/dcc.js'), 'dedupe', input, '--out', out,
    '--explain', explain], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) return { rows, seconds, ok: false, detail: (result.stderr || result.stdout).split('\n').slice(-3).join(' ') };
  const written = readFileSync(out, 'utf8');
  const lines = written.split('\r\n').length - 2;
  const formulas = /(^|,)"?=/m.test(written);
  return { rows, seconds, ok: lines === rows && !formulas, detail: `${result.stdout.trim()} (${lines} rows written, live formulas: ${formulas ? 'YES' : 'none'})` };
}

export default async function main(): Promise<void> {
  const sizes = (process.env.DEDUPE_CLI_BENCH_SIZES ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
  const runs = sizes.map(run);
  const base = runs[0];
  console.log('| rows | seconds | × smallest | rows per second | result |');
  console.log('|---:|---:|---:|---:|---|');
  for (const one of runs) {
    const ratio = base && base.seconds > 0 ? (one.seconds / base.seconds).toFixed(1) : '';
    console.log(`| ${one.rows.toLocaleString('en-US')} | ${one.seconds.toFixed(1)} | ${ratio} | ${Math.round(one.rows / one.seconds).toLocaleString('en-US')} | ${one.ok ? 'ok' : 'FAILED'}: ${one.detail} |`);
  }
  await Promise.resolve();
}
