import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { nodeIdOf } from '../../../bot/src/murmurations/index-client';
import { LEDGER_FILE, registerProfiles, type RegisterOptions, type RegisterResult } from '../../../bot/src/murmurations/register';
import { formatRegisterReport } from '../../../bot/src/murmurations/report';
import { useBasicFixture } from '../helpers/fixture-dir';
import { serveFolder, startMockIndex, type MockIndex } from '../mocks/murmurations-index';

const basic = useBasicFixture();
let index: MockIndex;
let host: { url: string; close(): Promise<void> };

beforeEach(async () => {
  index = await startMockIndex();
  await runAggregate({ ...basic.options, alertLog: () => undefined });
  host = await serveFolder(join(basic.work.out, 'public'));
});
afterEach(async () => {
  await index.close();
  await host.close();
});

const register = (extra: Partial<RegisterOptions> = {}): Promise<RegisterResult> => registerProfiles({
  outDir: basic.work.out, baseUrl: host.url, indexUrl: index.url, allowLoopbackHttp: true, pollDelaysMs: [0, 0, 0],
  retry: { retries: 0 }, ...extra,
});
const posts = (): number => index.requests.filter((request) => request.method === 'POST').length;
const profilesDir = (): string => join(basic.work.out, 'public', 'murmurations');
const results = (result: RegisterResult): string[] => result.outcomes.map((outcome) => `${outcome.change}:${outcome.result}`);

