import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAggregate, type AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { openWorkbook } from '../../../bot/src/workbook';
import { schemaProblems } from '../../shared/publish/murmurations-schemas';
import { steppingClock } from '../helpers/fixture-dir';
import { useTempDirForAll } from '../../helpers/temp-dir';

const EXAMPLES = resolve(__dirname, '../../../examples');
const temp = useTempDirForAll('dcc-murm-');
let options: AggregateOptions;
let profilesDir: string;

/** Every file of the profiles folder by name, as bytes. */
const snapshot = (): Map<string, string> =>
  new Map(readdirSync(profilesDir).sort().map((name) => [name, readFileSync(join(profilesDir, name), 'utf8')]));

interface DirectoryIndex {
  schema: string;
  profiles: { dcc_id: string; name: string; path: string }[];
  retired: { [id: string]: string };
}
const readIndex = (): DirectoryIndex => JSON.parse(readFileSync(join(profilesDir, 'index.json'), 'utf8')) as DirectoryIndex;

beforeAll(async () => {
  cpSync(EXAMPLES, join(temp.path, 'examples'), { recursive: true });
  options = { registryPath: join(temp.path, 'examples', 'sources.csv'), outDir: join(temp.path, 'out'), now: steppingClock(), alertLog: () => undefined };
  profilesDir = join(temp.path, 'out', 'public', 'murmurations');
  await runAggregate(options);
}, 60_000);

describe('the demo run\'s Murmurations profiles', () => {
  it('are all valid against the vendored schemas, in master.json and one file per listing', () => {
    const all = JSON.parse(readFileSync(join(temp.path, 'out', 'public', 'master.json'), 'utf8')) as { unique_id: string }[];
    expect(all.length).toBeGreaterThan(40);
    const files = [...snapshot()].filter(([name]) => name !== 'index.json');
    expect(files.map(([name]) => name).sort()).toEqual(all.map((profile) => `${profile.unique_id}.json`).sort());
    const invalid = [...all, ...files.map(([, text]) => JSON.parse(text) as { unique_id: string })]
      .map((profile) => ({ id: profile.unique_id, problems: schemaProblems(profile) }))
      .filter((result) => result.problems.length > 0);
    expect(invalid).toEqual([]);
  });

  it('carry the country, from the sources\' default when the row leaves it blank, so the index can find them by country', () => {
    const all = JSON.parse(readFileSync(join(temp.path, 'out', 'public', 'master.json'), 'utf8')) as { country_iso_3166?: string; full_address?: string }[];
    expect(all.filter((profile) => profile.country_iso_3166 !== 'US')).toEqual([]);
    expect(all.filter((profile) => profile.full_address && !profile.full_address.endsWith(', US'))).toEqual([]);
  });

  it('list every profile file in index.json', () => {
    const index = readIndex();
    expect(index.schema).toBe('organizations_schema-v1.0.0');
    expect(index.profiles.map((entry) => entry.path).sort())
      .toEqual([...snapshot().keys()].filter((name) => name !== 'index.json').map((name) => `murmurations/${name}`));
  });

  it('are byte-identical on a second run over the same sources', async () => {
    const before = snapshot();
    const second = await runAggregate(options);
    expect(snapshot()).toEqual(before);
    expect(second.files?.murmurations).toMatchObject({ written: 0, removed: 0 });
  }, 60_000);

  it('drop the profile of an id merged into another, and say where it went', async () => {
    const workbook = await openWorkbook({ kind: 'local', dir: join(temp.path, 'out', 'workbook') });
    const master = (await workbook.readMaster()).filter((row) => row.publishable !== false);
    const [keep, fold] = master;
    if (!keep || !fold) throw new Error('the demo master should have two published rows');
    await workbook.appendDecision({ a: keep.members[0] as string, b: fold.members[0] as string, outcome: 'merge', by: 'test',
      at: '2026-01-05T00:00:00Z' });
    const third = await runAggregate(options);
    const merged = (await workbook.readMaster()).find((row) => row.members.includes(keep.members[0] as string));
    const survivor = merged?.dcc_id as string;
    const gone = survivor === keep.dcc_id ? fold.dcc_id : keep.dcc_id;
    expect(existsSync(join(profilesDir, `${gone}.json`))).toBe(false);
    expect(existsSync(join(profilesDir, `${survivor}.json`))).toBe(true);
    expect(readIndex().retired[gone]).toBe(survivor);
    expect(third.files?.murmurations.removed).toBe(1);
  }, 60_000);
});
