import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { openWorkbook } from '../../../bot/src/workbook';
import { readTable, useBasicFixture } from '../helpers/fixture-dir';

const basic = useBasicFixture();

describe('hostile input', () => {
  it('neutralizes formula-injection names in every CSV it writes, and keeps them as text', async () => {
    const evil = ['=cmd|\' /C calc\'!A0', '+SUM(1+1)', '-2+3', '@SUM(A1)'];
    // One town each: "+SUM(1+1)" and "@SUM(A1)" are the same name once the bracket is read as a qualifier.
    const TOWNS = ['Chicago', 'Evanston', 'Oak Park', 'Cicero'];
    writeFileSync(join(basic.work.dir, 'b.csv'), `Org,Town,St,Zip\n${evil.map((name, i) => `"${name.replace(/"/g, '""')}",${TOWNS[i] ?? 'Chicago'},IL,6060${2 + i}`).join('\n')}\n`);
    await runAggregate(basic.options);
    for (const file of [join(basic.work.out, 'public', 'master.csv'), join(basic.work.out, 'workbook', 'master.csv')]) {
      const text = readFileSync(file, 'utf8');
      // A cell may start with + only as a plain number (an E.164 phone), which cannot hold a formula.
      for (const line of text.split('\r\n')) expect(line).not.toMatch(/(^|,)"?([=@]|\+(?!\d+(\.\d+)?(,|$)))/);
      expect(text).not.toMatch(/(^|,)"?-2\+3/);
    }
    // Reading the workbook back gives the text as typed.
    const master = await (await openWorkbook({ kind: 'local', dir: join(basic.work.out, 'workbook') })).readMaster();
    for (const name of evil) expect(master.map((row) => row.values.name)).toContain(name);
  });

  it('holds back a source with an unclosed quote, naming the row, and keeps its earlier rows', async () => {
    await runAggregate(basic.options);
    const before = readTable(join(basic.work.out, 'public', 'master.csv')).filter((row) => row.sources?.split(';').includes('b'));
    writeFileSync(join(basic.work.dir, 'b.csv'), 'Org,Town,St,Zip\nFirst Co-op,Chicago,IL,60602\n"Swallowing Co-op,Chicago,IL,60602\n'
      + 'Next Co-op,Chicago,IL,60615\nLast Co-op,Chicago,IL,60616\n');
    const result = await runAggregate(basic.options);
    const b = result.sources.find((source) => source.key === 'b');
    expect([b?.state, b?.message]).toEqual(['stale', expect.stringMatching(/a quoted cell in row 3 is never closed/)]);
    const published = readTable(join(basic.work.out, 'public', 'master.csv'));
    expect(published.map((row) => row.name).join('\n')).not.toMatch(/Swallowing|Next Co-op|First Co-op/);
    expect(published.filter((row) => row.sources?.split(';').includes('b')).length).toBe(before.length);
  });

  it('copes with a huge cell and many junk rows without losing the good rows', async () => {
    const junk = Array.from({ length: 3000 }, () => 'n/a,-,?,#REF!').join('\n');
    writeFileSync(join(basic.work.dir, 'b.csv'),
      `Org,Town,St,Zip\nGood Co-op ${'x'.repeat(100_000)},Chicago,IL,60602\n${junk}\nFine Cooperative,Chicago,IL,60615\n`);
    const result = await runAggregate(basic.options);
    const b = result.sources.find((source) => source.key === 'b');
    expect(b?.heldBack).toBeGreaterThanOrEqual(3000);
    expect(b?.problems.length).toBeLessThanOrEqual(5);
    const names = readTable(join(basic.work.out, 'workbook', 'master.csv')).map((row) => row.name ?? '');
    expect(names).toContain('Fine Cooperative');
  });

  it('reports a source with no usable header and still runs the others', async () => {
    writeFileSync(join(basic.work.dir, 'b.csv'), ',,,\n1,2,3,4\n');
    const result = await runAggregate(basic.options);
    expect(result.sources.find((source) => source.key === 'b')?.state).toBe('unusable');
    expect(result.run.errors.join('\n')).toMatch(/^b: /m);
    expect(result.run.status).toBe('partial');
    expect(readTable(join(basic.work.out, 'workbook', 'master.csv')).some((row) => row.name === 'Pilsen Print Collective')).toBe(true);
  });

  it('keeps going when a row has more cells than the header', async () => {
    writeFileSync(join(basic.work.dir, 'b.csv'), 'Org,Town\nRagged Co-op,Chicago,extra,more,cells\nShort\n');
    const result = await runAggregate(basic.options);
    expect(result.sources.find((source) => source.key === 'b')?.records).toBe(2);
  });
});
