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

export async function registerProfiles(options: RegisterOptions): Promise<RegisterResult> {
  const outDir = resolve(options.outDir);
  const indexUrl = (options.indexUrl ?? TEST_INDEX).replace(/\/+$/, '');
  const policy: MurmurationsHttpPolicy = {
    ...(options.allowLoopbackHttp ? { allowLoopbackHttp: true } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  checkUrl(indexUrl, policy);
  const base = checkUrl(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`, policy);
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? wait;
  const index = new MurmurationsIndex(indexUrl, { ...policy, ...(options.retry ? { retry: options.retry } : {}) });
  const ledgerPath = join(outDir, LEDGER_FILE);
  const ledger: Ledger = readLedger(ledgerPath);
  const known: { [url: string]: LedgerEntry } = { ...(ledger[indexUrl] ?? {}) };
  const wanted = readPublished(join(outDir, 'public'), base);
  const outcomes = new Map<string, ProfileOutcome>();
  const pending: Wanted[] = [];
  const record = (item: Wanted, change: Change, result: Result, problems: readonly string[] = []): void => {
    outcomes.set(item.url, { dcc_id: item.dcc_id, name: item.name, profile_url: item.url, node_id: nodeIdOf(item.url), change, result, problems });
  };
  const remember = (item: Wanted, status: LedgerEntry['status'], problems?: readonly string[]): void => {
    known[item.url] = { dcc_id: item.dcc_id, node_id: nodeIdOf(item.url), sha256: item.sha, status,
      ...(problems?.length ? { problems } : {}), at: now().toISOString() };
  };
  const changeOf = new Map<string, Change>();

  await eachLimit(wanted, options.concurrency ?? 4, async (item) => {
    const previous = known[item.url];
    const change: Change = !previous ? 'new' : previous.sha256 !== item.sha ? 'changed' : 'unchanged';
    changeOf.set(item.url, change);
    try {
      if (change === 'unchanged' && previous) {
        if (previous.status === 'posted') return record(item, change, 'unchanged');
        if (previous.status === 'validation_failed') return record(item, change, 'rejected', previous.problems ?? []);
        pending.push(item);
        return;
      }
      // The index fetches the profile itself; posting one the web host does not serve yet only earns a rejection.
      const served = await murmurationsRequest(item.url, policy);
      if (served.status !== 200 || served.text !== item.text) {
        return record(item, change, 'not-served', [served.status === 200
          ? `${item.url} serves an older version of the profile: publish public/ to the web first`
          : `${item.url} answers HTTP ${served.status}: publish public/ to the web first`]);
      }
      const added = await index.addNode(item.url);
      if (added.errors.length || !added.nodeId) {
        const problems = added.errors.length ? plain(added.errors) : ['the index did not return a node_id'];
        remember(item, 'validation_failed', problems);
        return record(item, change, 'rejected', problems);
      }
      if (added.nodeId !== nodeIdOf(item.url)) {
        return record(item, change, 'failed', [`the index returned node_id ${added.nodeId}, not the SHA-256 of the profile URL`]);
      }
      remember(item, 'received');
      pending.push(item);
    } catch (error) {
      record(item, change, 'failed', [describe(error)]);
    }
  });

  let waiting = pending;
  for (const delay of options.pollDelaysMs ?? DEFAULT_POLL) {
    if (waiting.length === 0) break;
    await sleep(delay);
    const still: Wanted[] = [];
    await eachLimit(waiting, options.concurrency ?? 4, async (item) => {
      const change = changeOf.get(item.url) ?? 'unchanged';
      try {
        const state = await index.getNode(nodeIdOf(item.url));
        if (state.status === 'posted') {
          remember(item, 'posted');
          record(item, change, change === 'unchanged' ? 'unchanged' : 'posted');
        } else if (state.status === 'validation_failed') {
          const problems = plain(state.errors);
          remember(item, 'validation_failed', problems);
          record(item, change, 'rejected', problems);
        } else if (state.status === 'missing' || state.status === 'deleted') {
          // The index forgot it (or it was deleted elsewhere): post it again next run.
          delete known[item.url];
          record(item, change, 'failed', [`the index has the node as ${state.status}; it will be posted again next run`]);
        } else {
          still.push(item);
        }
      } catch (error) {
        record(item, change, 'failed', [describe(error)]);
      }
    });
    waiting = still;
  }
  for (const item of waiting) record(item, changeOf.get(item.url) ?? 'unchanged', 'waiting');

  const current = new Set(wanted.map((item) => item.url));
  const gone = Object.entries(known).filter(([url]) => !current.has(url));
  await eachLimit(gone, options.concurrency ?? 4, async ([url, entry]) => {
    const item = { dcc_id: entry.dcc_id, name: '', url, text: '', sha: entry.sha256 };
    try {
      const deleted = await index.deleteNode(entry.node_id);
      if (deleted.outcome === 'refused') {
        const problems = plain(deleted.errors);
        known[url] = { ...entry, status: 'delete_pending', problems, at: now().toISOString() };
        return record(item, 'removed', 'delete-refused', problems);
      }
      delete known[url];
      record(item, 'removed', 'deleted');
    } catch (error) {
      record(item, 'removed', 'failed', [describe(error)]);
    }
  });

  writeLedger(ledgerPath, { ...ledger, [indexUrl]: Object.fromEntries(Object.entries(known).sort(([a], [b]) => (a < b ? -1 : 1))) });
  const list = [...outcomes.values()].sort((a, b) => (a.dcc_id < b.dcc_id ? -1 : a.dcc_id > b.dcc_id ? 1 : 0));
  return { index: indexUrl, outcomes: list,
    needsAttention: list.some((outcome) => ['rejected', 'not-served', 'delete-refused', 'failed'].includes(outcome.result)) };
}
