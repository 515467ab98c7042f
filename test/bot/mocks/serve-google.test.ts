import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir } from '../../helpers/temp-dir';

const ROOT = resolve(__dirname, '../../..');

describe('npm run mock:google', () => {
  it('serves one spreadsheet per folder of CSV files, one tab per file, at the real API paths', async () => {
    const scratch = makeTempDir('dcc-mock-google-');
    const dir = scratch.path;
    mkdirSync(join(dir, 'book-1'));
    writeFileSync(join(dir, 'book-1', 'Members.csv'), 'Name,City\nBread Co-op,Chicago\n');
    writeFileSync(join(dir, 'book-1', 'Notes.csv'), 'x\n');
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bot/mocks/serve-google.ts', '--port', '0', '--data', dir], { cwd: ROOT });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const found = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (found?.[1]) done(found[1]);
        });
        child.on('exit', (code) => fail(new Error(`mock exited with ${code}`)));
      });
      const book = await (await fetch(`${url}v4/spreadsheets/book-1?key=any`)).json() as { sheets: { properties: { title: string } }[] };
      expect(book.sheets.map((sheet) => sheet.properties.title)).toEqual(['Members', 'Notes']);
      const values = await (await fetch(`${url}v4/spreadsheets/book-1/values/${encodeURIComponent("'Members'!A1:B2")}?key=any`)).json() as { values: string[][] };
      expect(values.values).toEqual([['Name', 'City'], ['Bread Co-op', 'Chicago']]);
      const file = await (await fetch(`${url}drive/v3/files/book-1?key=any`)).json() as { version: string };
      expect(file.version).toBe('1');
    } finally {
      child.kill();
      scratch.remove();
    }
  });
});
