import { type Dirent, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TEMP = /\.(\d+)\.\d+\.tmp$/;
/** A temp file this old is abandoned even if its process id now belongs to another process. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files of writes that never finished (a run killed between writing and renaming),
 * under `dir` and a few levels below. Only files of processes that are gone, or older than a day,
 * so a write in progress elsewhere is never touched. Returns the paths removed.
 */
export function removeAbandonedTempFiles(dir: string, now = Date.now(), depth = 3): string[] {
  const removed: string[] = [];
  let entries: Dirent[];
  try {
    // Entries with their types: a published folder holds tens of thousands of files, and only the
    // few named like a temp file are worth a stat.
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth > 0 && !entry.name.startsWith('.')) removed.push(...removeAbandonedTempFiles(path, now, depth - 1));
      continue;
    }
    const match = TEMP.exec(entry.name);
    if (!match || !entry.isFile()) continue;
    let modified: number;
    try {
      modified = statSync(path).mtimeMs;
    } catch {
      continue;
    }
    if (processAlive(Number(match[1])) && now - modified < ABANDONED_AFTER_MS) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * Writes a file so that a reader, or a run killed half-way, sees either the old content or the
 * new one, never a torn file: write a sibling temp file, flush it to disk, then rename over.
 */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      if (typeof text === 'string') writeSync(fd, text);
      else writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
