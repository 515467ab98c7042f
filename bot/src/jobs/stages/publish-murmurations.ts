/**
 * Stage: publish, the Murmurations part. One profile per listing at `public/murmurations/<dcc_id>.json`
 * plus `index.json`; a file is rewritten only when its bytes change (so a static host's sync and
 * caches see unchanged listings as unchanged), and the profile of an id no longer published is
 * removed, because the Murmurations index deletes a node only once its URL stops serving JSON.
 *
 * "Changed" is decided from a manifest of what the last run wrote (a digest, size and modification
 * time per file, in the cache folder), not by reading 60,000 files back: a file whose size or time
 * differs from the manifest (edited or restored by hand) is read and compared as before.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/** What the last run wrote, per file name: [digest of the text, size in bytes, modification time in ms]. */
type Manifest = Map<string, readonly [string, number, number]>;

const digestOf = (text: string): string => createHash('sha1').update(text).digest('base64');

function readManifest(path: string | undefined): Manifest {
  if (!path) return new Map();
  try {
    const entries = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!Array.isArray(entries)) return new Map();
    const manifest: Manifest = new Map();
    for (const entry of entries) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string'
        && typeof entry[2] === 'number' && typeof entry[3] === 'number') manifest.set(entry[0], [entry[1], entry[2], entry[3]]);
    }
    return manifest;
  } catch {
    // Missing or damaged: every file is compared by reading it, as without a manifest.
    return new Map();
  }
}

/** Writes `text` unless the file already holds it; records what the file now is in `next`. */
function writeIfChanged(path: string, name: string, text: string, last: Manifest, next: Manifest): boolean {
  const digest = digestOf(text);
  const stat = statSync(path, { throwIfNoEntry: false });
  const known = last.get(name);
  const unchanged = stat !== undefined && (known !== undefined && known[1] === stat.size && known[2] === stat.mtimeMs
    ? known[0] === digest
    : readFileSync(path, 'utf8') === text);
  if (unchanged) {
    next.set(name, [digest, stat.size, stat.mtimeMs]);
    return false;
  }
  writeFileAtomic(path, text);
  const written = statSync(path);
  next.set(name, [digest, written.size, written.mtimeMs]);
  return true;
}

/**
 * `manifestPath`: where the digests of what was written are kept between runs (a cache: without
 * it, or when it is lost, files are read back to compare).
 */
export function writeMurmurationsFiles(publicDir: string, rows: readonly PublishRow[],
  retiredIds: ReadonlyMap<string, readonly string[]>, optionsOf?: ProfileOptionsOf, manifestPath?: string): MurmurationsFiles {
  const dir = join(publicDir, MURMURATIONS_DIR);
  mkdirSync(dir, { recursive: true });
  const directory = toMurmurationsDirectory(rows, retiredIds, optionsOf);
  const last = readManifest(manifestPath);
  const next: Manifest = new Map();
  let written = 0;
  for (const [name, profile] of directory.files) if (writeIfChanged(join(dir, name), name, profileJson(profile), last, next)) written += 1;
  writeIfChanged(join(dir, MURMURATIONS_INDEX), MURMURATIONS_INDEX, profileJson(directory.index), last, next);
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (name === MURMURATIONS_INDEX || !isProfileId(id) || directory.files.has(name)) continue;
    rmSync(join(dir, name), { force: true });
    removed += 1;
  }
  if (manifestPath && (written > 0 || removed > 0 || !sameManifest(last, next))) {
    writeFileAtomic(manifestPath, JSON.stringify([...next].map(([name, entry]) => [name, ...entry])));
  }
  return { dir, profiles: directory.files.size, written, removed };
}

function sameManifest(a: Manifest, b: Manifest): boolean {
  if (a.size !== b.size) return false;
  for (const [name, entry] of b) {
    const other = a.get(name);
    if (!other || other[0] !== entry[0] || other[1] !== entry[1] || other[2] !== entry[2]) return false;
  }
  return true;
}
