/**
 * Idle runs: a scheduled aggregate when nothing changed since the last finished run costs a
 * change check per source and nothing else. What a run produces depends only on the registry,
 * the rows of every source (and how each was read), the people's decisions, and the master and
 * Review tabs it starts from; when all of these hash as they did after the last run (the
 * decisions as that run started: it never saw one recorded while it ran), and the public files
 * are still the ones it wrote, the run would write the same bytes again, so it writes nothing
 * but its line in Runs. Any difference (one edited cell, one new decision, a public file deleted
 * or replaced) makes a full run.
 *
 * The record lives in out/cache/, which scheduled runners keep between runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Decision } from '../../../shared/schema';
import { writeFileAtomic } from '../io/atomic-write';
import type { DigestedTab, MasterRow, ReviewItem, Workbook } from '../workbook/types';
import { JOB_VERSION } from './job-version';
import type { SourceOutcome } from './stages/read';
import { rowsDigest } from './validation-cache';
const PUBLIC_FILES = ['master.csv', 'master.geojson', 'master.json'];

/** Hash of what the job reads before it decides anything: the registry and every source's rows and state. */
export function inputFingerprint(registryRows: readonly (readonly string[])[], outcomes: readonly SourceOutcome[],
  options: { readonly registryFromFile: boolean; readonly now: Date }): string {
  const hash = createHash('sha256');
  // The day too: validation judges dates against it, so a new day runs in full once.
  hash.update(JSON.stringify([JOB_VERSION, options.registryFromFile, options.now.toISOString().slice(0, 10), registryRows]));
  for (const outcome of outcomes) {
    // 'read' and 'unchanged' are the same rows fetched or not: what matters is fresh or stale.
    const state = outcome.state === 'unchanged' ? 'read' : outcome.state;
    hash.update(JSON.stringify([outcome.entry, state, outcome.error ?? null, outcome.extra ?? null, rowsDigest(outcome.rows)]));
  }
  return hash.digest('hex');
}

/** The tabs a run starts from besides its sources, as the last run left them. */
export interface StartingTabs {
  readonly master: MasterRow[];
  readonly decisions: Decision[];
  readonly review: ReviewItem[];
}

/** A digest of each tab that decides whether a run can be idle. */
export type TabDigests = { readonly [tab in DigestedTab]: string };

export function readTabs(workbook: Workbook): Promise<StartingTabs> {
  return Promise.all([workbook.readMaster(), workbook.readDecisions(), workbook.readReview()])
    .then(([master, decisions, review]) => ({ master, decisions, review }));
}

/**
 * Each tab's digest: the backend's digest of what it stores when it offers one (an idle run then
 * parses no tab), else a hash of the rows `read` returns.
 */
export async function tabDigests(workbook: Workbook, read: () => Promise<StartingTabs>): Promise<TabDigests> {
  const digest = workbook.storedDigest?.bind(workbook);
  if (digest) {
    const [master, review, decisions] = await Promise.all([digest('master'), digest('review'), digest('decisions')]);
    return { master: `stored:${master}`, review: `stored:${review}`, decisions: `stored:${decisions}` };
  }
  const tabs = await read();
  return { master: `rows:${rowsDigest(tabs.master)}`, review: `rows:${rowsDigest(tabs.review)}`, decisions: `rows:${rowsDigest(tabs.decisions)}` };
}

/**
 * What the next run compares its starting tabs with, once this run has written its own. The
 * decisions are those this run started from, not those in the workbook now: one a person recorded
 * while the run was under way is not in its master, so the next run must not take it for idle.
 */
export async function tabsAfterRun(workbook: Workbook, started: TabDigests): Promise<TabDigests> {
  const now = await tabDigests(workbook, () => readTabs(workbook));
  return { ...now, decisions: started.decisions };
}

const fingerprintOf = (digests: TabDigests): string => JSON.stringify([digests.master, digests.review, digests.decisions]);

/** Size, modification time and inode of each public file, or null when it is missing. */
function publicFileStates(outDir: string): (string | null)[] {
  return PUBLIC_FILES.map((name) => {
    const path = join(outDir, 'public', name);
    if (!existsSync(path)) return null;
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  });
}

export interface LastRun<Result> {
  readonly inputs: string;
  readonly workbook: string;
  readonly publicFiles: (string | null)[];
  /** The result the last full run returned; an idle run returns it with its own run line. */
  readonly result: Result;
}

export class LastRunStore<Result> {
  readonly #path: string;
  readonly #outDir: string;

  constructor(outDir: string) {
    this.#outDir = outDir;
    this.#path = join(outDir, 'cache', 'last-run.json');
  }

  /** The last run's record when every fingerprint still matches; otherwise undefined. */
  matching(inputs: string, tabs: TabDigests): LastRun<Result> | undefined {
    let last: LastRun<Result>;
    try {
      last = JSON.parse(readFileSync(this.#path, 'utf8')) as LastRun<Result>;
    } catch {
      // Missing or unreadable: a full run, which writes a fresh record.
      return undefined;
    }
    if (last.inputs !== inputs || last.workbook !== fingerprintOf(tabs)) return undefined;
    if (JSON.stringify(last.publicFiles) !== JSON.stringify(publicFileStates(this.#outDir))) return undefined;
    return last;
  }

  /** Records a finished full run; call after every file and tab is written. */
  save(inputs: string, tabs: TabDigests, result: Result): void {
    const record: LastRun<Result> = { inputs, workbook: fingerprintOf(tabs), publicFiles: publicFileStates(this.#outDir), result };
    writeFileAtomic(this.#path, JSON.stringify(record));
  }
}
