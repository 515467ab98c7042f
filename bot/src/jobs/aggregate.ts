/**
 * The aggregation job: every registered source → one deduplicated master, published.
 *
 *   read → (nothing changed since the last run? append a Runs line and stop: idle-run.ts)
 *   → validate (map headers, normalize) → re-point merges made inside a source → dedup (all
 *   sources + decisions) → merge (stable ids) → geocode → privacy filter → write the tabs that
 *   changed → publish
 *
 * Each stage is a module in ./stages. The job holds a lock on the output folder, never deletes
 * what it cannot re-read, and writes every file through a temp file and a rename.
 */
import { dirname, join, resolve } from 'node:path';
import { joinList, splitList } from '../../../shared/normalize/text';
import { publicValues, type SourceCredit } from '../../../shared/publish';
import type { Record } from '../../../shared/schema';
import { CachedGeocoder } from '../geocode/cached';
import type { Geocoder } from '../geocode/types';
import { ZipCentroidGeocoder } from '../geocode/zip-centroid';
import { acquireRunLock } from '../io/lock';
import { removeAbandonedTempFiles } from '../io/atomic-write';
import { noUsableSources, readRegistryFile, RegistryFileError, type RegistryFile } from '../registry/read-registry-file';
import { readRegistry, registryToRows, type Registry, type RegistryEntry } from '../registry/registry';
import { defaultReaders, SnapshotStore, type SourceReaders } from '../sources';
import { openWorkbook } from '../workbook';
import { withDecisions } from '../workbook/tabs';
import type { MasterRow, ReviewItem, RunRow, Workbook, WorkbookCapacity, WorkbookLocation } from '../workbook/types';
import { engineDeduper, type Deduper, type DedupOutcome } from './stages/dedup';
import { inputFingerprint, LastRunStore, readTabs, tabDigests, tabsAfterRun, type StartingTabs, type TabDigests } from './idle-run';
import { geocodeStage } from './stages/geocode';
import { matchRecords } from './stages/match-values';
import { carryOver, MASTER_SOURCE, mergeStage, type MasterEntity } from './stages/merge';
import { writePublicFiles, type PublishedFiles } from './stages/publish';
import { readSources, type SourceOutcome, type SourceState } from './stages/read';
import { mergedRecords, repointMerges } from './stages/repoint';
import { reviewStage } from './stages/review';
import { alertStage, type AlertOutcome } from './stages/alert';
import { validateSources, type ValidatedSource } from './stages/validate';
import { ValidationCache } from './validation-cache';

export interface AggregateOptions {
  /** A local registry CSV; without it the workbook's Sources tab is the registry. */
  readonly registryPath?: string;
  /** Default: a local workbook in `outDir/workbook`. */
  readonly workbook?: WorkbookLocation;
  /** Output folder: `workbook/`, `public/`, `cache/` and the lock live here. */
  readonly outDir: string;
  readonly dryRun?: boolean;
  /** How long to wait for another run's lock, in ms (0 = give up at once). */
  readonly waitMs?: number;
  readonly now?: () => Date;
  readonly readers?: Partial<SourceReaders>;
  readonly deduper?: Deduper;
  readonly geocoder?: Geocoder;
  readonly env?: { readonly [name: string]: string | undefined };
  /** Folders besides the registry's where local CSV sources may live. */
  readonly sourceDirs?: readonly string[];
  readonly concurrency?: number;
  readonly onProgress?: (message: string, done: number, total: number) => void;
  /** Where alert lines go when Slack is not configured (stderr by default, so --json stays clean). */
  readonly alertLog?: (line: string) => void;
}

export interface SourceReport {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly agreement: string;
  /** False when the agreement is not signed: aggregated for review, never published. */
  readonly published: boolean;
  readonly state: SourceState | 'inactive' | 'unusable';
  readonly records: number;
  readonly heldBack: number;
  readonly errors: number;
  readonly warnings: number;
  readonly requests: number;
  readonly message?: string;
  /** The first findings that held rows back, as `row N: message`. */
  readonly problems: string[];
}

