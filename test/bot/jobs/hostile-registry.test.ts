/**
 * A registry edited by someone hostile: local files outside the registry's folder, addresses on
 * loopback, link-local and metadata ranges, a CiviCRM key aimed at another host, a redirect that
 * tries to carry the key along. Nothing of it may reach out/, no connection may be made to a refused
 * address (a listener counts them), and the run summary names every refusal while the run goes on.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatAggregateSummary } from '../../../bot/src/cli/aggregate-summary';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { keyDeduper } from '../helpers/key-deduper';
import { steppingClock } from '../helpers/fixture-dir';
import { useTempDir } from '../../helpers/temp-dir';

const HEADER = 'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active';
const PASSWD = 'root:x:0:0:root:/root:/bin/bash';

interface Listener {
  readonly origin: string;
  readonly port: string;
  readonly connections: () => number;
  readonly seen: IncomingHttpHeaders[];
  readonly close: () => Promise<void>;
}

/** An attacker's listener on 127.0.0.1: counts connections and keeps every request's headers. */
async function listener(handler: (res: ServerResponse) => void = (res) => res.end(`${PASSWD}\nLeaked Row\n`)): Promise<Listener> {
  let connections = 0;
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    handler(res);
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = String((server.address() as AddressInfo).port);
  return {
    origin: `http://127.0.0.1:${port}`, port, connections: () => connections, seen,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const row = (key: string, kind: string, location: string, columnMap = ''): string =>
  `${key},${key} source,${kind},${location},,,,signed,,,,US,${columnMap},`;

describe('a hostile registry', () => {
  const temp = useTempDir('dcc-hostile-');
  beforeEach(() => {
    mkdirSync(join(temp.path, 'registry'));
    mkdirSync(join(temp.path, 'secret'));
    writeFileSync(join(temp.path, 'secret', 'passwd.csv'), `${PASSWD}\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n`);
    writeFileSync(join(temp.path, 'secret', 'key.json'), '{\n"private_key": "-----BEGIN PRIVATE KEY-----SECRETKEYMATERIAL"\n}\n');
    writeFileSync(join(temp.path, 'registry', 'ok.csv'), 'Name,City,State,Zip\nHonest Cooperative,Chicago,IL,60602\n');
    symlinkSync(join(temp.path, 'secret', 'passwd.csv'), join(temp.path, 'registry', 'link.csv'));
  });

  it('reads only its own sources: no file outside the registry folder, no refused address, each refusal named', async () => {
    const target = await listener();
    try {
      const map = `${PASSWD}=name`;
      writeFileSync(join(temp.path, 'registry', 'sources.csv'), [HEADER,
        row('ok', 'csv', 'ok.csv'),
        row('abs', 'csv', '/etc/passwd', map),
        row('climb', 'csv', '../secret/passwd.csv', map),
        row('link', 'csv', 'link.csv', map),
        row('keyfile', 'csv', join(temp.path, 'secret', 'key.json'), '{=name'),
        row('loop', 'csv', `${target.origin}/list.csv`, map),
        row('name', 'csv', `http://localhost:${target.port}/list.csv`, map),
        row('zero', 'csv', `https://0.0.0.0:${target.port}/list.csv`, map),
        row('mapped', 'csv', `https://[::ffff:127.0.0.1]:${target.port}/list.csv`, map),
        row('meta', 'csv', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', map),
        row('crm-http', 'civicrm', target.origin),
        row('crm-key', 'civicrm', `https://localhost:${target.port}`),
      ].join('\n') + '\n');
      const out = join(temp.path, 'out');
      const result = await runAggregate({
        registryPath: join(temp.path, 'registry', 'sources.csv'), outDir: out, deduper: keyDeduper, now: steppingClock(),
        env: { CIVICRM_API_KEY: 'FALLBACK-SECRET', CIVICRM_API_KEY_CRM_KEY: 'OWN-SECRET' },
      });

      expect(target.connections()).toBe(0);
      expect(result.run.status).toBe('partial');
      const summary = formatAggregateSummary(result);
      const refused = ['abs', 'climb', 'link', 'keyfile', 'loop', 'name', 'zero', 'mapped', 'meta', 'crm-key'];
      for (const key of refused) {
        const report = result.sources.find((source) => source.key === key);
        expect([key, report?.state, report?.message]).toEqual([key, 'failed', expect.stringMatching(/refused/)]);
        expect(summary).toMatch(new RegExp(`\\n  ${key} +failed[^\\n]*\\n +failed, no earlier rows: refused`));
      }
      // The fallback key alone is never sent anywhere.
      expect(result.sources.find((source) => source.key === 'crm-http')?.message).toMatch(/DCC_CIVICRM_ORIGINS/);
      expect(result.sources.find((source) => source.key === 'ok')?.state).toBe('read');

      // Every file under out/ except the copy of the registry itself (whose column_map names the passwd header).
      const written = filesUnder(out).filter((path) => path !== join(out, 'workbook', 'sources.csv'))
        .map((path) => readFileSync(path, 'utf8')).join('\n');
      expect(written).toContain('Honest Cooperative');
      for (const secret of ['root:x', 'daemon:x', 'SECRETKEYMATERIAL', 'Leaked Row', 'FALLBACK-SECRET', 'OWN-SECRET']) {
        expect(written).not.toContain(secret);
      }
    } finally {
      await target.close();
    }
  });

  it('sends a CiviCRM key only to the origin it was configured for, never along a redirect', async () => {
    // The other host: receives whatever is sent to it and answers like an empty CiviCRM.
    const other = await listener((res) => res.end('{"values":[]}'));
    // The configured CiviCRM, compromised: redirects the API call to the other host, keeping the method (307).
    const crm = await listener((res) => {
      res.writeHead(307, { Location: `${other.origin}/civicrm/ajax/api4/Contact/get` });
      res.end();
    });
    try {
      writeFileSync(join(temp.path, 'registry', 'sources.csv'), [HEADER,
        row('ok', 'csv', 'ok.csv'),
        row('crm', 'civicrm', crm.origin),
        row('elsewhere', 'civicrm', other.origin),
      ].join('\n') + '\n');
      const result = await runAggregate({
        registryPath: join(temp.path, 'registry', 'sources.csv'), outDir: join(temp.path, 'out'), deduper: keyDeduper, now: steppingClock(),
        env: {
          DCC_ALLOW_PRIVATE_NETWORK: '1', DCC_CIVICRM_ORIGINS: crm.origin,
          CIVICRM_API_KEY_CRM: 'CRM-SECRET', CIVICRM_API_KEY: 'FALLBACK-SECRET', CIVICRM_API_KEY_ELSEWHERE: 'ELSEWHERE-SECRET',
        },
      });
      expect(crm.seen.map((headers) => headers['x-civi-auth'])).toEqual(['Bearer CRM-SECRET']);
      expect(other.seen.length).toBeGreaterThan(0);
      expect(JSON.stringify(other.seen)).not.toMatch(/SECRET/);
      expect(result.sources.find((source) => source.key === 'elsewhere')?.message)
        .toMatch(/refused http:\/\/127\.0\.0\.1:\d+: DCC_CIVICRM_ORIGINS does not list it/);
    } finally {
      await crm.close();
      await other.close();
    }
  });
});
