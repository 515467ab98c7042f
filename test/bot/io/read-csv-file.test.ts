import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsvFile } from '../../../bot/src/io/read-csv-file';

describe('readCsvFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dcc-read-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('decodes a Windows-1252 export (curly quotes, €) rather than turning them into control characters', async () => {
    writeFileSync(join(dir, 'excel.csv'), Buffer.from([...Buffer.from('Name\r\n'), 0x93, ...Buffer.from('Caf'), 0xe9, 0x94, 0x20, 0x80, 0x0d, 0x0a]));
    expect(await readCsvFile(join(dir, 'excel.csv'))).toEqual([['Name'], ['“Café” €']]);
  });

  it('names the row of an unclosed quote', async () => {
    writeFileSync(join(dir, 'open.csv'), 'Name\nA\n"B\nC\n');
    await expect(readCsvFile(join(dir, 'open.csv'))).rejects.toThrow(/open\.csv: this file is not a valid CSV: a quoted cell in row 3 is never closed/);
  });
});
