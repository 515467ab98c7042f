import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT as root, runDcc, type DccResult } from '../../helpers/run-dcc';
import { useTempDir } from '../../helpers/temp-dir';

const temp = useTempDir('dcc-cli-');

const dcc = (args: string[], cwd = root): Promise<DccResult> => runDcc(args, { cwd });

beforeEach(() => {
  cpSync(join(root, 'test/fixtures/bot/basic'), join(temp.path, 'src'), { recursive: true });
});

describe('dcc aggregate', () => {
  it('prints a summary of what it read, held back, merged and published', async () => {
    const result = await dcc(['aggregate', '--registry', join(temp.path, 'src/sources.csv'), '--out', join(temp.path, 'out')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Run run-\d{8}T\d{6}Z: ok/);
    expect(result.stdout).toMatch(/a\s+read\s+4 records read, 1 held back/);
    expect(result.stdout).toContain('Held back from publishing (agreement not signed): c.');
    expect(result.stdout).toMatch(/Master: \d+ rows \(\d+ new/);
    expect(result.stderr).toBe('');
    expect(readFileSync(join(temp.path, 'out/public/master.csv'), 'utf8')).toMatch(/^dcc_id,name,/);
  });

  it('prints the result object with --json, and --dry-run writes nothing', async () => {
    const result = await dcc(['aggregate', '--registry', join(temp.path, 'src/sources.csv'), '--out', join(temp.path, 'out'), '--dry-run', '--json']);
    const parsed = JSON.parse(result.stdout) as { dryRun: boolean; run: { status: string }; sources: { key: string }[] };
    expect(parsed).toMatchObject({ dryRun: true, run: { status: 'dry-run' } });
    expect(parsed.sources.map((source) => source.key)).toEqual(['a', 'b', 'c', 'off']);
    expect(() => readFileSync(join(temp.path, 'out/workbook/master.csv'))).toThrow();
  });

  it('exits 3 when a source failed, and says which', async () => {
    rmSync(join(temp.path, 'src/b.csv'));
    const result = await dcc(['aggregate', '--registry', join(temp.path, 'src/sources.csv'), '--out', join(temp.path, 'out')]);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/b\s+failed/);
    expect(result.stdout).toContain('failed, no earlier rows');
  });

  it('exits 2 on a missing, binary or folder registry, without creating the output folder', async () => {
    writeFileSync(join(temp.path, 'binary.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02]));
    const cases: [string, RegExp][] = [
      [join(temp.path, 'nope.csv'), /^dcc: registry not found: .*nope\.csv\n$/],
      [join(temp.path, 'binary.csv'), /^dcc: registry .*binary\.csv: this file is not a CSV \(it looks like a binary file/],
      [join(temp.path, 'src'), /^dcc: registry .*src is a folder, not a CSV file\n$/],
    ];
    for (const [registry, message] of cases) {
      const result = await dcc(['aggregate', '--registry', registry, '--out', join(temp.path, 'out')]);
      expect([registry, result.code]).toEqual([registry, 2]);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(temp.path, 'out'))).toBe(false);
    }
  }, 180_000);

  it('explains a missing registry plainly', async () => {
    const result = await dcc(['aggregate', '--out', join(temp.path, 'out')], temp.path);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dcc: no registry/);
  });
});

describe('dcc demo --no-serve', () => {
  it('aggregates the bundled examples into the output folder', async () => {
    const result = await dcc(['demo', '--no-serve', '--out', join(temp.path, 'demo')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Held back from publishing (agreement not signed): solidarity-map.');
    const geojson = JSON.parse(readFileSync(join(temp.path, 'demo/public/master.geojson'), 'utf8')) as { features: unknown[]; dcc: { sources: unknown[] } };
    expect(geojson.features.length).toBeGreaterThan(40);
    expect(geojson.dcc.sources).toHaveLength(3);
  }, 60_000);
});

describe('dcc publish', () => {
  it('rewrites the public files from the workbook', async () => {
    await dcc(['aggregate', '--registry', join(temp.path, 'src/sources.csv'), '--out', join(temp.path, 'out')]);
    rmSync(join(temp.path, 'out/public'), { recursive: true });
    const result = await dcc(['publish', '--out', join(temp.path, 'out')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Published \d+ rows/);
    expect(readFileSync(join(temp.path, 'out/public/master.geojson'), 'utf8')).toContain('"dcc"');
  });
});
