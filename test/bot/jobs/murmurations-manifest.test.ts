/**
 * Profiles are compared with what the last run wrote through a manifest instead of being read
 * back; the manifest is only a shortcut: a lost one, or one a failed run made untrue, costs a
 * comparison by reading and never leaves a file holding anything but its profile.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeMurmurationsFiles } from '../../../bot/src/jobs/stages/publish-murmurations';
import { profileJson, toMurmurationsProfile, type PublishRow } from '../../../shared/publish';
import { useTempDir } from '../../helpers/temp-dir';

const row = (id: string, name: string): PublishRow => ({
  dcc_id: id, values: { name, city: 'Chicago', country: 'US' }, sources: ['a'], updated_at: '2026-01-01T00:00:00Z',
});
const rows = [row('dcc-000001', 'Uptown Tool Library'), row('dcc-000002', 'Lakeview Bakery')];

const temp = useTempDir('dcc-murm-manifest-');
let manifest: string;
const profilePath = (id: string): string => join(temp.path, 'public', 'murmurations', `${id}.json`);
const publish = (list: readonly PublishRow[] = rows) => writeMurmurationsFiles(join(temp.path, 'public'), list, new Map(), undefined, manifest);

beforeEach(() => {
  manifest = join(temp.path, 'cache', 'murmurations-published.json');
});

describe('Murmurations profiles against the manifest of the last run', () => {
  it('writes nothing again when nothing changed', () => {
    expect(publish()).toMatchObject({ profiles: 2, written: 2, removed: 0 });
    const kept = readFileSync(manifest, 'utf8');
    expect(publish()).toMatchObject({ written: 0, removed: 0 });
    expect(readFileSync(manifest, 'utf8')).toBe(kept);
  });

  it('rewrites only the profile whose row changed', () => {
    publish();
    const changed = [rows[0] as PublishRow, row('dcc-000002', 'Lakeview Bakery Co-op')];
    expect(publish(changed)).toMatchObject({ written: 1 });
    expect(readFileSync(profilePath('dcc-000002'), 'utf8')).toBe(profileJson(toMurmurationsProfile(changed[1] as PublishRow)));
  });

  it('trusts the manifest over a file edited by hand, and comparing without it puts the file right', () => {
    publish();
    writeFileSync(profilePath('dcc-000001'), '{"name":"edited"}\n');
    expect(publish()).toMatchObject({ written: 0 });
    rmSync(manifest);
    expect(publish()).toMatchObject({ written: 1 });
    expect(readFileSync(profilePath('dcc-000001'), 'utf8')).toBe(profileJson(toMurmurationsProfile(rows[0] as PublishRow)));
  });

  it('leaves no manifest vouching for files a failed run changed', () => {
    publish();
    // A directory where the new profile goes: the run fails after rewriting dcc-000001.
    mkdirSync(profilePath('dcc-000003'));
    const renamed = row('dcc-000001', 'Uptown Tool Library Co-op');
    expect(() => publish([renamed, rows[1] as PublishRow, row('dcc-000003', 'New Co-op')])).toThrow();
    expect(existsSync(manifest)).toBe(false);
    rmSync(profilePath('dcc-000003'), { recursive: true });
    expect(publish()).toMatchObject({ written: 1 });
    expect(readFileSync(profilePath('dcc-000001'), 'utf8')).toBe(profileJson(toMurmurationsProfile(rows[0] as PublishRow)));
  });

  it('compares by reading the files when the manifest is lost or damaged', () => {
    publish();
    rmSync(manifest);
    expect(publish()).toMatchObject({ written: 0 });
    writeFileSync(manifest, '{not json');
    writeFileSync(profilePath('dcc-000002'), 'stale');
    expect(publish()).toMatchObject({ written: 1 });
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toHaveLength(3);
  });

  it('rewrites a profile that was deleted', () => {
    publish();
    rmSync(profilePath('dcc-000002'));
    expect(publish()).toMatchObject({ written: 1 });
    expect(readFileSync(profilePath('dcc-000002'), 'utf8')).toBe(profileJson(toMurmurationsProfile(rows[1] as PublishRow)));
  });
});
