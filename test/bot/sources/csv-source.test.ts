import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvSourceReader } from '../../../bot/src/sources/csv-source';
import { entry } from '../helpers/entries';
import { makeTempDir, useTempDir } from '../../helpers/temp-dir';

describe('CSV source', () => {
  const temp = useTempDir('dcc-csv-');

  it('reads a file relative to the registry folder and skips it while unchanged', async () => {
    writeFileSync(join(temp.path, 'list.csv'), 'Name,City\nBread Co-op,Chicago\n');
    const reader = new CsvSourceReader();
    const source = entry({ key: 'f', kind: 'csv', location: 'list.csv' });
    const first = await reader.read(source, { baseDir: temp.path });
    expect(first.rows).toEqual([['Name', 'City'], ['Bread Co-op', 'Chicago']]);
    const again = await reader.read(source, { baseDir: temp.path, previous: { version: first.version, rows: first.rows, fetchedAt: '' } });
    expect(again.unchanged).toBe(true);
    writeFileSync(join(temp.path, 'list.csv'), 'Name,City\nBread Co-op,Evanston\n');
    utimesSync(join(temp.path, 'list.csv'), new Date(), new Date(Date.now() + 5000));
    const edited = await reader.read(source, { baseDir: temp.path, previous: { version: first.version, rows: first.rows, fetchedAt: '' } });
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
        { baseDir: temp.path, env: { DCC_ALLOW_PRIVATE_NETWORK: '1' } });
      expect(read.rows).toEqual([['Name'], ['Print Collective']]);
      expect(read.requests).toBe(2);
    } finally {
      server.close();
    }
  });

  it('reads a file outside the registry folder only from a folder the operator named', async () => {
    const outside = makeTempDir('dcc-csv-other-');
    const other = outside.path;
    try {
      writeFileSync(join(other, 'list.csv'), 'Name\nOutside Co-op\n');
      const source = entry({ key: 'o', kind: 'csv', location: join(other, 'list.csv') });
      await expect(new CsvSourceReader().read(source, { baseDir: temp.path })).rejects.toThrow(/refused .*must be inside the registry's folder/);
      const read = await new CsvSourceReader().read(source, { baseDir: temp.path, sourceDirs: [other] });
      expect(read.rows).toEqual([['Name'], ['Outside Co-op']]);
    } finally {
      outside.remove();
    }
  });

  it('decodes Windows-1252 (curly quotes, €) and UTF-16 with a byte-order mark', async () => {
    const reader = new CsvSourceReader();
    // "Name\nCaf\xe9 \x93Zo\xeb\x94 \x80 5\n" in Windows-1252: é, “, ë, ”, € in the 0x80–0x9F range and above.
    writeFileSync(join(temp.path, 'cp1252.csv'), Buffer.from([...Buffer.from('Name\nCaf'), 0xe9, 0x20, 0x93, ...Buffer.from('Zo'), 0xeb, 0x94,
      0x20, 0x80, ...Buffer.from(' 5\n')]));
    const cp = await reader.read(entry({ key: 'w', kind: 'csv', location: 'cp1252.csv' }), { baseDir: temp.path });
    expect(cp.rows).toEqual([['Name'], ['Café “Zoë” € 5']]);
    const text = 'Name\r\nCafé “Zoë” € 5\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    writeFileSync(join(temp.path, 'utf16le.csv'), le);
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16();
    writeFileSync(join(temp.path, 'utf16be.csv'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    for (const file of ['utf16le.csv', 'utf16be.csv']) {
      expect((await reader.read(entry({ key: 'u', kind: 'csv', location: file }), { baseDir: temp.path })).rows).toEqual([['Name'], ['Café “Zoë” € 5']]);
    }
  });

  it('refuses a file larger than the configured limit, with a clear error', async () => {
    writeFileSync(join(temp.path, 'big.csv'), `Name\n${'Co-op\n'.repeat(400)}`);
    await expect(new CsvSourceReader().read(entry({ key: 'b', kind: 'csv', location: 'big.csv' }), { baseDir: temp.path, env: { DCC_MAX_SOURCE_MB: '0.001' } }))
      .rejects.toThrow(/big\.csv is larger than the 1048 bytes limit for one source \(raise it with DCC_MAX_SOURCE_MB\)/);
  });

  it('fails plainly on a missing file', async () => {
    await expect(new CsvSourceReader().read(entry({ key: 'f', kind: 'csv', location: 'nope.csv' }), { baseDir: temp.path }))
      .rejects.toThrow(/file not found: .*nope\.csv \(a relative location starts at the registry's folder\)/);
  });
});
