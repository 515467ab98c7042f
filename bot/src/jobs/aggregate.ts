/**
 * The aggregation job: every registered source → one deduplicated master, published.
 *
 *   read → validate (map headers, normalize) → dedup (all sources + decisions) → merge (stable ids)
 *   → geocode → privacy filter → write workbook → publish
 *
 * Each stage is a module in ./stages. The job holds a lock on the output folder, never deletes
 * what it cannot re-read, and writes every file through a temp file and a rename.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCsv } from '../../../shared/read/csv';
import { publicValues, type SourceCredit } from '../../../shared/publish';
import type { Record } from '../../../shared/schema';
import { CachedGeocoder } from '../geocode/cached';
import type { Geocoder } from '../geocode/types';
import { ZipCentroidGeocoder } from '../geocode/zip-centroid';
import { acquireRunLock } from '../io/lock';
import { readRegistry, registryToRows, type Registry, type RegistryEntry } from '../registry/registry';
import { defaultReaders, SnapshotStore, type SourceReaders } from '../sources';
import { openWorkbook } from '../workbook';
import type { MasterRow, RunRow, Workbook, WorkbookCapacity, WorkbookLocation } from '../workbook/types';
import { engineDeduper, type Deduper } from './stages/dedup';
import { geocodeStage } from './stages/geocode';
import { carryOver, mergeStage, type Entity } from './stages/merge';
import { writePublicFiles, type PublishedFiles } from './stages/publish';
import { readSources, type SourceOutcome, type SourceState } from './stages/read';
import { reviewStage } from './stages/review';
import { alertStage, type AlertOutcome } from './stages/alert';
import { validateSource, type ValidatedSource } from './stages/validate';

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

/** When a record last changed, for survivorship: CiviCRM's modified_date, else its source's modification time. */
function changedAtFor(outcomes: readonly SourceOutcome[]): (record: Record) => string {
  const bySource = new Map(outcomes.map((outcome) => [outcome.entry.key, outcome.extra?.modifiedTime ?? '']));
  return (record) => (record.extra['(modified_date)'] ?? '').replace(' ', 'T') || bySource.get(record.source) || '';
}

function sameRow(a: MasterRow, b: MasterRow): boolean {
  const key = (row: MasterRow): string => JSON.stringify([row.values, row.members, row.sources, row.publishable !== false]);
  return key(a) === key(b);
}

function loadRegistry(options: AggregateOptions, workbook: Workbook): Promise<{ registry: Registry; baseDir: string; rows: string[][] }> {
  if (options.registryPath) {
    const path = resolve(options.registryPath);
    if (!existsSync(path)) throw new Error(`registry not found: ${path}`);
    const rows = parseCsv(readFileSync(path, 'utf8'));
    return Promise.resolve({ registry: readRegistry(rows), baseDir: dirname(path), rows });
  }
  return workbook.readSources().then((rows) => ({ registry: readRegistry(rows), baseDir: process.cwd(), rows }));
}

export async function runAggregate(options: AggregateOptions): Promise<AggregateResult> {
  const outDir = resolve(options.outDir);
  const release = await acquireRunLock(outDir, options.waitMs ?? 0);
  try {
    return await aggregateLocked({ ...options, outDir });
  } finally {
    await release().catch(() => undefined);
  }
}

