/**
 * Stage: publish, the Murmurations part. One profile per listing at `public/murmurations/<dcc_id>.json`
 * plus `index.json`; a file is rewritten only when its bytes change (so a static host's sync and
 * caches see unchanged listings as unchanged), and the profile of an id no longer published is
 * removed, because the Murmurations index deletes a node only once its URL stops serving JSON.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  isProfileId, MURMURATIONS_DIR, MURMURATIONS_INDEX, profileJson, toMurmurationsDirectory, type ProfileOptionsOf, type PublishRow,
} from '../../../../shared/publish';
import { writeFileAtomic } from '../../io/atomic-write';

export interface MurmurationsFiles {
  /** The folder holding the profiles and index.json. */
  readonly dir: string;
  readonly profiles: number;
  /** Profiles written this run because they are new or changed. */
  readonly written: number;
  /** Profiles removed because their id is no longer published (retired, dropped or held back). */
  readonly removed: number;
}

function writeIfChanged(path: string, text: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  writeFileAtomic(path, text);
  return true;
}

export function writeMurmurationsFiles(publicDir: string, rows: readonly PublishRow[],
  retiredIds: ReadonlyMap<string, readonly string[]>, optionsOf?: ProfileOptionsOf): MurmurationsFiles {
  const dir = join(publicDir, MURMURATIONS_DIR);
  mkdirSync(dir, { recursive: true });
  const directory = toMurmurationsDirectory(rows, retiredIds, optionsOf);
  let written = 0;
  for (const [name, profile] of directory.files) if (writeIfChanged(join(dir, name), profileJson(profile))) written += 1;
  writeIfChanged(join(dir, MURMURATIONS_INDEX), profileJson(directory.index));
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (name === MURMURATIONS_INDEX || !isProfileId(id) || directory.files.has(name)) continue;
    rmSync(join(dir, name), { force: true });
    removed += 1;
  }
  return { dir, profiles: directory.files.size, written, removed };
}
