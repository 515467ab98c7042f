/**
 * Scratch folders for tests, under the OS temp folder. Removal is forced and recursive, so a
 * test that failed half-way still leaves nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  readonly path: string;
  remove(): void;
}

/** A new folder whose name starts with `prefix`; the caller removes it. */
export function makeTempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Hooks that hold one folder at a time: `path` is valid inside tests and in hooks declared after
 * this call, never when the file is loaded. Jest runs a block's teardown hooks in the order they
 * were declared, so the folder is gone before a later afterEach/afterAll of the same block runs.
 */
function hookedTempDir(prefix: string, setUp: (fn: () => void) => void, tearDown: (fn: () => void) => void): { readonly path: string } {
  let current: TempDir | undefined;
  setUp(() => { current = makeTempDir(prefix); });
  tearDown(() => {
    current?.remove();
    current = undefined;
  });
  return {
    get path(): string {
      if (!current) throw new Error(`no temp folder (${prefix}) outside a test: read .path inside tests and hooks`);
      return current.path;
    },
  };
}

/** A fresh folder for each test, made before it and removed after it. */
export function useTempDir(prefix: string): { readonly path: string } {
  return hookedTempDir(prefix, beforeEach, afterEach);
}

/** One folder for every test of the file (or describe block), for suites that set up once. */
export function useTempDirForAll(prefix: string): { readonly path: string } {
  return hookedTempDir(prefix, beforeAll, afterAll);
}
