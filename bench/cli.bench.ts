/**
 * `dcc` start-up, end to end as a coordinator runs it (bin/dcc.js), beside `node -e 0` in the same
 * run: `--help`, `--version` and `validate` on a 50-row sheet, from the bundle `npm install` builds and
 * from the TypeScript sources through tsx (what every start cost before the bundle). Goals: help and
 * version ≤ 0.3 s, validate ≤ 0.6 s; figures are medians of 5 runs, printed as ratios to `node -e 0`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 5;
const root = join(__dirname, '..');

function sheet(rows: number): string {
  const lines = ['Name,Street,City,State,ZIP,Phone,Website,Type'];
  for (let i = 0; i < rows; i++) {
    lines.push(`Harvest Cooperative ${i},${100 + i} Main St,Chicago,IL,6060${i % 10},(312) 555-${String(1000 + i)},https://coop${i}.example.org,worker cooperative`);
  }
  return `${lines.join('\n')}\n`;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
}

function time(args: readonly string[], env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed: ${String(result.stderr)}`);
  }
  return median(times);
}

export default async function bench(): Promise<void> {
  execFileSync(process.execPath, [join(root, 'bot', 'build.mjs')], { stdio: 'pipe' });
  const work = mkdtempSync(join(tmpdir(), 'dcc-cli-bench-'));
  try {
    const file = join(work, 'sheet.csv');
    writeFileSync(file, sheet(50));
    const dcc = join(root, 'bin', 'dcc.js');
    const cases: [string, string[], number][] = [
      ['dcc --help', [dcc, '--help'], 300],
      ['dcc --version', [dcc, '--version'], 300],
      ['dcc validate (50 rows)', [dcc, 'validate', file], 600],
    ];
    // Interleaved per case so load from other work on the machine falls on both sides alike.
    const node = time(['-e', '0']);
    console.log(`node -e 0: ${node.toFixed(0)} ms (median of ${RUNS})`);
    for (const [name, args, goal] of cases) {
      const built = time(args);
      const source = time(args, { DCC_FROM_SOURCE: '1' });
      console.log(`${name}: ${built.toFixed(0)} ms = ${(built / node).toFixed(1)}× node -e 0 (goal ≤ ${goal} ms)`
        + `; from sources through tsx ${source.toFixed(0)} ms = ${(source / node).toFixed(1)}×`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
