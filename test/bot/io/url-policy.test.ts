import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchBytes } from '../../../bot/src/io/http';
import { checkUrl, classifyAddress, UrlRefusedError, type UrlPolicy } from '../../../bot/src/io/url-policy';

/** A listener on 127.0.0.1 that counts connections and keeps each request's headers. */
async function listener(handler: (url: string, res: import('node:http').ServerResponse) => void):
Promise<{ url: string; connections: () => number; seen: IncomingHttpHeaders[]; close: () => Promise<void> }> {
  let connections = 0;
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    handler(req.url ?? '', res);
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    seen,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

const open: UrlPolicy = { allowPrivateNetwork: true };
const closed: UrlPolicy = { allowPrivateNetwork: false };

describe('URL policy', () => {
  it('classifies loopback, private, link-local and metadata addresses in every spelling', () => {
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('10.1.2.3')).toBe('private');
    expect(classifyAddress('172.20.0.1')).toBe('private');
    expect(classifyAddress('192.168.1.1')).toBe('private');
    expect(classifyAddress('fd12::1')).toBe('private');
    expect(classifyAddress('169.254.169.254')).toBe('link-local');
    expect(classifyAddress('::ffff:169.254.169.254')).toBe('link-local');
    expect(classifyAddress('fe80::1')).toBe('link-local');
    expect(classifyAddress('fd00:ec2::254')).toBe('metadata');
    expect(classifyAddress('0.0.0.0')).toBe('reserved');
    expect(classifyAddress('8.8.8.8')).toBe('public');
    expect(classifyAddress('2606:4700::1111')).toBe('public');
  });

  it('refuses by the addresses a name resolves to, not by the name', async () => {
    const resolve = async (host: string): Promise<string[]> =>
      ({ 'loop.test': ['127.0.0.1'], 'meta.test': ['169.254.169.254'], 'mixed.test': ['93.184.216.34', '10.0.0.5'] })[host] ?? ['93.184.216.34'];
    await expect(checkUrl('https://loop.test/x.csv', { ...closed, resolve })).rejects.toThrow(/127\.0\.0\.1 is a loopback address .*--allow-private-network/);
    await expect(checkUrl('https://meta.test/', { ...open, resolve })).rejects.toThrow(/169\.254\.169\.254 is a link-local address, which is never reached/);
    await expect(checkUrl('https://mixed.test/', { ...closed, resolve })).rejects.toThrow(/10\.0\.0\.5 is a private address/);
    await expect(checkUrl('http://[::ffff:a9fe:a9fe]/', open)).rejects.toThrow(UrlRefusedError);
    await expect(checkUrl('https://metadata.google.internal/', open)).rejects.toThrow(/metadata/);
    await expect(checkUrl('http://public.test/x.csv', { ...open, resolve })).rejects.toThrow(/only https/);
    await expect(checkUrl('file:///etc/passwd', open)).rejects.toThrow(/only https/);
    await expect(checkUrl('https://public.test/x.csv', { ...closed, resolve })).resolves.toBeInstanceOf(URL);
    await expect(checkUrl('http://127.0.0.1:9/x.csv', open)).resolves.toBeInstanceOf(URL);
    await expect(checkUrl('http://127.0.0.1:9/x.csv', closed)).rejects.toThrow(/loopback/);
  });
});

describe('fetch through the URL policy', () => {
  it('never connects to a refused address, even when the name changes its answer after the check', async () => {
    const target = await listener((_url, res) => res.end('Name\nLeaked\n'));
    try {
      const port = new URL(target.url).port;
      await expect(fetchBytes(`${target.url}/x.csv`, { policy: closed })).rejects.toThrow(/loopback/);
      // DNS rebinding: public when checked, 127.0.0.1 when connecting.
      let answers = 0;
      const rebinding: UrlPolicy = { allowPrivateNetwork: false, resolve: async () => ((answers += 1) === 1 ? ['93.184.216.34'] : ['127.0.0.1']) };
      await expect(fetchBytes(`https://rebind.test:${port}/x.csv`, { policy: rebinding })).rejects.toThrow(UrlRefusedError);
      expect(answers).toBe(2);
      expect(target.connections()).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('re-checks every redirect and refuses one to a metadata or refused address', async () => {
    const target = await listener((_url, res) => res.end('secret'));
    const redirector = await listener((url, res) => {
      // 0.0.0.0 reaches the local host on Linux, so an unchecked redirect there would hit the target.
      res.writeHead(302, { Location: url === '/meta' ? 'http://169.254.169.254/latest/meta-data/' : `${target.url.replace('127.0.0.1', '0.0.0.0')}/x` });
      res.end();
    });
    try {
      await expect(fetchBytes(`${redirector.url}/meta`, { policy: open })).rejects.toThrow(/redirected: refused .*169\.254\.169\.254 is a link-local/);
      await expect(fetchBytes(`${redirector.url}/other`, { policy: open })).rejects.toThrow(/redirected: refused .*0\.0\.0\.0 is not a routable address/);
      expect(redirector.seen).toHaveLength(2);
      expect(target.connections()).toBe(0);
    } finally {
      await redirector.close();
      await target.close();
    }
  });

  it('drops secret headers on a redirect to another origin, and keeps them on the same origin', async () => {
    const other = await listener((_url, res) => res.end('{"values":[]}'));
    const crm = await listener((url, res) => {
      if (url === '/same') {
        res.writeHead(307, { Location: '/final' });
      } else if (url === '/final') {
        res.end('ok');
        return;
      } else {
        res.writeHead(307, { Location: `${other.url}/civicrm/ajax/api4/Contact/get` });
      }
      res.end();
    });
    try {
      const headers = { 'X-Civi-Auth': 'Bearer s3cret', Authorization: 'Bearer s3cret', Accept: 'application/json' };
      await fetchBytes(`${crm.url}/civicrm/ajax/api4/Contact/get`, { policy: open, method: 'POST', headers, body: 'params=%7B%7D' });
      expect(other.seen).toHaveLength(1);
      expect(other.seen[0]?.['x-civi-auth']).toBeUndefined();
      expect(other.seen[0]?.authorization).toBeUndefined();
      expect(other.seen[0]?.accept).toBe('application/json');
      await fetchBytes(`${crm.url}/same`, { policy: open, headers });
      expect(crm.seen.at(-1)?.['x-civi-auth']).toBe('Bearer s3cret');
    } finally {
      await crm.close();
      await other.close();
    }
  });

  it('refuses a body past the size limit', async () => {
    const big = await listener((_url, res) => res.end('x'.repeat(5000)));
    try {
      await expect(fetchBytes(`${big.url}/`, { policy: open, maxBytes: 1000 })).rejects.toThrow(/larger than the 1000 bytes limit/);
    } finally {
      await big.close();
    }
  });
});
