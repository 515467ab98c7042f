import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../shared/read/csv';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { keyDeduper } from '../helpers/key-deduper';
import { useTempDir } from '../../helpers/temp-dir';

const CHILD = join(__dirname, '..', 'helpers', 'aggregate-child.ts');
const temp = useTempDir('dcc-kill-');

function writeSource(rows: number, tag: string): void {
  const lines = ['ID,Name,Street,City,State,Zip,Phone,Description'];
  for (let i = 0; i < rows; i += 1) {
    lines.push(`${i},${tag} Cooperative ${i},${100 + i} N Main St,Chicago,IL,606${String(i % 50).padStart(2, '0')},,${'x'.repeat(200)}`);
  }
  writeFileSync(join(temp.path, 'big.csv'), `${lines.join('\n')}\n`);
}

function runChildFor(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', CHILD, join(temp.path, 'sources.csv'), join(temp.path, 'out')],
      { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('a run killed mid-write', () => {
  it('leaves the previous master whole (or the new one), never half of one', async () => {
    writeFileSync(join(temp.path, 'sources.csv'),
      'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active\n'
      + 'big,Big list,csv,big.csv,,,,signed,,,,US,,\n');
    writeSource(1500, 'Old');
    await runAggregate({ registryPath: join(temp.path, 'sources.csv'), outDir: join(temp.path, 'out'), deduper: keyDeduper });
    const masterPath = join(temp.path, 'out', 'workbook', 'master.csv');
    const publicPath = join(temp.path, 'out', 'public', 'master.csv');
    writeSource(2500, 'New');
    for (const ms of [300, 800, 1300, 1800, 2300, 2800, 3500]) {
      await runChildFor(ms);
      // A killed run leaves its lock behind until it goes stale; a later run would wait it out.
      rmSync(join(temp.path, 'out', '.aggregate.lock'), { recursive: true, force: true });
      for (const path of [masterPath, publicPath]) {
        const rows = parseCsv(readFileSync(path, 'utf8'));
        expect([1501, 2501]).toContain(rows.length);
        const names = rows.slice(1).map((row) => row[1] ?? '');
        expect(names.every((name) => name.startsWith('Old') || name.startsWith('New'))).toBe(true);
        expect(new Set(names.map((name) => name.split(' ')[0])).size).toBe(1);
      }
    }
  }, 120_000);
});
