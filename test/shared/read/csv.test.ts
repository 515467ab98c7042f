import fc from 'fast-check';
import { CsvError, neutralizeFormula, parseCsv, toCsv } from '../../../shared/read/csv';

describe('parseCsv', () => {
  it('drops a byte-order mark and reads CRLF line ends', () => {
    expect(parseCsv('\ufeffName,City\r\nA,B\r\n')).toEqual([['Name', 'City'], ['A', 'B']]);
  });

  it('keeps newlines and commas inside quoted cells', () => {
    expect(parseCsv('Name,Address\n"Co, op","12 Main St\nSuite 4"\n')).toEqual([['Name', 'Address'], ['Co, op', '12 Main St\nSuite 4']]);
  });

  it('keeps ragged rows as they are', () => {
    expect(parseCsv('a,b,c\n1\n1,2,3,4\n')).toEqual([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']]);
  });

  it('keeps blank lines inside the file so row numbers match the sheet, and drops trailing ones', () => {
    expect(parseCsv('a,b\n\n1,2\n  \n\n')).toEqual([['a', 'b'], [''], ['1', '2']]);
  });

  it('does not split a one-column file on semicolons inside values', () => {
    expect(parseCsv('Name\nA; B\n')).toEqual([['Name'], ['A; B']]);
  });

  it('refuses an unclosed quote in the middle of a file, naming its row, instead of merging the rows after it', () => {
    expect(() => parseCsv('Name,City\nA,B\n"C Co-op,Chicago\nD Co-op,Evanston\nE Co-op,Oak Park\n'))
      .toThrow(/a quoted cell in row 3 is never closed/);
    expect(() => parseCsv('Name,Notes\nA,"two\nlines"\nB,"open\nC,x\n')).toThrow(/row 3 \(line 4\) is never closed/);
  });

  it('rejects binary content with a clear error', () => {
    expect(() => parseCsv('PK\u0003\u0004\u0000\u0000binary')).toThrow(CsvError);
    expect(() => parseCsv('PK\u0003\u0004\u0000\u0000binary')).toThrow(/not a CSV/);
  });
});

describe('toCsv', () => {
  it('quotes only where needed and ends lines with CRLF', () => {
    expect(toCsv([['a', 'b,c'], ['say "hi"', 'x\ny']])).toBe('a,"b,c"\r\n"say ""hi""","x\ny"\r\n');
  });

  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['-12.5', '-12.5'],
    ['+13125550100', '+13125550100'],
    ['+1 312 555 0100', "'+1 312 555 0100"],
    ['Plain name', 'Plain name'],
  ])('neutralizes formula injection in %j when formula-safe', (cell, expected) => {
    expect(neutralizeFormula(cell)).toBe(expected);
    expect(parseCsv(toCsv([['h'], [cell]], { formulaSafe: true }))[1]?.[0]).toBe(expected);
  });

  it('leaves formulas alone when not publishing', () => {
    expect(toCsv([['=1+1']])).toBe('=1+1\r\n');
  });

  it('round-trips any rows of printable text', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 20 });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (rows) => {
      const width = rows[0]?.length ?? 0;
      const same = rows.map((row) => [...row, ...Array(width).fill('')].slice(0, width));
      while (same.length && same[same.length - 1]?.every((value) => value.trim() === '')) same.pop();
      // A row of one empty cell and a blank line look alike in CSV; both mean an empty row.
      fc.pre(same.every((row) => row.some((value) => value !== '')));
      fc.pre(same.length > 0 && same.every((row) => row.every((value) => !/[\u0000-\u0008\u000e-\u001a]/.test(value))));
      expect(parseCsv(toCsv(same))).toEqual(same);
    }), { numRuns: 200 });
  });
});
