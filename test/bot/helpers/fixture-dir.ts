import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../shared/read/csv';
import type { AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { keyDeduper } from './key-deduper';
import { makeTempDir } from '../../helpers/temp-dir';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'bot');

/** A scratch copy of a fixture folder (so tests can edit sources) plus an empty output folder. */
export function scratch(fixture: string): { dir: string; out: string; cleanup: () => void } {
  const temp = makeTempDir('dcc-agg-');
  cpSync(join(FIXTURES, fixture), join(temp.path, 'src'), { recursive: true });
  return { dir: join(temp.path, 'src'), out: join(temp.path, 'out'), cleanup: temp.remove };
}

/** A CSV file as objects by header. */
export function readTable(path: string): { [column: string]: string }[] {
  const [header = [], ...rows] = parseCsv(readFileSync(path, 'utf8'));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

/** A clock that moves one minute per call, so runs have distinct, predictable times. */
export function steppingClock(start = Date.UTC(2026, 0, 1)): () => Date {
  let t = start;
  return () => new Date((t += 60_000));
}

export type Scratch = ReturnType<typeof scratch>;

/**
 * For a test file: a fresh scratch copy of the `basic` fixture before each test, removed after
 * it, and aggregate options over it (key-based dedup, stepping clock). Read the fields inside tests.
 */
export function useBasicFixture(): { readonly work: Scratch; readonly options: AggregateOptions } {
  const state = {} as { work: Scratch; options: AggregateOptions };
  beforeEach(() => {
    state.work = scratch('basic');
    state.options = { registryPath: join(state.work.dir, 'sources.csv'), outDir: state.work.out, deduper: keyDeduper,
      now: steppingClock() };
  });
  afterEach(() => state.work.cleanup());
  return state;
}
