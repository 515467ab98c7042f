import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { murmurationsRequest, RefusedUrlError } from '../../../bot/src/murmurations/http';

let server: Server;
let base: string;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/redirect-out') {
      res.writeHead(302, { location: 'http://example.org/profile.json' });
      res.end();
    } else if (req.url === '/redirect-in') {
      res.writeHead(301, { location: '/small' });
      res.end();
    } else if (req.url === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 20; i += 1) res.write('x'.repeat(1024));
      res.end();
    } else if (req.url === '/big-declared') {
      res.writeHead(200, { 'content-length': String(50 * 1024) });
      res.end('x'.repeat(50 * 1024));
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"name":"ok"}');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const loopback = { allowLoopbackHttp: true, maxBytes: 10 * 1024 };

describe('the one HTTP function for Murmurations (profile URLs are untrusted)', () => {
  it('fetches https only, plain http to loopback only when allowed', async () => {
    await expect(murmurationsRequest('http://example.org/p.json', loopback)).rejects.toThrow(RefusedUrlError);
    await expect(murmurationsRequest(`${base}/small`)).rejects.toThrow('only https:// addresses are fetched');
    await expect(murmurationsRequest('file:///etc/passwd', loopback)).rejects.toThrow(RefusedUrlError);
    await expect(murmurationsRequest('https://user:secret@example.org/p.json', loopback)).rejects.toThrow('user name or password');
    expect((await murmurationsRequest(`${base}/small`, loopback)).text).toBe('{"name":"ok"}');
  });

  it('checks every redirect against the same rules', async () => {
    await expect(murmurationsRequest(`${base}/redirect-out`, loopback)).rejects.toThrow(RefusedUrlError);
    const followed = await murmurationsRequest(`${base}/redirect-in`, loopback);
    expect(followed).toMatchObject({ status: 200, url: `${base}/small` });
  });

  it('stops reading past the size cap, whatever the headers say', async () => {
    await expect(murmurationsRequest(`${base}/big-chunked`, loopback)).rejects.toThrow('larger than 10240 bytes');
    await expect(murmurationsRequest(`${base}/big-declared`, loopback)).rejects.toThrow('larger than 10240 bytes');
  });

  it('refuses link-local, metadata and private addresses a profile_url may name, before connecting', async () => {
    await expect(murmurationsRequest('https://169.254.169.254/latest/meta-data/')).rejects.toThrow(/link-local address, which is never reached/);
    await expect(murmurationsRequest('https://[fd00:ec2::254]/')).rejects.toThrow(/metadata address/);
    await expect(murmurationsRequest('https://10.0.0.5/profile.json')).rejects.toThrow(/private address/);
    // Loopback over https is a private-network address too: refused unless the operator allows it.
    await expect(murmurationsRequest('https://127.0.0.1:9/profile.json')).rejects.toThrow(/loopback address/);
  });
});
