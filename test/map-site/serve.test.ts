import { request } from 'node:http';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { acceptedEncodings, resolveInside, serveMap, type MapServer } from '../../bot/src/serve/static-map-server';
import { useTempDirForAll } from '../helpers/temp-dir';

/** Sends the path exactly as given: fetch() would normalize `..` away before the server saw it. */
function get(base: string, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('serveMap', () => {
  const temp = useTempDirForAll('dcc-serve-');
  let server: MapServer;

  beforeAll(async () => {
    mkdirSync(join(temp.path, 'site', 'images'), { recursive: true });
    mkdirSync(join(temp.path, 'data'));
    writeFileSync(join(temp.path, 'site', 'index.html'), '<!doctype html><title>site</title>');
    writeFileSync(join(temp.path, 'site', 'app.js'), 'void 0;');
    writeFileSync(join(temp.path, 'site', 'styles.css'), 'body{}');
    writeFileSync(join(temp.path, 'site', 'images', 'layers.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(temp.path, 'data', 'master.geojson'), '{"type":"FeatureCollection","features":[]}');
    writeFileSync(join(temp.path, 'data', 'master.csv'), 'name\nA\n');
    writeFileSync(join(temp.path, 'secret.txt'), 'do not serve');
    server = await serveMap({ siteDir: join(temp.path, 'site'), dataDir: join(temp.path, 'data') });
  });

  afterAll(async () => {
    await server.close();
  });

  it('listens on 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/styles.css', 'text/css; charset=utf-8'],
    ['/images/layers.png', 'image/png'],
    ['/data/master.geojson', 'application/geo+json; charset=utf-8'],
    ['/data/master.csv', 'text/csv; charset=utf-8'],
    ['/index.html?x=1', 'text/html; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(server.url, path);
    expect(res.status).toBe(200);
    expect(res.type).toBe(type);
  });

  it('serves /data from dataDir, not from the site', async () => {
    expect((await get(server.url, '/data/master.csv')).body).toBe('name\nA\n');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/data/../../secret.txt', '/data/..%2f..%2fsecret.txt',
    '/images/%2e%2e/%2e%2e/secret.txt', '/..\\secret.txt', '/%00index.html', '/%E0%A4%A'])(
    'never serves a file outside its temp.path for %s', async (path) => {
      const res = await get(server.url, path);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('do not serve');
    });

  it('answers 404 for missing files and 405 for writes', async () => {
    expect((await get(server.url, '/nope.js')).status).toBe(404);
    expect((await get(server.url, '/data/nope.geojson')).status).toBe(404);
    expect((await get(server.url, '/', 'POST')).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const res = await get(server.url, '/app.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });
});

describe('resolveInside', () => {
  it('keeps paths inside the temp.path', () => {
    expect(resolveInside('/srv/site', '/a/b.js')).toBe('/srv/site/a/b.js');
    expect(resolveInside('/srv/site', '/../site-other/x')).toBeNull();
    expect(resolveInside('/srv/site', '/%2e%2e/x')).toBeNull();
  });
});

describe('serveMap with precompressed copies', () => {
  const temp = useTempDirForAll('dcc-serve-enc-');
  let server: MapServer;
  const plain = '{"format":"dcc-map"}';

  /** Raw bytes and headers, with the request's Accept-Encoding as given. */
  function fetchRaw(path: string, acceptEncoding?: string): Promise<{ encoding: string | undefined; vary: string | undefined; type: string; body: Buffer }> {
    const url = new URL(server.url);
    return new Promise((done, fail) => {
      const req = request({ host: url.hostname, port: url.port, path, headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ encoding: res.headers['content-encoding'], vary: res.headers.vary as string | undefined,
          type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
      });
      req.on('error', fail);
      req.end();
    });
  }

  beforeAll(async () => {
    mkdirSync(join(temp.path, 'site'));
    mkdirSync(join(temp.path, 'data'));
    writeFileSync(join(temp.path, 'site', 'index.html'), '<!doctype html>');
    writeFileSync(join(temp.path, 'data', 'master.map.json'), plain);
    writeFileSync(join(temp.path, 'data', 'master.map.json.gz'), gzipSync(plain));
    writeFileSync(join(temp.path, 'data', 'master.map.json.br'), brotliCompressSync(plain));
    // A copy older than its file (a publish that stopped half-way) must not be served.
    writeFileSync(join(temp.path, 'data', 'stale.json.gz'), gzipSync('{"old":true}'));
    writeFileSync(join(temp.path, 'data', 'stale.json'), '{"new":true}');
    utimesSync(join(temp.path, 'data', 'stale.json.gz'), new Date(2000, 0, 1), new Date(2000, 0, 1));
    server = await serveMap({ siteDir: join(temp.path, 'site'), dataDir: join(temp.path, 'data') });
  });

  afterAll(async () => {
    await server.close();
  });

  it('sends the brotli copy to a client that accepts it, with the file\'s own type', async () => {
    const res = await fetchRaw('/data/master.map.json', 'gzip, deflate, br');
    expect(res.encoding).toBe('br');
    expect(res.type).toBe('application/json; charset=utf-8');
    expect(res.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(res.body).toString()).toBe(plain);
  });

  it('sends gzip when only gzip is accepted, and the plain file otherwise', async () => {
    const gzip = await fetchRaw('/data/master.map.json', 'gzip');
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(plain);
    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const res = await fetchRaw('/data/master.map.json', header);
      expect(res.encoding).toBeUndefined();
      expect(res.body.toString()).toBe(plain);
    }
  });

  it('never sends a copy older than the file', async () => {
    const res = await fetchRaw('/data/stale.json', 'gzip');
    expect(res.encoding).toBeUndefined();
    expect(res.body.toString()).toBe('{"new":true}');
  });
});

describe('acceptedEncodings', () => {
  it('reads tokens and refuses those with q=0', () => {
    expect([...acceptedEncodings('gzip, br;q=0.5, deflate;q=0')]).toEqual(['gzip', 'br']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
