/**
 * `dcc murmurations register`: tell a Murmurations index about every new or changed profile in
 * public/murmurations/, and about every profile no longer published, as the index expects
 * (Developer FAQs: POST each profile URL when added or changed; to remove one, make its URL
 * answer 404 first, then DELETE its node). Validation is asynchronous in the index (the
 * validation service picks the node up after the POST), so the job polls each node's status a
 * few times and leaves nodes still `received` for the next run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isProfileId, MURMURATIONS_DIR, MURMURATIONS_INDEX, type MurmurationsDirectoryIndex } from '../../../shared/publish';
import type { RetryOptions } from '../io/retry';
import { MurmurationsIndex, nodeIdOf, type IndexError } from './index-client';
import { checkUrl, murmurationsRequest, type MurmurationsHttpPolicy } from './http';
import { readLedger, writeLedger, type Ledger, type LedgerEntry } from './ledger';
import { plainIndexError } from './plain-errors';
import { DccError } from '../errors';

export const TEST_INDEX = 'https://test-index.murmurations.network/v2';
export const LEDGER_FILE = join('cache', 'murmurations-register.json');

export interface RegisterOptions extends MurmurationsHttpPolicy {
  /** Output folder holding public/ and cache/. */
  readonly outDir: string;
  /** The URL public/ is served at; profiles are at BASE/murmurations/<dcc_id>.json. */
  readonly baseUrl: string;
  /** The index API, up to and including /v2. */
  readonly indexUrl?: string;
  /** Waits before each round of status checks. */
  readonly pollDelaysMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  readonly retry?: RetryOptions;
  readonly concurrency?: number;
}

export type Change = 'new' | 'changed' | 'unchanged' | 'removed';
export type Result = 'posted' | 'unchanged' | 'waiting' | 'rejected' | 'not-served' | 'deleted' | 'delete-refused' | 'failed';

export interface ProfileOutcome {
  readonly dcc_id: string;
  /** The listing's name, from index.json ("" for a removed one). */
  readonly name: string;
  readonly profile_url: string;
  readonly node_id: string;
  readonly change: Change;
  readonly result: Result;
  /** Why, in plain words, for rejected, not-served, delete-refused and failed profiles. */
  readonly problems: readonly string[];
}

export interface RegisterResult {
  readonly index: string;
  readonly outcomes: ProfileOutcome[];
  /** True when anything needs a person: a rejection, a failure, a profile not served, a refused deletion. */
  readonly needsAttention: boolean;
}

const DEFAULT_POLL = [1000, 2000, 4000, 8000];
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const wait = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
const plain = (errors: readonly IndexError[]): string[] => errors.map(plainIndexError);

/** A few at a time, so an index is not flooded. */
async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

interface Wanted {
  readonly dcc_id: string;
  readonly name: string;
  readonly url: string;
  readonly text: string;
  readonly sha: string;
}

function readPublished(publicDir: string, base: URL): Wanted[] {
  const indexPath = join(publicDir, MURMURATIONS_DIR, MURMURATIONS_INDEX);
  if (!existsSync(indexPath)) throw new DccError(`${indexPath} does not exist: run dcc aggregate or dcc publish first`, 'dcc_input');
  const index = JSON.parse(readFileSync(indexPath, 'utf8')) as MurmurationsDirectoryIndex;
  return (index.profiles ?? []).filter((entry) => isProfileId(entry.dcc_id)).map((entry) => {
    const text = readFileSync(join(publicDir, MURMURATIONS_DIR, `${entry.dcc_id}.json`), 'utf8');
    return { dcc_id: entry.dcc_id, name: entry.name ?? '', url: new URL(`${MURMURATIONS_DIR}/${entry.dcc_id}.json`, base).href, text, sha: sha256(text) };
  });
}

