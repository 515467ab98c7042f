import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsvFile } from '../../../bot/src/io/read-csv-file';
import { useTempDir } from '../../helpers/temp-dir';

describe('readCsvFile', () => {
  const temp = useTempDir('dcc-read-');

  it('decodes a Windows-1252 export (curly quotes, €) rather than turning them into control characters', async () => {
    writeFileSync(join(temp.path, 'excel.csv'), Buffer.from([...Buffer.from('Name\r\n'), 0x93, ...Buffer.from('Caf'), 0xe9, 0x94, 0x20, 0x80, 0x0d, 0x0a]));
    expect(await readCsvFile(join(temp.path, 'excel.csv'))).toEqual([['Name'], ['“Café” €']]);
  });

  it('names the row of an unclosed quote', async () => {
    writeFileSync(join(temp.path, 'open.csv'), 'Name\nA\n"B\nC\n');
    await expect(readCsvFile(join(temp.path, 'open.csv'))).rejects.toThrow(/open\.csv: this file is not a valid CSV: a quoted cell in row 3 is never closed/);
  });
});
