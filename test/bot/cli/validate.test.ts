import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT as root, runDcc, type DccResult } from '../../helpers/run-dcc';
import { useTempDir } from '../../helpers/temp-dir';

const fixture = join(root, 'test/fixtures/validate/small.csv');

const dcc = (...args: string[]): Promise<DccResult> => runDcc(args);

describe('dcc validate', () => {
  const temp = useTempDir('dcc-');

  it('prints findings a member understands and exits 1 when there are errors', async () => {
    const result = await dcc('validate', fixture);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ERROR   row 3, column A [name] This row has no organization name');
    expect(result.stdout).toContain('WARNING row 2, column D [state] Write the state as its two-letter code: IL.  → suggested: "IL"');
    expect(result.stdout).toMatch(/4 rows checked: 2 errors, \d+ warnings; 2 rows held back from publishing\./);
  });

  it('prints a JSON array of findings with --format json', async () => {
    const result = await dcc('validate', fixture, '--format', 'json');
    const findings = JSON.parse(result.stdout) as { row: number; field: string; severity: string; message: string; fix: string | null }[];
    expect(findings.find((item) => item.field === 'org_type' && item.row === 2)).toMatchObject({ severity: 'warning', fix: 'consumer cooperative' });
    expect(result.code).toBe(1);
  });

  it('exits 0 when there are only warnings', async () => {
    const dir = temp.path;
    writeFileSync(join(dir, 'ok.csv'), 'Name,City,State,Phone\nA,Chicago,IL,555-0100\n');
    const result = await dcc('validate', join(dir, 'ok.csv'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('has no area code');
  });

  it.each([
    ['a missing file', ['missing.csv'], /^dcc: cannot read missing.csv: no such file\n$/],
    ['a folder', ['test'], /is a folder/],
    ['an unknown country', ['FIXTURE', '--country', 'ZZZ'], /not a country code/],
  ])('exits 2 with one clear line for %s', async (_name, args, message) => {
    const result = await dcc('validate', ...args.map((arg) => (arg === 'FIXTURE' ? fixture : arg)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a binary file', async () => {
    const dir = temp.path;
    writeFileSync(join(dir, 'sheet.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14, 0x00]));
    const result = await dcc('validate', join(dir, 'sheet.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a CSV/);
  });
});
