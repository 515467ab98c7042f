import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT as root, runDcc, type DccResult } from '../../helpers/run-dcc';

let dir: string;

const dcc = (args: string[], cwd = root): Promise<DccResult> => runDcc(args, { cwd });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dcc-cli-'));
  cpSync(join(root, 'test/fixtures/bot/basic'), join(dir, 'src'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dcc aggregate', () => {
  it('prints a summary of what it read, held back, merged and published', async () => {
    const result = await dcc(['aggregate', '--registry', join(dir, 'src/sources.csv'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Run run-\d{8}T\d{6}Z: ok/);
    expect(result.stdout).toMatch(/a\s+read\s+4 records read, 1 held back/);
    expect(result.stdout).toContain('Held back from publishing (agreement not signed): c.');
    expect(result.stdout).toMatch(/Master: \d+ rows \(\d+ new/);
    expect(result.stderr).toBe('');
    expect(readFileSync(join(dir, 'out/public/master.csv'), 'utf8')).toMatch(/^dcc_id,name,/);
  });

  it('prints the result object with --json, and --dry-run writes nothing', async () => {
    const result = await dcc(['aggregate', '--registry', join(dir, 'src/sources.csv'), '--out', join(dir, 'out'), '--dry-run', '--json']);
    const parsed = JSON.parse(result.stdout) as { dryRun: boolean; run: { status: string }; sources: { key: string }[] };
    expect(parsed).toMatchObject({ dryRun: true, run: { status: 'dry-run' } });
    expect(parsed.sources.map((source) => source.key)).toEqual(['a', 'b', 'c', 'off']);
    expect(() => readFileSync(join(dir, 'out/workbook/master.csv'))).toThrow();
  });

  it('exits 3 when a source failed, and says which', async () => {
    rmSync(join(dir, 'src/b.csv'));
    const result = await dcc(['aggregate', '--registry', join(dir, 'src/sources.csv'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/b\s+failed/);
    expect(result.stdout).toContain('failed, no earlier rows');
  });

  it('exits 2 on a missing, binary or folder registry, without creating the output folder', async () => {
    writeFileSync(join(dir, 'binary.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02]));
    const cases: [string, RegExp][] = [
      [join(dir, 'nope.csv'), /^dcc: registry not found: .*nope\.csv\n$/],
      [join(dir, 'binary.csv'), /^dcc: registry .*binary\.csv: this file is not a CSV \(it looks like a binary file/],
      [join(dir, 'src'), /^dcc: registry .*src is a folder, not a CSV file\n$/],
    ];
    for (const [registry, message] of cases) {
      const result = await dcc(['aggregate', '--registry', registry, '--out', join(dir, 'out')]);
      expect([registry, result.code]).toEqual([registry, 2]);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  }, 180_000);

  it('explains a missing registry plainly', async () => {
    const result = await dcc(['aggregate', '--out', join(dir, 'out')], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dcc: no registry/);
  });
});

describe('dcc demo --no-serve', () => {
  it('aggregates the bundled examples into the output folder', async () => {
    const result = await dcc(['demo', '--no-serve', '--out', join(dir, 'demo')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Held back from publishing (agreement not signed): solidarity-map.');
    const geojson = JSON.parse(readFileSync(join(dir, 'demo/public/master.geojson'), 'utf8')) as { features: unknown[]; dcc: { sources: unknown[] } };
    expect(geojson.features.length).toBeGreaterThan(40);
    expect(geojson.dcc.sources).toHaveLength(3);
  }, 60_000);
});

describe('dcc publish', () => {
  it('rewrites the public files from the workbook', async () => {
    await dcc(['aggregate', '--registry', join(dir, 'src/sources.csv'), '--out', join(dir, 'out')]);
    rmSync(join(dir, 'out/public'), { recursive: true });
    const result = await dcc(['publish', '--out', join(dir, 'out')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Published \d+ rows/);
    expect(readFileSync(join(dir, 'out/public/master.geojson'), 'utf8')).toContain('"dcc"');
  });
});
