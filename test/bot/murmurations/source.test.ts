import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate, type AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { keyDeduper } from '../helpers/key-deduper';
import { MurmurationsSourceReader } from '../../../bot/src/sources';
import { openWorkbook } from '../../../bot/src/workbook';
import { readTable, steppingClock } from '../helpers/fixture-dir';
import { serveFolder, startMockIndex, type MockIndex } from '../mocks/murmurations-index';
import { useTempDir } from '../../helpers/temp-dir';

const ORG = ['organizations_schema-v1.0.0'];
const PROFILES: { [file: string]: object } = {
  // Another network's listing of an organization one of our members lists too.
  'bread.json': { linked_schemas: ORG, name: 'Bronzeville Bread Cooperative', primary_url: 'https://bronzevillebread.coop',
    tags: ['worker cooperative', 'bakery'], locality: 'Chicago', region: 'IL', country_iso_3166: 'US',
    geolocation: { lat: 41.816, lon: -87.6064 }, telephone: '+1 312 555 0101', status: 'active', starts_at: 883612800,
    urls: [{ name: 'Instagram', url: 'https://www.instagram.com/bronzevillebread' }] },
  // Only a one-line address, as the organizations schema has it.
  'tools.json': { linked_schemas: ORG, name: 'Detroit Tool Library', full_address: '4400 Grand River Ave, Detroit, MI 48208',
    country_iso_3166: 'US', tags: ['mutual aid'], contact_details: { email: 'hello@tools.example.org' } },
  'canada.json': { linked_schemas: ORG, name: 'Toronto Bike Co-op', country_iso_3166: 'CA' },
  'gone.json': { linked_schemas: ORG, name: 'Closed Cafe', country_iso_3166: 'US' },
  'huge.json': { linked_schemas: ORG, name: 'Huge Profile', country_iso_3166: 'US' },
};

const temp = useTempDir('dcc-murm-src-');
let index: MockIndex;
let host: { url: string; close(): Promise<void> };

async function registerWithIndex(url: string): Promise<void> {
  await (await fetch(`${index.url}/nodes`, { method: 'POST', body: JSON.stringify({ profile_url: url }) })).text();
  const id = [...index.nodes.entries()].find(([, node]) => node.profile_url === url)?.[0] as string;
  for (let i = 0; i < 3; i += 1) await (await fetch(`${index.url}/nodes/${id}`)).text();
}

beforeEach(async () => {
  mkdirSync(join(temp.path, 'others'));
  index = await startMockIndex();
  host = await serveFolder(join(temp.path, 'others'));
  for (const [file, profile] of Object.entries(PROFILES)) {
    writeFileSync(join(temp.path, 'others', file), JSON.stringify(profile));
    await registerWithIndex(`${host.url}${file}`);
  }
  // The other network takes one profile down and tells the index (which keeps it, marked deleted, for a while);
  // the file comes back later without being registered again. Another profile grows past our size cap.
  rmSync(join(temp.path, 'others', 'gone.json'));
  await (await fetch(`${index.url}/nodes/${[...index.nodes.entries()].find(([, node]) => node.profile_url.endsWith('gone.json'))?.[0]}`,
    { method: 'DELETE' })).text();
  writeFileSync(join(temp.path, 'others', 'gone.json'), JSON.stringify(PROFILES['gone.json']));
  writeFileSync(join(temp.path, 'others', 'huge.json'), JSON.stringify({ ...PROFILES['huge.json'], description: 'x'.repeat(200_000) }));
  writeFileSync(join(temp.path, 'a.csv'), 'ID,Organization name,City,State,Zip,Phone,Type\n'
    + 'a1,Bronzeville Bread Co-op,Chicago,IL,60653,(312) 555-0101,worker coop\n');
});
afterEach(async () => {
  await index.close();
  await host.close();
});