describe('dcc murmurations register against the mock index', () => {
  it('posts every new profile, polls until the index has validated it, and remembers it', async () => {
    const result = await register();
    expect(result.outcomes.length).toBeGreaterThan(2);
    expect(new Set(results(result))).toEqual(new Set(['new:posted']));
    expect(posts()).toBe(result.outcomes.length);
    for (const outcome of result.outcomes) {
      expect(index.nodes.get(outcome.node_id)?.status).toBe('posted');
      expect(outcome.node_id).toBe(nodeIdOf(outcome.profile_url));
    }
    const ledger = JSON.parse(readFileSync(join(basic.work.out, LEDGER_FILE), 'utf8')) as { indexes: { [url: string]: object } };
    expect(Object.keys(ledger.indexes[index.url] ?? {})).toHaveLength(result.outcomes.length);
    expect(result.needsAttention).toBe(false);
  });

  it('posts nothing for unchanged profiles and only the changed one after an edit', async () => {
    await register();
    const before = posts();
    const again = await register();
    expect(new Set(results(again))).toEqual(new Set(['unchanged:unchanged']));
    expect(posts()).toBe(before);

    const sheet = join(basic.work.dir, 'a.csv');
    writeFileSync(sheet, readFileSync(sheet, 'utf8').replace('Risograph printing.', 'Risograph and letterpress printing.'));
    await runAggregate({ ...basic.options, alertLog: () => undefined });
    const third = await register();
    expect(results(third).filter((outcome) => outcome !== 'unchanged:unchanged')).toEqual(['changed:posted']);
    expect(third.outcomes.find((outcome) => outcome.change === 'changed')?.name).toBe('Pilsen Print Collective');
    expect(posts()).toBe(before + 1);
  });

  it('reports the index\'s validation errors per profile in plain words', async () => {
    await register();
    const [file] = (JSON.parse(readFileSync(join(profilesDir(), 'index.json'), 'utf8')) as { profiles: { dcc_id: string }[] }).profiles;
    const path = join(profilesDir(), `${file?.dcc_id}.json`);
    const profile = JSON.parse(readFileSync(path, 'utf8')) as { [key: string]: unknown };
    writeFileSync(path, JSON.stringify({ ...profile, primary_url: 'bronzevillebread.coop', status: 'open' }));
    const result = await register();
    const rejected = result.outcomes.find((outcome) => outcome.result === 'rejected');
    expect(rejected?.dcc_id).toBe(file?.dcc_id);
    expect(rejected?.problems).toEqual(expect.arrayContaining([
      '"primary_url" must be a web address starting with https:// or http:// (schema default-v2.1.0)',
    ]));
    expect(result.needsAttention).toBe(true);
    const report = formatRegisterReport(result);
    expect(report).toContain(`${file?.dcc_id}): rejected by the index: "primary_url" must be a web address`);
    // Unchanged and still rejected: not posted again, still reported.
    const before = posts();
    const again = await register();
    expect(posts()).toBe(before);
    expect(again.outcomes.find((outcome) => outcome.dcc_id === file?.dcc_id)?.result).toBe('rejected');
  });

  it('rejects a profile linking a schema the Library does not have', async () => {
    const [name] = (JSON.parse(readFileSync(join(profilesDir(), 'index.json'), 'utf8')) as { profiles: { dcc_id: string }[] }).profiles;
    const path = join(profilesDir(), `${name?.dcc_id}.json`);
    const profile = JSON.parse(readFileSync(path, 'utf8')) as { [key: string]: unknown };
    writeFileSync(path, JSON.stringify({ ...profile, linked_schemas: ['solidarity_economy_initiatives-v0.2.0'] }));
    const result = await register();
    expect(result.outcomes.find((outcome) => outcome.dcc_id === name?.dcc_id)?.problems.join(' '))
      .toContain('could not load a schema the profile names in linked_schemas');
  });

  it('does not post a profile the web host does not serve yet', async () => {
    const elsewhere = await serveFolder(join(basic.work.dir));
    try {
      const result = await register({ baseUrl: elsewhere.url });
      expect(new Set(results(result))).toEqual(new Set(['new:not-served']));
      expect(posts()).toBe(0);
      expect(result.outcomes[0]?.problems[0]).toContain('answers HTTP 404: publish public/ to the web first');
    } finally {
      await elsewhere.close();
    }
  });

  it('deletes the node of a listing no longer published once its URL answers 404', async () => {
    const first = await register();
    const sheet = join(basic.work.dir, 'a.csv');
    writeFileSync(sheet, readFileSync(sheet, 'utf8').split('\n').filter((line) => !line.startsWith('a2,')).join('\n'));
    await runAggregate({ ...basic.options, alertLog: () => undefined });
    const gone = first.outcomes.find((outcome) => !existsSync(join(profilesDir(), `${outcome.dcc_id}.json`)));
    if (!gone) throw new Error('removing a2 should remove one profile');
    const result = await register();
    expect(results(result).filter((outcome) => outcome !== 'unchanged:unchanged')).toEqual(['removed:deleted']);
    expect(index.nodes.get(gone.node_id)?.status).toBe('deleted');
    const ledger = readFileSync(join(basic.work.out, LEDGER_FILE), 'utf8');
    expect(ledger).not.toContain(gone.profile_url);
  });

  it('waits out the index\'s rate limit (429 with X-RateLimit-Reset) and still registers everything', async () => {
    await index.close();
    index = await startMockIndex({ rateLimit: { limit: 2, windowMs: 300 } });
    const result = await register({ retry: { retries: 6, baseMs: 10, maxMs: 2000 } });
    expect(index.limited.count).toBeGreaterThan(0);
    expect(new Set(results(result))).toEqual(new Set(['new:posted']));
  });

  it('keeps asking when the index refuses to delete a profile the host still serves', async () => {
    const first = await register();
    const target = first.outcomes[0];
    if (!target) throw new Error('no profile');
    const ledgerPath = join(basic.work.out, LEDGER_FILE);
    const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8')) as { indexes: { [url: string]: { [profile: string]: object } } };
    const entries = ledger.indexes[index.url] ?? {};
    const entry = entries[target.profile_url] ?? {};
    // The same profile under an old URL the host still serves (a base URL that moved): the index must refuse.
    const oldUrl = `${host.url}murmurations/${target.dcc_id}.json?old`;
    entries[oldUrl] = { ...entry, node_id: nodeIdOf(oldUrl) };
    writeFileSync(ledgerPath, JSON.stringify(ledger));
    await (await fetch(`${index.url}/nodes`, { method: 'POST', body: JSON.stringify({ profile_url: oldUrl }) })).text();
    const result = await register();
    const refused = result.outcomes.find((outcome) => outcome.profile_url === oldUrl);
    expect(refused?.result).toBe('delete-refused');
    expect(refused?.problems[0]).toContain('still serves the profile');
    expect(readFileSync(ledgerPath, 'utf8')).toContain(oldUrl);
  });
});
