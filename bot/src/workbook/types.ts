/**
 * The master workbook: what the aggregation job reads and writes, and what the Slack app reviews.
 * Two backends implement `Workbook` (a local folder of CSV files and a Google spreadsheet); every
 * caller codes against this file only, so it changes rarely and only by adding.
 *
 * Tabs: Master, Review, Decisions, Runs, Sources. Record ids are `${sourceKey}:${sourceId}` (see
 * shared/schema Record.id), which is also how a master row lists its `members`.
 */
import type { Decision, DecisionOutcome, FieldValues } from '../../../shared/schema';
import type { SheetsBudget } from '../google/budget';
import type { GoogleClientOptions } from '../google/clients';
import type { RetryOptions } from '../io/retry';

export type { Decision, DecisionOutcome };

/** A master organization (`MasterEntity`) as the Master tab stores it: the merged values of every source row in its cluster. */
export interface MasterRow {
  /** Stable id (`dcc-…`) that survives re-runs, source edits and merges. */
  readonly dcc_id: string;
  /** Merged values by field key. Public fields only once the privacy filter has run. */
  readonly values: FieldValues;
  /** Keys of the sources that contributed, in registry order. */
  readonly sources: readonly string[];
  /** Every source row merged into this entity, as Record ids (`sourceKey:sourceId`). */
  readonly members: readonly string[];
  /** ISO 8601 time the row's values last changed. */
  readonly updated: string;
  /** Ids of rows merged into this one over time; they resolve here. */
  readonly retired_ids?: readonly string[];
  /** Source keys whose rows were kept from an earlier run because the source failed this time. */
  readonly stale_sources?: readonly string[];
  /** False while the row only comes from sources whose agreement is not signed: kept for review, not published. */
  readonly publishable?: boolean;
}

/** One side of a probable duplicate, with enough to judge it without opening the sheets. */
export interface ReviewSide {
  /** Record id, `sourceKey:sourceId`. */
  readonly id: string;
  readonly source: string;
  readonly name: string;
  /** One line: street, city, state, postal code. */
  readonly address: string;
  readonly phone: string;
  readonly website: string;
  /** A link to the row in its sheet or CRM when one can be built, else "". */
  readonly link: string;
  /** The master row it currently belongs to, when known. */
  readonly dcc_id?: string;
}

export type ReviewStatus = 'open' | 'merged' | 'not-duplicate';

/** A probable duplicate awaiting a person. */
export interface ReviewItem {
  /** Stable for the pair whichever order it is seen in: see `pairKey` (shared/schema). */
  readonly pair_id: string;
  readonly a: ReviewSide;
  readonly b: ReviewSide;
  /** Match probability from the dedup engine, 0..1. */
  readonly probability: number;
  /** Plain-language reasons, e.g. "same phone", "names 92% similar". */
  readonly reasons: readonly string[];
  readonly status: ReviewStatus;
  /** ISO time the pair was first queued. */
  readonly created: string;
  /** Set once decided. */
  readonly decided_by?: string;
  readonly decided_at?: string;
}

/** One row of the Runs tab. */
export interface RunRow {
  readonly run_id: string;
  readonly started_at: string;
  readonly finished_at: string;
  /** `ok`, `partial` (some source failed or was held back), `failed`, or `dry-run`. */
  readonly status: 'ok' | 'partial' | 'failed' | 'dry-run';
  readonly sources: number;
  readonly records_read: number;
  readonly held_back: number;
  readonly merged: number;
  readonly new: number;
  readonly master_rows: number;
  readonly review_open: number;
  readonly stale_sources: readonly string[];
  /** One line per problem, `sourceKey: message`. */
  readonly errors: readonly string[];
}

/** The master workbook, whichever backend holds it. */
export interface Workbook {
  /** Where it lives, for messages: a folder path or a spreadsheet URL. */
  readonly location: string;

  /** Empty when the workbook is new. */
  readMaster(): Promise<MasterRow[]>;
  /** Replaces the Master tab all at once: readers see the old or the new master, never half of one. */
  writeMaster(rows: readonly MasterRow[]): Promise<void>;

  readReview(): Promise<ReviewItem[]>;
  /** Replaces the Review tab (the job rewrites it each run, carrying over decided items). */
  writeReview(items: readonly ReviewItem[]): Promise<void>;

  readDecisions(): Promise<Decision[]>;
  /**
   * Records a person's decision and marks the matching Review item decided. Idempotent: the same
   * outcome for the same pair (in either order) is stored once; returns false when it was already there.
   * A later, different outcome for a pair is appended and wins.
   */
  appendDecision(decision: Decision): Promise<boolean>;

  readRuns(): Promise<RunRow[]>;
  appendRun(run: RunRow): Promise<void>;

  /** The registry tab as raw rows (header first), for `readRegistry`. Empty when there is none. */
  readSources(): Promise<string[][]>;
  writeSources(rows: readonly (readonly string[])[]): Promise<void>;

  /** A spreadsheet's use of its cell limit; absent for backends without one. */
  capacity?(): Promise<WorkbookCapacity>;

  /**
   * A digest of one tab as stored (its file's bytes), to tell cheaply whether it changed since a
   * run without parsing it; absent where only reading the rows can tell.
   */
  storedDigest?(tab: DigestedTab): Promise<string>;
}

/** The tabs whose content decides whether a run can be idle (see jobs/idle-run.ts). */
export type DigestedTab = 'master' | 'review' | 'decisions';

/** Cells the workbook's grids take, against the platform's limit per spreadsheet. */
export interface WorkbookCapacity {
  readonly cells: number;
  readonly limit: number;
}

export interface LocalWorkbookLocation {
  readonly kind: 'local';
  /** The workbook folder; tabs are `{master,review,decisions,runs,sources}.csv` inside it. */
  readonly dir: string;
}

export interface GoogleWorkbookLocation {
  readonly kind: 'google-sheet';
  readonly spreadsheetId: string;
  /** For tests and proxies: googleapis `rootUrl` (only its origin counts). */
  readonly rootUrl?: string;
  /** Client overrides (credentials, timeouts); by default credentials come from the environment. */
  readonly client?: GoogleClientOptions;
  /** The run's Sheets request budget; by default the process's shared one. */
  readonly budget?: SheetsBudget;
  /** Backoff for failed calls; by default io/retry's. */
  readonly retry?: RetryOptions;
}

export type WorkbookLocation = LocalWorkbookLocation | GoogleWorkbookLocation;

/** Signature of `openWorkbook` in ./index.ts. */
export type OpenWorkbook = (location: WorkbookLocation) => Promise<Workbook>;