const REGISTRY_HEADER = 'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active';
function options(agreement: string, query = 'schema=organizations_schema-v1.0.0&country=US'): AggregateOptions {
  writeFileSync(join(temp.path, 'sources.csv'), `${REGISTRY_HEADER}\n`
    + 'a,Alpha Network,csv,a.csv,,Alpha,,signed,2025-01-01,CC BY 4.0,Alpha Network,US,,yes\n'
    + `net,Other networks via Murmurations,murmurations,${index.url}/nodes?${query},,Murmurations,,${agreement},2025-01-01,CC BY 4.0,`
    + 'Profiles from the Murmurations index,US,,yes\n');
  return {
    registryPath: join(temp.path, 'sources.csv'), outDir: join(temp.path, 'out'), deduper: keyDeduper, now: steppingClock(), alertLog: () => undefined,
    readers: { murmurations: new MurmurationsSourceReader({ allowLoopbackHttp: true, maxBytes: 64 * 1024, retry: { retries: 0 } }) },
  };
}

describe('a murmurations source read through the mock index', () => {
  it('maps the profiles an index query returns onto the template, deduplicated with the other sources', async () => {
    const result = await runAggregate(options('signed'));
    const net = result.sources.find((source) => source.key === 'net');
    expect(net).toMatchObject({ state: 'read', records: 2, errors: 0, published: true });
    expect(net?.problems).toEqual([expect.stringMatching(/^1 profile\(s\) could not be read and were skipped: http:\/\/127\.0\.0\.1:\d+\/huge\.json: .*larger than 65536 bytes/)]);
    const searches = index.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/v2/nodes?'));
    expect(searches[0]?.path).toBe('/v2/nodes?schema=organizations_schema-v1.0.0&country=US&page=1&page_size=100');

    const master = await (await openWorkbook({ kind: 'local', dir: join(temp.path, 'out', 'workbook') })).readMaster();
    const bread = master.find((row) => row.members.includes(`net:${host.url}bread.json`));
    expect(bread?.members).toEqual(expect.arrayContaining(['a:a1']));
    expect(bread?.values).toMatchObject({ website: 'https://bronzevillebread.coop', org_type: 'worker cooperative', year_founded: '1998',
      social_links: 'https://www.instagram.com/bronzevillebread' });
    const tools = master.find((row) => row.members.includes(`net:${host.url}tools.json`));
    expect(tools?.values).toMatchObject({ name: 'Detroit Tool Library', city: 'Detroit', state: 'MI', postal_code: '48208',
      org_type: 'mutual-aid group', email: 'hello@tools.example.org' });
    expect(master.some((row) => ['Toronto Bike Co-op', 'Closed Cafe', 'Huge Profile'].includes(row.values.name ?? ''))).toBe(false);

    const geojson = JSON.parse(readFileSync(join(temp.path, 'out', 'public', 'master.geojson'), 'utf8')) as { dcc: { sources: { key: string; attribution: string }[] } };
    expect(geojson.dcc.sources).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'net', attribution: 'Profiles from the Murmurations index' })]));
    const reader = new MurmurationsSourceReader();
    expect(reader.linkTo(result.sources[0] as never, 2, `${host.url}bread.json`)).toBe(`${host.url}bread.json`);
  });

  it('keeps its rows out of the public files while the agreement is not signed', async () => {
    await runAggregate(options('pending'));
    const published = readTable(join(temp.path, 'out', 'public', 'master.csv')).map((row) => row.name);
    expect(published).not.toContain('Detroit Tool Library');
    expect(published.length).toBeGreaterThan(0);
    const master = await (await openWorkbook({ kind: 'local', dir: join(temp.path, 'out', 'workbook') })).readMaster();
    expect(master.find((row) => row.values.name === 'Detroit Tool Library')?.publishable).toBe(false);
  });

  it('fails the source with a clear message on a query the index does not understand', async () => {
    const result = await runAggregate(options('signed', 'schema=organizations_schema-v1.0.0&bbox=-88%2C41%2C-87%2C42'));
    expect(result.sources.find((source) => source.key === 'net')?.message).toContain('does not know the query parameter(s) bbox');
  });
});
