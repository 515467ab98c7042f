import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvSourceReader } from '../../../bot/src/sources/csv-source';
import { entry } from '../helpers/entries';

describe('CSV source', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dcc-csv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file relative to the registry folder and skips it while unchanged', async () => {
    writeFileSync(join(dir, 'list.csv'), 'Name,City\nBread Co-op,Chicago\n');
    const reader = new CsvSourceReader();
    const source = entry({ key: 'f', kind: 'csv', location: 'list.csv' });
    const first = await reader.read(source, { baseDir: dir });
    expect(first.rows).toEqual([['Name', 'City'], ['Bread Co-op', 'Chicago']]);
    const again = await reader.read(source, { baseDir: dir, previous: { version: first.version, rows: first.rows, fetchedAt: '' } });
    expect(again.unchanged).toBe(true);
    writeFileSync(join(dir, 'list.csv'), 'Name,City\nBread Co-op,Evanston\n');
    utimesSync(join(dir, 'list.csv'), new Date(), new Date(Date.now() + 5000));
    const edited = await reader.read(source, { baseDir: dir, previous: { version: first.version, rows: first.rows, fetchedAt: '' } });
    expect(edited.rows[1]).toEqual(['Bread Co-op', 'Evanston']);
  });

  it('fetches a URL, retrying a 503 after its Retry-After', async () => {
    let calls = 0;
    const server: Server = createServer((_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(503, { 'Retry-After': '0' });
        res.end('busy');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.end('Name\r\nPrint Collective\r\n');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/list.csv`;
      const read = await new CsvSourceReader({ sleep: async () => undefined }).read(entry({ key: 'u', kind: 'csv', location: url }),
        { baseDir: dir, env: { DCC_ALLOW_PRIVATE_NETWORK: '1' } });
      expect(read.rows).toEqual([['Name'], ['Print Collective']]);
      expect(read.requests).toBe(2);
    } finally {
      server.close();
    }
  });

  it('reads a file outside the registry folder only from a folder the operator named', async () => {
    const other = mkdtempSync(join(tmpdir(), 'dcc-csv-other-'));
    try {
      writeFileSync(join(other, 'list.csv'), 'Name\nOutside Co-op\n');
      const source = entry({ key: 'o', kind: 'csv', location: join(other, 'list.csv') });
      await expect(new CsvSourceReader().read(source, { baseDir: dir })).rejects.toThrow(/refused .*must be inside the registry's folder/);
      const read = await new CsvSourceReader().read(source, { baseDir: dir, sourceDirs: [other] });
      expect(read.rows).toEqual([['Name'], ['Outside Co-op']]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('fails plainly on a missing file', async () => {
    await expect(new CsvSourceReader().read(entry({ key: 'f', kind: 'csv', location: 'nope.csv' }), { baseDir: dir }))
      .rejects.toThrow(/file not found: .*nope\.csv \(a relative location starts at the registry's folder\)/);
  });
});
