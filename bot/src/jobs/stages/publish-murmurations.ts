/**
 * Stage: publish, the Murmurations part. One profile per listing at `public/murmurations/<dcc_id>.json`
 * plus `index.json`; a file is rewritten only when its bytes change (so a static host's sync and
 * caches see unchanged listings as unchanged), and the profile of an id no longer published is
 * removed, because the Murmurations index deletes a node only once its URL stops serving JSON.
 *
 * "Changed" is decided from a manifest of what the last run wrote (a digest per file, in the cache
 * folder), not by reading 60,000 files back or even stating them: public/ is the job's output, and
 * a file there edited by hand is put right by `dcc publish`, which compares without a manifest.
 * A lost or damaged manifest only means one run compares by reading.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  isProfileId, MURMURATIONS_DIR, type MurmurationsProfile, MURMURATIONS_INDEX, profileJson, toMurmurationsDirectory, type ProfileOptionsOf, type PublishRow,
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

/** What the last run wrote: file name → digest of its text. */
type Manifest = Map<string, string>;

const digestOf = (text: string): string => createHash('sha1').update(text).digest('base64');

function readManifest(path: string | undefined): Manifest {
  if (!path) return new Map();
  try {
    const entries = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!Array.isArray(entries)) return new Map();
    const manifest: Manifest = new Map();
    for (const entry of entries) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') manifest.set(entry[0], entry[1]);
    }
    return manifest;
  } catch {
    // Missing or damaged: every file is compared by reading it, as without a manifest.
    return new Map();
  }
}

/** Writes `text` unless the file already holds it; records its digest in `next`. */
interface FileStates {
  readonly last: Manifest;
  readonly next: Manifest;
  readonly present: ReadonlySet<string>;
  /** Called before the first write. */
  readonly beforeWrite: () => void;
}

function writeIfChanged(dir: string, name: string, text: string, files: FileStates): boolean {
  const digest = digestOf(text);
  files.next.set(name, digest);
  const path = join(dir, name);
  if (files.present.has(name)) {
    const known = files.last.get(name);
    if (known !== undefined ? known === digest : readFileSync(path, 'utf8') === text) return false;
  }
  files.beforeWrite();
  writeFileAtomic(path, text);
  return true;
}

/**
 * `manifestPath`: where the digests of what was written are kept between runs (a cache: without
 * it, or when it is lost, files are read back to compare).
 */
export function writeMurmurationsFiles(publicDir: string, rows: readonly PublishRow[],
  retiredIds: ReadonlyMap<string, readonly string[]>, optionsOf?: ProfileOptionsOf, manifestPath?: string,
  built?: ReadonlyMap<PublishRow, MurmurationsProfile>): MurmurationsFiles {
  const dir = join(publicDir, MURMURATIONS_DIR);
  mkdirSync(dir, { recursive: true });
  const directory = toMurmurationsDirectory(rows, retiredIds, optionsOf, built);
  const present = readdirSync(dir);
  let manifestValid = manifestPath !== undefined;
  const files: FileStates = { last: readManifest(manifestPath), next: new Map(), present: new Set(present),
    // A run stopped between writing profiles and writing the manifest must not leave a manifest
    // that vouches for files it no longer describes: it goes before the first write.
    beforeWrite: () => {
      if (manifestValid && manifestPath) rmSync(manifestPath, { force: true });
      manifestValid = false;
    } };
  let written = 0;
  for (const [name, profile] of directory.files) if (writeIfChanged(dir, name, profileJson(profile), files)) written += 1;
  writeIfChanged(dir, MURMURATIONS_INDEX, profileJson(directory.index), files);
  let removed = 0;
  for (const name of present) {
    const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
    if (name === MURMURATIONS_INDEX || !isProfileId(id) || directory.files.has(name)) continue;
    files.beforeWrite();
    rmSync(join(dir, name), { force: true });
    removed += 1;
  }
  if (manifestPath && (written > 0 || removed > 0 || !sameManifest(files.last, files.next))) {
    writeFileAtomic(manifestPath, JSON.stringify([...files.next]));
  }
  return { dir, profiles: directory.files.size, written, removed };
}

function sameManifest(a: Manifest, b: Manifest): boolean {
  if (a.size !== b.size) return false;
  for (const [name, digest] of b) if (a.get(name) !== digest) return false;
  return true;
}
