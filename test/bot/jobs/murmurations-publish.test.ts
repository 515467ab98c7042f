import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import { schemaProblems } from '../../shared/publish/murmurations-schemas';
import { steppingClock } from '../helpers/fixture-dir';

const EXAMPLES = resolve(__dirname, '../../../examples');
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dcc-murm-'));
  cpSync(EXAMPLES, join(dir, 'examples'), { recursive: true });
  await runAggregate({ registryPath: join(dir, 'examples', 'sources.csv'), outDir: join(dir, 'out'), now: steppingClock() });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('the demo run\'s Murmurations profiles', () => {
  it('are all valid against the vendored schemas', () => {
    const profiles = readJson(join(dir, 'out', 'public', 'master.json')) as { unique_id: string }[];
    expect(profiles.length).toBeGreaterThan(40);
    const invalid = profiles.map((profile) => ({ id: profile.unique_id, problems: schemaProblems(profile) }))
      .filter((result) => result.problems.length > 0);
    expect(invalid).toEqual([]);
  });
});