async function aggregateLocked(options: AggregateOptions): Promise<AggregateResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const dryRun = options.dryRun ?? false;
  const workbook = await openWorkbook(options.workbook ?? { kind: 'local', dir: join(options.outDir, 'workbook') });
  const { registry, baseDir, rows: registryRows } = await loadRegistry(options, workbook);
  if (registry.entries.length === 0) {
    // An empty or unreadable registry must never empty the master.
    const why = registry.problems.slice(0, 3).map((problem) => `row ${problem.row}: ${problem.message}`).join('; ');
    throw new Error(`the registry has no usable sources, so nothing was done${why ? ` (${why})` : ''}`);
  }
  const readers: SourceReaders = { ...defaultReaders(), ...options.readers };
  const snapshots = new SnapshotStore(join(options.outDir, 'cache', 'sources'));
  const active = registry.entries.filter((entry) => entry.active);
  const signed = new Set(registry.entries.filter((entry) => entry.agreement === 'signed').map((entry) => entry.key));

  // read
  const outcomes = await readSources(active, {
    readers, snapshots, baseDir, env: options.env, now: started, concurrency: options.concurrency,
    onSource: (outcome, done, total) => options.onProgress?.(`Reading sources (${outcome.entry.key})`, done, total),
  });

  // map headers, validate, normalize
  const validated: ValidatedSource[] = outcomes.map((outcome) => {
    const checked = validateSource(outcome, started);
    if (!checked.fatal || outcome.state === 'stale' || outcome.state === 'failed') return checked;
    // Unusable headers this time: fall back on the last good rows, and never store the broken ones.
    const previous = snapshots.get(outcome.entry.key);
    const fallback = previous && validateSource({ ...outcome, state: 'stale', rows: previous.rows, snapshot: undefined,
      error: checked.fatal }, started);
    if (fallback && !fallback.fatal) return { ...fallback, findings: checked.findings, fatal: undefined };
    return { ...checked, outcome: { ...outcome, snapshot: undefined } };
  });
  const records = new Map<string, Record>();
  const heldBack = new Set<string>();
  const unavailable = new Set<string>();
  for (const source of validated) {
    if (source.fatal || source.outcome.state === 'failed') unavailable.add(source.outcome.entry.key);
    for (const record of source.records) records.set(record.id, record);
    for (const record of source.heldBack) heldBack.add(record.id);
  }
  const stale = new Set(validated.filter((source) => source.outcome.state === 'stale').map((source) => source.outcome.entry.key));

  // dedup across every source and the master rows that cannot be re-read, people's decisions honoured
  const previousMaster = await workbook.readMaster();
  const carry = carryOver({ previous: previousMaster, live: new Set(records.keys()), unavailable, heldBack });
  for (const record of carry.records) records.set(record.id, record);
  options.onProgress?.(`Finding duplicates among ${records.size} records`, 0, 1);
  const decisions = await workbook.readDecisions();
  const dedup = await (options.deduper ?? engineDeduper())([...records.values()], decisions);

  // merge, keeping ids stable
  const merged = mergeStage({
    clusters: dedup.clusters, records, carry, signed, stale,
    sourceOrder: registry.entries.map((entry) => entry.key), changedAt: changedAtFor(outcomes),
  });

  // geocode
  const geocoder = options.geocoder ?? new CachedGeocoder(new ZipCentroidGeocoder(), join(options.outDir, 'cache', 'geocode.json'));
  const placed = await geocodeStage(merged.entities, geocoder);

  // privacy filter, then the master as it will be written
  const previousById = new Map(previousMaster.map((row) => [row.dcc_id, row]));
  const master = merged.entities.map((entity) => toMasterRow(entity, previousById, started))
    .sort((a, b) => (a.dcc_id < b.dcc_id ? -1 : a.dcc_id > b.dcc_id ? 1 : 0));

  const dccIdOf = new Map<string, string>();
  for (const entity of merged.entities) for (const member of entity.members) dccIdOf.set(member, entity.dccId);
  const entryByKey = new Map(registry.entries.map((entry) => [entry.key, entry]));
  const review = reviewStage({
    pairs: dedup.review, records, previous: await workbook.readReview(), decisions, dccIdOf, now: started,
    linkTo: (record) => {
      const entry = entryByKey.get(record.source);
      return entry ? readers[entry.kind].linkTo(entry, record.row, record.values.source_id) : '';
    },
  });

  const sourceReports = reportSources(registry, validated);
  const errors = [
    ...registry.problems.map((problem) => `registry row ${problem.row}${problem.key ? ` (${problem.key})` : ''}: ${problem.message}`),
    ...sourceReports.filter((report) => report.message).map((report) => `${report.key}: ${report.message}`),
  ];
  const staleSources = [...new Set([...stale, ...unavailable])];
  const heldBackSources = active.filter((entry) => !signed.has(entry.key)).map((entry) => entry.key);
  const run: RunRow = {
    run_id: runId(started),
    started_at: iso(started),
    finished_at: iso(now()),
    status: dryRun ? 'dry-run' : errors.length || staleSources.length ? 'partial' : 'ok',
    sources: active.length,
    records_read: sourceReports.reduce((sum, report) => sum + report.records, 0),
    held_back: heldBack.size,
    merged: merged.entities.reduce((sum, entity) => sum + entity.members.length - 1, 0),
    new: merged.entities.filter((entity) => entity.isNew).length,
    master_rows: master.length,
    review_open: review.filter((item) => item.status === 'open').length,
    stale_sources: staleSources,
    errors,
  };

  let files: PublishedFiles | undefined;
  let alerts: AlertOutcome | undefined;
  let capacity: WorkbookCapacity | undefined;
  if (!dryRun) {
    // The master first: if anything after it fails, the next run starts from a whole master.
    await workbook.writeMaster(master);
    await workbook.writeReview(review);
    if (options.registryPath) await workbook.writeSources(registryRows.length ? registryRows : registryToRows(registry.entries));
    for (const { outcome } of validated) if (outcome.snapshot) snapshots.put(outcome.entry.key, outcome.snapshot);
    if (geocoder instanceof CachedGeocoder) geocoder.save();
    files = writePublicFiles(join(options.outDir, 'public'), master, { generatedAt: iso(started), sources: credits(registry.entries) });
    await workbook.appendRun(run);
    // Only for the summary: a failure to measure must not fail a run whose writes are done.
    capacity = await workbook.capacity?.().catch(() => undefined);
    alerts = await alertStage({
      workbook, review, outDir: options.outDir, env: options.env ?? process.env,
      log: options.alertLog ?? ((line) => process.stderr.write(`${line}\n`)),
    });
  }

  return {
    run, dryRun, registryProblems: registry.problems, sources: sourceReports, masterRows: master.length,
    published: master.filter((row) => row.publishable !== false).length, newRows: run.new, mergedRecords: run.merged,
    removed: merged.removed.length, carried: merged.carried, geocoded: placed.geocoded, unplaced: placed.unplaced,
    reviewOpen: run.review_open, staleSources, heldBackSources, ...(files ? { files } : {}), workbook: workbook.location,
    ...(alerts ? { alerts } : {}), ...(capacity ? { capacity } : {}),
  };
}

function toMasterRow(entity: Entity, previousById: ReadonlyMap<string, MasterRow>, now: Date): MasterRow {
  const row: MasterRow = {
    dcc_id: entity.dccId,
    // A source's own row id means nothing for a merged entity; `members` keeps every one.
    values: publicValues({ ...entity.values, source_id: undefined }),
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
      problems: errors.slice(0, 5).map((finding) => `row ${finding.row}: ${finding.message}`),
    };
  });
}