export interface AggregateResult {
  readonly run: RunRow;
  readonly dryRun: boolean;
  readonly registryProblems: Registry['problems'];
  readonly sources: SourceReport[];
  readonly masterRows: number;
  readonly published: number;
  readonly newRows: number;
  readonly mergedRecords: number;
  readonly removed: number;
  readonly carried: number;
  readonly geocoded: number;
  readonly unplaced: { readonly dcc_id: string; readonly name: string }[];
  readonly reviewOpen: number;
  readonly staleSources: string[];
  readonly heldBackSources: string[];
  readonly files?: PublishedFiles;
  readonly workbook: string;
  /** A spreadsheet workbook's use of its cell limit, after the run's writes. */
  readonly capacity?: WorkbookCapacity;
  /** What happened to the duplicate alerts (absent on a dry run). */
  readonly alerts?: AlertOutcome;
}

const iso = (date: Date): string => date.toISOString();

function runId(now: Date): string {
  return `run-${iso(now).replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** When a record last changed, for survivorship: CiviCRM's modified_date, else when its row last changed (row-change-times.ts). */
function changedAtFor(outcomes: readonly SourceOutcome[]): (record: Record) => string {
  const bySource = new Map(outcomes.map((outcome) => [outcome.entry.key, outcome.changedAt]));
  return (record) => (record.extra['(modified_date)'] ?? '').replace(' ', 'T') || bySource.get(record.source)?.[record.row - 1] || '';
}

function sameRow(a: MasterRow, b: MasterRow): boolean {
  const key = (row: MasterRow): string => JSON.stringify([row.values, row.members, row.sources, row.publishable !== false]);
  return key(a) === key(b);
}

function loadRegistry(local: RegistryFile | undefined, workbook: Workbook): Promise<{ registry: Registry; baseDir: string; rows: string[][] }> {
  if (local) return Promise.resolve({ registry: local.registry, baseDir: dirname(local.path), rows: local.rows });
  return workbook.readSources().then((rows) => ({ registry: readRegistry(rows), baseDir: process.cwd(), rows }));
}

export async function runAggregate(options: AggregateOptions): Promise<AggregateResult> {
  // A local registry is read first: when it cannot be used, nothing is created, not even the output folder.
  const local = options.registryPath ? readRegistryFile(options.registryPath) : undefined;
  const outDir = resolve(options.outDir);
  const release = await acquireRunLock(outDir, options.waitMs ?? 0);
  try {
    removeAbandonedTempFiles(outDir);
    return await aggregateLocked({ ...options, outDir }, local);
  } finally {
    await release().catch(() => undefined);
  }
}

/** What every stage of one run reads: the workbook, the registry and the run's clock. */
interface RunContext {
  readonly options: AggregateOptions;
  readonly workbook: Workbook;
  readonly registry: Registry;
  readonly registryRows: string[][];
  readonly baseDir: string;
  readonly readers: SourceReaders;
  readonly snapshots: SnapshotStore;
  readonly active: RegistryEntry[];
  readonly signed: ReadonlySet<string>;
  readonly started: Date;
  readonly now: () => Date;
  readonly dryRun: boolean;
}

async function aggregateLocked(options: AggregateOptions, local: RegistryFile | undefined): Promise<AggregateResult> {
  const context = await openRun(options, local);
  const { workbook, started } = context;

  // read
  const outcomes = await readSources(context.active, {
    readers: context.readers, snapshots: context.snapshots, baseDir: context.baseDir, env: options.env,
    sourceDirs: options.sourceDirs, now: started, concurrency: options.concurrency,
    onSource: (outcome, done, total) => options.onProgress?.(`Reading sources (${outcome.entry.key})`, done, total),
  });

  // nothing changed since the last full run: nothing to redo, nothing to rewrite
  const lastRuns = new LastRunStore<AggregateResult>(options.outDir);
  const inputs = inputFingerprint(context.registryRows, outcomes, { registryFromFile: options.registryPath !== undefined, now: started });
  // Digests first, then the rows: a decision recorded in between only costs the next run a full one.
  let starting: Promise<StartingTabs> | undefined;
  const readStarting = (): Promise<StartingTabs> => (starting ??= readTabs(workbook));
  const startDigests = await tabDigests(workbook, readStarting);
  const last = lastRuns.matching(inputs, startDigests);
  if (last) return idleRun(last.result, outcomes, { ...context, alerts: async () => announce(context, await workbook.readReview()) });
  const previous = await readStarting();

  // map headers, validate, normalize (a source whose rows did not change: its last validation)
  const validations = new ValidationCache(options.outDir);
  const validated = validateSources(outcomes, { now: started, snapshots: context.snapshots, cache: validations });
  const pool = recordPool(validated);

  // dedup, merge, geocode
  const found = await findOrganizations(context, { outcomes, validated, pool, previous });

  // privacy filter, then the master and Review as they will be written, and the run's line
  const previousById = new Map(found.repointed.previous.map((row) => [row.dcc_id, row]));
  const masterRows = found.merged.entities.map((entity) => toMasterRow(entity, previousById, started, context.signed))
    .sort((a, b) => (a.dcc_id < b.dcc_id ? -1 : a.dcc_id > b.dcc_id ? 1 : 0));
  const reviewItems = reviewOf(context, found, pool.records, previous);
  const sourceReports = reportSources(context.registry, validated);
  const run = runLine(context, { sourceReports, pool, merged: found.merged, master: masterRows, review: reviewItems });

  let written: Written = {};
  if (!context.dryRun) {
    written = await writeRun(context, { master: masterRows, review: reviewItems, previous, run, found, validated, validations });
  }

  const result: AggregateResult = {
    run, dryRun: context.dryRun, registryProblems: context.registry.problems, sources: sourceReports, masterRows: masterRows.length,
    published: masterRows.filter((row) => row.publishable !== false).length, newRows: run.new, mergedRecords: run.merged,
    removed: found.merged.removed.length, carried: found.merged.carried, geocoded: found.placed.geocoded,
    unplaced: found.placed.unplaced, reviewOpen: run.review_open, staleSources: [...run.stale_sources],
    heldBackSources: context.active.filter((entry) => !context.signed.has(entry.key)).map((entry) => entry.key),
    ...(written.files ? { files: written.files } : {}), workbook: workbook.location,
    ...(written.alerts ? { alerts: written.alerts } : {}), ...(written.capacity ? { capacity: written.capacity } : {}),
  };
  if (!context.dryRun) await rememberRun(lastRuns, inputs, workbook, result, startDigests);
  return result;
}

async function openRun(options: AggregateOptions, local: RegistryFile | undefined): Promise<RunContext> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const workbook = await openWorkbook(options.workbook ?? { kind: 'local', dir: join(options.outDir, 'workbook') });
  const { registry, baseDir, rows: registryRows } = await loadRegistry(local, workbook);
  // An empty or unreadable registry must never empty the master.
  if (registry.entries.length === 0) throw new RegistryFileError(noUsableSources(registry));
  return {
    options, workbook, registry, registryRows, baseDir, started, now, dryRun: options.dryRun ?? false,
    readers: { ...defaultReaders(), ...options.readers },
    snapshots: new SnapshotStore(join(options.outDir, 'cache', 'sources')),
    active: registry.entries.filter((entry) => entry.active),
    signed: new Set(registry.entries.filter((entry) => entry.agreement === 'signed').map((entry) => entry.key)),
  };
}

/** Duplicate alerts for the Review tab: pairs a Slack outage kept from being announced go out at the next run. */
function announce(context: RunContext, review: readonly ReviewItem[]): Promise<AlertOutcome> {
  const { options } = context;
  return alertStage({
    workbook: context.workbook, review, outDir: options.outDir, env: options.env ?? process.env,
    log: options.alertLog ?? ((line) => process.stderr.write(`${line}\n`)),
  });
}

/** The validated records of every source, and which sources or rows cannot speak for themselves this run. */
interface RecordPool {
  readonly records: Map<string, Record>;
  readonly heldBack: Set<string>;
  /** Sources with nothing usable this run (failed without snapshot, or unusable headers). */
  readonly unavailable: Set<string>;
  /** Sources whose rows are their last good read. */
  readonly stale: Set<string>;
}

function recordPool(validated: readonly ValidatedSource[]): RecordPool {
  const pool: RecordPool = { records: new Map(), heldBack: new Set(), unavailable: new Set(), stale: new Set() };
  for (const source of validated) {
    if (source.fatal || source.outcome.state === 'failed') pool.unavailable.add(source.outcome.entry.key);
    if (source.outcome.state === 'stale') pool.stale.add(source.outcome.entry.key);
    for (const record of source.records) pool.records.set(record.id, record);
    for (const record of source.heldBack) pool.heldBack.add(record.id);
  }
  return pool;
}

interface Found {
  readonly repointed: ReturnType<typeof repointMerges>;
  readonly dedup: DedupOutcome;
  readonly merged: ReturnType<typeof mergeStage>;
  readonly placed: Awaited<ReturnType<typeof geocodeStage>>;
  readonly geocoder: Geocoder;
}

/**
 * Dedup across every source and the master rows that cannot be re-read, people's decisions
 * honoured; merge into entities keeping ids stable; geocode. Merges made inside a source move
 * the loser's master row onto the survivor's first. Adds carried master rows to `pool.records`.
 */
async function findOrganizations(context: RunContext, input: {
  readonly outcomes: readonly SourceOutcome[]; readonly validated: readonly ValidatedSource[];
  readonly pool: RecordPool; readonly previous: StartingTabs;
}): Promise<Found> {
  const { options, started } = context;
  const { records } = input.pool;
  const repointed = repointMerges(input.previous.master, mergedRecords(input.outcomes), iso(started));
  const carry = carryOver({ previous: repointed.previous, live: new Set(records.keys()), unavailable: input.pool.unavailable,
    heldBack: input.pool.heldBack });
  for (const record of carry.records) records.set(record.id, record);
  options.onProgress?.(`Finding duplicates among ${records.size} records`, 0, 1);
  const sourceLinks = repointed.links.filter((link) => records.has(link.a) && records.has(link.b));
  const dedup = await (options.deduper ?? engineDeduper())(dedupInput(records, input.validated),
    [...input.previous.decisions, ...sourceLinks]);
  const merged = mergeStage({
    clusters: dedup.clusters, records, carry, signed: context.signed, stale: input.pool.stale,
    sourceOrder: context.registry.entries.map((entry) => entry.key), changedAt: changedAtFor(input.validated.map((source) => source.outcome)),
  });
  const geocoder = options.geocoder ?? new CachedGeocoder(new ZipCentroidGeocoder(), join(options.outDir, 'cache', 'geocode.json'));
  const placed = await geocodeStage(merged.entities, geocoder);
  return { repointed, dedup, merged, placed, geocoder };
}

function reviewOf(context: RunContext, found: Found, records: ReadonlyMap<string, Record>, previous: StartingTabs): ReviewItem[] {
  const dccIdOf = new Map<string, string>();
  for (const entity of found.merged.entities) for (const member of entity.members) dccIdOf.set(member, entity.dccId);
  const entryByKey = new Map(context.registry.entries.map((entry) => [entry.key, entry]));
  return reviewStage({
    pairs: found.dedup.review, records, previous: previous.review, decisions: previous.decisions, dccIdOf, now: context.started,
    linkTo: (record) => {
      const entry = entryByKey.get(record.source);
      return entry ? context.readers[entry.kind].linkTo(entry, record.row, record.values.source_id) : '';
    },
  });
}

function runLine(context: RunContext, input: {
  readonly sourceReports: readonly SourceReport[]; readonly pool: RecordPool; readonly merged: Found['merged'];
  readonly master: readonly MasterRow[]; readonly review: readonly ReviewItem[];
}): RunRow {
  const { registry, started } = context;
  const errors = [
    ...registry.problems.map((problem) => `registry row ${problem.row}${problem.key ? ` (${problem.key})` : ''}: ${problem.message}`),
    ...input.sourceReports.filter((report) => report.message).map((report) => `${report.key}: ${report.message}`),
  ];
  const staleSources = [...new Set([...input.pool.stale, ...input.pool.unavailable])];
  return {
    run_id: runId(started),
    started_at: iso(started),
    finished_at: iso(context.now()),
    status: context.dryRun ? 'dry-run' : errors.length || staleSources.length ? 'partial' : 'ok',
    sources: context.active.length,
    records_read: input.sourceReports.reduce((sum, report) => sum + report.records, 0),
    held_back: input.pool.heldBack.size,
    merged: input.merged.entities.reduce((sum, entity) => sum + entity.members.length - 1, 0),
    new: input.merged.entities.filter((entity) => entity.isNew).length,
    master_rows: input.master.length,
    review_open: input.review.filter((item) => item.status === 'open').length,
    stale_sources: staleSources,
    errors,
  };
}

interface Written {
  readonly files?: PublishedFiles;
  readonly alerts?: AlertOutcome;
  readonly capacity?: WorkbookCapacity;
}

/**
 * Writes the run: the tabs that changed (the master first: if anything after it fails, the next
 * run starts from a whole master), the sources' snapshots and caches, the public files, the Runs
 * line, then the alerts.
 */
async function writeRun(context: RunContext, input: {
  readonly master: readonly MasterRow[]; readonly review: readonly ReviewItem[]; readonly previous: StartingTabs;
  readonly run: RunRow; readonly found: Found; readonly validated: readonly ValidatedSource[]; readonly validations: ValidationCache;
}): Promise<Written> {
  const { options, workbook, registry, registryRows } = context;
  await writeChangedTabs(workbook, {
    master: input.master, previousMaster: input.previous.master, review: input.review, previousReview: input.previous.review,
    sources: options.registryPath ? (registryRows.length ? registryRows : registryToRows(registry.entries)) : undefined,
  });
  // What each source's rows were, for the next run's change checks and fallbacks, once the master that used them is written.
  for (const { outcome } of input.validated) if (outcome.snapshot) context.snapshots.put(outcome.entry.key, outcome.snapshot);
  input.validations.save(new Set(context.active.map((entry) => entry.key)));
  if (input.found.geocoder instanceof CachedGeocoder) input.found.geocoder.save();
  const files = await writePublicFiles(join(options.outDir, 'public'), input.master, { generatedAt: iso(context.started),
    sources: credits(registry.entries), sourceCountries: sourceCountries(registry.entries), cacheDir: join(options.outDir, 'cache') });
  await workbook.appendRun(input.run);
  // Only for the summary: a failure to measure must not fail a run whose writes are done.
  const capacity = await workbook.capacity?.().catch(() => undefined);
  const alerts = await announce(context, input.review);
  return { files, alerts, ...(capacity ? { capacity } : {}) };
}

/**
 * Writes each tab only when its content differs from what the run read at its start: a run
 * where one source changed rewrites the master, not an unchanged Review or Sources tab. The
 * master goes first: if anything after it fails, the next run starts from a whole master.
 */
async function writeChangedTabs(workbook: Workbook, tabs: {
  readonly master: readonly MasterRow[]; readonly previousMaster: readonly MasterRow[];
  readonly review: readonly ReviewItem[]; readonly previousReview: readonly ReviewItem[];
  readonly sources?: readonly (readonly string[])[];
}): Promise<void> {
  // An empty tab is always written: cheap, and it may not exist yet.
  const same = (a: readonly unknown[], b: readonly unknown[]): boolean => b.length > 0
    && a.length === b.length && a.every((item, index) => JSON.stringify(item) === JSON.stringify(b[index]));
  if (!same(tabs.master, tabs.previousMaster)) await workbook.writeMaster(tabs.master);
  // Decisions read again just before: one recorded during the run has marked its Review row already,
  // and rewriting the tab from what the run started with would undo that mark until the next run.
  if (!same(tabs.review, tabs.previousReview)) await workbook.writeReview(withDecisions(tabs.review, await workbook.readDecisions()));
  if (tabs.sources && !same(tabs.sources, await workbook.readSources())) await workbook.writeSources(tabs.sources);
}

/**
 * Records what this run left behind, as the next run will find it in the workbook, so that an
 * idle next run can be recognised (see idle-run.ts).
 */
async function rememberRun(lastRuns: LastRunStore<AggregateResult>, inputs: string, workbook: Workbook,
  result: AggregateResult, started: TabDigests): Promise<void> {
  const { alerts: _alerts, ...kept } = result;
  lastRuns.save(inputs, await tabsAfterRun(workbook, started), kept);
}

/**
 * A run with the same inputs and workbook as the last full run: its result again, with this
 * run's line (appended to Runs unless dry) and this run's reading of each source.
 */
async function idleRun(last: AggregateResult, outcomes: readonly SourceOutcome[],
  context: RunContext & { readonly alerts: () => Promise<AlertOutcome> },
): Promise<AggregateResult> {
  const byKey = new Map(outcomes.map((outcome) => [outcome.entry.key, outcome]));
  const sources = last.sources.map((report): SourceReport => {
    const outcome = byKey.get(report.key);
    return outcome ? { ...report, state: report.state === 'unusable' ? 'unusable' : outcome.state, requests: outcome.requests } : report;
  });
  const run: RunRow = {
    ...last.run, run_id: runId(context.started), started_at: iso(context.started), finished_at: iso(context.now()),
    status: context.dryRun ? 'dry-run' : last.run.status === 'dry-run' ? 'ok' : last.run.status,
  };
  // The public files are as the last run left them: this run wrote none of them.
  const files = last.files ? { ...last.files, murmurations: { ...last.files.murmurations, written: 0, removed: 0 } } : undefined;
  if (context.dryRun) return { ...last, run, dryRun: true, sources, ...(files ? { files } : {}) };
  await context.workbook.appendRun(run);
  return { ...last, run, dryRun: false, sources, ...(files ? { files } : {}), alerts: await context.alerts() };
}

/** Every record dedup sees, with the source's own value for match fields validation dropped (see match-values.ts). */
function dedupInput(records: ReadonlyMap<string, Record>, validated: readonly ValidatedSource[]): Record[] {
  const forMatching = new Map<string, Record>();
  for (const source of validated) for (const record of matchRecords(source.records, source.dropped)) forMatching.set(record.id, record);
  return [...records.values()].map((record) => forMatching.get(record.id) ?? record);
}

/**
 * `source_id` is public in the spec: the ids the owners keep for this organization, each as
 * `source:id` since an entity may come from several sources. Only ids from an id column count (a row
 * number is no id), and on a published row only those of signed sources.
 */
function sourceIdsOf(entity: MasterEntity, signed: ReadonlySet<string>): string | undefined {
  const ids = new Set<string>();
  const shown = (source: string): boolean => !entity.publishable || signed.has(source);
  for (const record of entity.records) {
    if (record.source === MASTER_SOURCE) {
      for (const id of splitList(record.values.source_id ?? '')) if (shown(id.slice(0, id.indexOf(':')))) ids.add(id);
      continue;
    }
    const id = record.values.source_id?.trim();
    if (id && shown(record.source)) ids.add(`${record.source}:${id}`);
  }
  return ids.size > 0 ? joinList([...ids].sort()) : undefined;
}

function toMasterRow(entity: MasterEntity, previousById: ReadonlyMap<string, MasterRow>, now: Date, signed: ReadonlySet<string>): MasterRow {
  const row: MasterRow = {
    dcc_id: entity.dccId,
    values: publicValues({ ...entity.values, source_id: sourceIdsOf(entity, signed) }),
    sources: entity.sources,
    members: entity.members,
    updated: iso(now),
    retired_ids: entity.retiredIds,
    stale_sources: entity.staleSources,
    publishable: entity.publishable,
  };
  const previous = previousById.get(entity.dccId);
  return previous && sameRow(previous, row) ? { ...row, updated: previous.updated } : row;
}

function sourceCountries(entries: readonly RegistryEntry[]): Map<string, string> {
  return new Map(entries.flatMap((entry) => (entry.country ? [[entry.key, entry.country] as const] : [])));
}

function credits(entries: readonly RegistryEntry[]): SourceCredit[] {
  return entries.filter((entry) => entry.agreement === 'signed')
    .map((entry) => ({ key: entry.key, name: entry.name, attribution: entry.attribution || entry.name, license: entry.license }));
}

function reportSources(registry: Registry, validated: readonly ValidatedSource[]): SourceReport[] {
  const byKey = new Map(validated.map((source) => [source.outcome.entry.key, source]));
  return registry.entries.map((entry): SourceReport => {
    const base = {
      key: entry.key, name: entry.name, kind: entry.kind, agreement: entry.agreement, published: entry.agreement === 'signed',
    };
    const source = byKey.get(entry.key);
    if (!source) return { ...base, state: 'inactive', records: 0, heldBack: 0, errors: 0, warnings: 0, requests: 0, problems: [] };
    const errors = source.findings.filter((finding) => finding.severity === 'error');
    const message = source.fatal
      ? `${source.outcome.state === 'stale' ? 'earlier rows kept: ' : ''}${source.fatal}`
      : source.outcome.error
        ? `${source.outcome.state === 'stale' ? 'failed, earlier rows kept' : 'failed, no earlier rows'}: ${source.outcome.error}`
        : undefined;
    return {
      ...base,
      state: source.fatal ? 'unusable' : source.outcome.state,
      records: source.records.length + source.heldBack.length,
      heldBack: source.heldBack.length,
      errors: errors.length,
      warnings: source.findings.length - errors.length,
      requests: source.outcome.requests,
      ...(message ? { message } : {}),
      // A reader may skip parts of a source it could not use (a Murmurations profile that would not download): say so.
      problems: [...(source.outcome.state === 'read' && source.outcome.extra?.skipped ? [source.outcome.extra.skipped] : []),
        ...errors.slice(0, 5).map((finding) => `row ${finding.row}: ${finding.message}`)],
    };
  });
}
