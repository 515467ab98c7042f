import { parseCsv } from '../../../shared/read/csv';
import { rowsToRecords } from '../../../shared/read/records';

describe('rowsToRecords', () => {
  it('numbers rows as the member sees them and skips blank rows', () => {
    const { records } = rowsToRecords([['Name', 'City'], ['A', 'X'], ['', ''], ['B', 'Y']], { source: 's' });
    expect(records.map((record) => [record.id, record.row])).toEqual([['s:2', 2], ['s:4', 4]]);
  });

  it('keeps unknown and private columns in extra so nothing is lost', () => {
    const { records } = rowsToRecords([['Name', 'Colour', '(notes)', ''], ['A', 'red', 'secret', 'stray']], { source: 's' });
    expect(records[0]?.extra).toEqual({ Colour: 'red', '(notes)': 'secret', 'Column 4': 'stray' });
  });

  it('finds a header row below a title', () => {
    const rows = [['Our directory 2026'], ['Updated monthly'], ['Organization name', 'City', 'State'], ['A', 'Chicago', 'IL']];
    const result = rowsToRecords(rows, { source: 's' });
    expect(result.headerRowIndex).toBe(2);
    expect(result.records[0]).toMatchObject({ row: 4, values: { name: 'A', city: 'Chicago', state: 'IL' } });
  });

  it('uses source_id for stable ids and reports duplicates without losing either row', () => {
    const result = rowsToRecords([['ID', 'Name'], ['7', 'A'], ['7', 'B'], ['', 'C']], { source: 's' });
    expect(result.records.map((record) => record.id)).toEqual(['s:7', 's:7#3', 's:4']);
    expect(result.findings.find((item) => item.code === 'source_id_duplicate')?.row).toBe(3);
  });

  it('turns Apps Script cell types into strings', () => {
    const { records } = rowsToRecords([['Name', 'Workers', 'Democratic', 'Last visit'], ['A', 12, true, new Date(1998, 4, 1)]], { source: 's' });
    expect(records[0]?.values).toMatchObject({ workers: '12', democratic: 'yes' });
    expect(records[0]?.extra).toEqual({ 'Last visit': '1998-05-01' });
  });
});

describe('row numbers through CSV', () => {
  it('match the sheet even after blank lines', () => {
    const { records } = rowsToRecords(parseCsv('Name,City\n\nAcme,Chicago\n\n\nZeta,Evanston\n'), { source: 's' });
    expect(records.map((record) => [record.values.name, record.row])).toEqual([['Acme', 3], ['Zeta', 6]]);
  });
});