/** What the steps of one run share: the index, the ledger entries they update, and the outcomes so far. */
interface Run {
  readonly outDir: string;
  readonly indexUrl: string;
  readonly base: URL;
  readonly policy: MurmurationsHttpPolicy;
  readonly index: MurmurationsIndex;
  readonly concurrency: number;
  readonly now: () => Date;
  readonly ledgerPath: string;
  readonly ledger: Ledger;
  /** This index's part of the ledger, updated as the index answers and written back at the end. */
  readonly known: { [url: string]: LedgerEntry };
  readonly changeOf: Map<string, Change>;
  readonly outcomes: Map<string, ProfileOutcome>;
}

/** Refuses a bad index or base URL before anything is read or sent. */
function openRun(options: RegisterOptions): Run {
  const indexUrl = (options.indexUrl ?? TEST_INDEX).replace(/\/+$/, '');
  const policy: MurmurationsHttpPolicy = {
    ...(options.allowLoopbackHttp ? { allowLoopbackHttp: true } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  checkUrl(indexUrl, policy);
  const base = checkUrl(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`, policy);
  const index = new MurmurationsIndex(indexUrl, { ...policy, ...(options.retry ? { retry: options.retry } : {}) });
  const outDir = resolve(options.outDir);
  const ledgerPath = join(outDir, LEDGER_FILE);
  const ledger: Ledger = readLedger(ledgerPath);
  return {
    outDir, indexUrl, base, policy, index, concurrency: options.concurrency ?? 4, now: options.now ?? (() => new Date()),
    ledgerPath, ledger, known: { ...(ledger[indexUrl] ?? {}) }, changeOf: new Map(), outcomes: new Map(),
  };
}

function record(run: Run, item: Wanted, change: Change, result: Result, problems: readonly string[] = []): void {
  run.outcomes.set(item.url, { dcc_id: item.dcc_id, name: item.name, profile_url: item.url, node_id: nodeIdOf(item.url), change, result, problems });
}

function remember(run: Run, item: Wanted, status: LedgerEntry['status'], problems?: readonly string[]): void {
  run.known[item.url] = { dcc_id: item.dcc_id, node_id: nodeIdOf(item.url), sha256: item.sha, status,
    ...(problems?.length ? { problems } : {}), at: run.now().toISOString() };
}

/**
 * New and changed profiles go to the index; an unchanged one keeps the ledger's verdict unless
 * the index had not validated it yet. Returns the profiles whose validation is still to come.
 */
async function postChanged(run: Run, wanted: readonly Wanted[]): Promise<Wanted[]> {
  const pending: Wanted[] = [];
  await eachLimit(wanted, run.concurrency, async (item) => {
    const previous = run.known[item.url];
    const change: Change = !previous ? 'new' : previous.sha256 !== item.sha ? 'changed' : 'unchanged';
    run.changeOf.set(item.url, change);
    try {
      if (change === 'unchanged' && previous) {
        if (previous.status === 'posted') return record(run, item, change, 'unchanged');
        if (previous.status === 'validation_failed') return record(run, item, change, 'rejected', previous.problems ?? []);
        pending.push(item);
        return;
      }
      await postProfile(run, item, change, pending);
    } catch (error) {
      record(run, item, change, 'failed', [describe(error)]);
    }
  });
  return pending;
}

/** Adds the profile to `pending` once the index has taken it in for validation. */
async function postProfile(run: Run, item: Wanted, change: Change, pending: Wanted[]): Promise<void> {
  // The index fetches the profile itself; posting one the web host does not serve yet only earns a rejection.
  const served = await murmurationsRequest(item.url, run.policy);
  if (served.status !== 200 || served.text !== item.text) {
    return record(run, item, change, 'not-served', [served.status === 200
      ? `${item.url} serves an older version of the profile: publish public/ to the web first`
      : `${item.url} answers HTTP ${served.status}: publish public/ to the web first`]);
  }
  const added = await run.index.addNode(item.url);
  if (added.errors.length || !added.nodeId) {
    const problems = added.errors.length ? plain(added.errors) : ['the index did not return a node_id'];
    remember(run, item, 'validation_failed', problems);
    return record(run, item, change, 'rejected', problems);
  }
  if (added.nodeId !== nodeIdOf(item.url)) {
    return record(run, item, change, 'failed', [`the index returned node_id ${added.nodeId}, not the SHA-256 of the profile URL`]);
  }
  remember(run, item, 'received');
  pending.push(item);
}

/** A few rounds of status checks; profiles the index still has as `received` after them wait for the next run. */
async function awaitValidation(run: Run, pending: readonly Wanted[], delays: readonly number[],
  sleep: (ms: number) => Promise<void>): Promise<void> {
  let waiting = pending;
  for (const delay of delays) {
    if (waiting.length === 0) break;
    await sleep(delay);
    waiting = await checkStatuses(run, waiting);
  }
  for (const item of waiting) record(run, item, run.changeOf.get(item.url) ?? 'unchanged', 'waiting');
}

/** One round: records the profiles the index has settled and returns the rest. */
async function checkStatuses(run: Run, waiting: readonly Wanted[]): Promise<Wanted[]> {
  const still: Wanted[] = [];
  await eachLimit(waiting, run.concurrency, async (item) => {
    const change = run.changeOf.get(item.url) ?? 'unchanged';
    try {
      const state = await run.index.getNode(nodeIdOf(item.url));
      if (state.status === 'posted') {
        remember(run, item, 'posted');
        record(run, item, change, change === 'unchanged' ? 'unchanged' : 'posted');
      } else if (state.status === 'validation_failed') {
        const problems = plain(state.errors);
        remember(run, item, 'validation_failed', problems);
        record(run, item, change, 'rejected', problems);
      } else if (state.status === 'missing' || state.status === 'deleted') {
        // The index forgot it (or it was deleted elsewhere): post it again next run.
        delete run.known[item.url];
        record(run, item, change, 'failed', [`the index has the node as ${state.status}; it will be posted again next run`]);
      } else {
        still.push(item);
      }
    } catch (error) {
      record(run, item, change, 'failed', [describe(error)]);
    }
  });
  return still;
}

/** Nodes of profiles no longer published; one the index refuses to delete stays in the ledger, marked pending. */
async function deleteGone(run: Run, published: ReadonlySet<string>): Promise<void> {
  const gone = Object.entries(run.known).filter(([url]) => !published.has(url));
  await eachLimit(gone, run.concurrency, async ([url, entry]) => {
    const item = { dcc_id: entry.dcc_id, name: '', url, text: '', sha: entry.sha256 };
    try {
      const deleted = await run.index.deleteNode(entry.node_id);
      if (deleted.outcome === 'refused') {
        const problems = plain(deleted.errors);
        run.known[url] = { ...entry, status: 'delete_pending', problems, at: run.now().toISOString() };
        return record(run, item, 'removed', 'delete-refused', problems);
      }
      delete run.known[url];
      record(run, item, 'removed', 'deleted');
    } catch (error) {
      record(run, item, 'removed', 'failed', [describe(error)]);
    }
  });
}

function finish(run: Run): RegisterResult {
  const known = Object.fromEntries(Object.entries(run.known).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeLedger(run.ledgerPath, { ...run.ledger, [run.indexUrl]: known });
  const list = [...run.outcomes.values()].sort((a, b) => (a.dcc_id < b.dcc_id ? -1 : a.dcc_id > b.dcc_id ? 1 : 0));
  return { index: run.indexUrl, outcomes: list,
    needsAttention: list.some((outcome) => ['rejected', 'not-served', 'delete-refused', 'failed'].includes(outcome.result)) };
}

export async function registerProfiles(options: RegisterOptions): Promise<RegisterResult> {
  const run = openRun(options);
  const wanted = readPublished(join(run.outDir, 'public'), run.base);
  const pending = await postChanged(run, wanted);
  await awaitValidation(run, pending, options.pollDelaysMs ?? DEFAULT_POLL, options.sleep ?? wait);
  await deleteGone(run, new Set(wanted.map((item) => item.url)));
  return finish(run);
}
