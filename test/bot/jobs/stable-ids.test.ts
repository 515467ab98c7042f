import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { openWorkbook } from '../../../bot/src/workbook';
import { readTable, useBasicFixture } from '../helpers/fixture-dir';

const basic = useBasicFixture();

const master = (): { [column: string]: string }[] => readTable(join(basic.work.out, 'workbook', 'master.csv'));
const idOf = (member: string): string | undefined => master().find((row) => row.members?.split(';').includes(member))?.dcc_id;
const edit = (file: string, from: string, to: string): void => {
  const path = join(basic.work.dir, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
};

describe('stable dcc_ids', () => {
  it('survive three runs with edits, a new matching row, and a merge decision', async () => {
    appendFileSync(join(basic.work.dir, 'c.csv'), 'Pilsen Printing,1830 S Blue Island,Chicago,IL,,,\n');
    await runAggregate(basic.options);
    const first = new Map(master().map((row) => [row.members, row.dcc_id]));
    const bread = idOf('a:a1');
    const pilsen = idOf('a:a2');
    const pilsenToo = idOf('c:4');
    const couriers = idOf('c:3');
    expect(new Set([bread, pilsen, pilsenToo, couriers]).size).toBe(4);
    expect(bread).toMatch(/^dcc-\d{6}$/);

    // Run 2: a source edits a row, and another source adds a row for an existing organization.
    edit('a.csv', 'Risograph printing.', 'Risograph and screen printing.');
    appendFileSync(join(basic.work.dir, 'b.csv'), 'Rogers Park Bike Couriers,7000 N Clark St,Chicago,IL,60626,,3125550106,worker coop\n');
    await runAggregate(basic.options);
    expect(idOf('a:a1')).toBe(bread);
    expect(idOf('a:a2')).toBe(pilsen);
    expect(idOf('c:3')).toBe(couriers);
    expect(idOf('b:4')).toBe(couriers);
    expect(master().find((row) => row.dcc_id === pilsen)?.description).toBe('Risograph and screen printing.');

    // Run 3: a person decides the two Pilsen rows are one organization.
    const workbook = await openWorkbook({ kind: 'local', dir: join(basic.work.out, 'workbook') });
    await workbook.appendDecision({ a: 'c:4', b: 'a:a2', outcome: 'merge', by: 'U042', at: '2026-01-02T00:00:00Z' });
    const third = await runAggregate(basic.options);
    const older = [pilsen, pilsenToo].sort()[0];
    const newer = [pilsen, pilsenToo].sort()[1];
    expect(idOf('a:a2')).toBe(older);
    expect(idOf('c:4')).toBe(older);
    const merged = master().find((row) => row.dcc_id === older);
    expect(merged?.retired_ids).toBe(newer);
    expect(master().some((row) => row.dcc_id === newer)).toBe(false);
    expect(third.mergedRecords).toBeGreaterThan(0);
    // Everything else kept the id it had in run 1.
    for (const row of master()) {
      if (row.dcc_id === older || row.dcc_id === couriers) continue;
      expect(first.get(row.members)).toBe(row.dcc_id);
    }
  });

  it('keeps ids when nothing changed, and leaves `updated` alone', async () => {
    await runAggregate(basic.options);
    const before = master();
    await runAggregate(basic.options);
    expect(master()).toEqual(before);
  });

  it('gives a split-off record a new id and lets the larger part keep the old one', async () => {
    await runAggregate(basic.options);
    const bread = idOf('a:a1');
    const workbook = await openWorkbook({ kind: 'local', dir: join(basic.work.out, 'workbook') });
    await workbook.appendDecision({ a: 'a:a1', b: 'b:2', outcome: 'not-duplicate', by: 'U1', at: '2026-01-02T00:00:00Z' });
    await runAggregate(basic.options);
    const ids = [idOf('a:a1'), idOf('b:2')];
    expect(ids).toContain(bread);
    expect(new Set(ids).size).toBe(2);
  });
});
