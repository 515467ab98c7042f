/**
 * Dedup figures: quality (pairwise precision / recall / F1 against the generator's answer key),
 * speed and peak memory at 100k and 1M records, and fuzzball's all-pairs `dedupe` side by side.
 *
 *   npm run bench -- dedup                      everything
 *   DEDUP_BENCH=quality npm run bench -- dedup  one part: quality, hash, job, scale, fuzzball, micro
 *   DEDUP_BENCH_SIZES=100000 …                  scale sizes (default 100000,1000000)
 *
 * Data comes from bench/data-gen/gen-orgs.mjs into bench/data/ (gitignored), generated once.
 * The engine never sees `entity_id`: the column is removed before records are built.
 *
 * Quality is printed for the engine as it is and, side by side, for the engine at
 * DEDUP_BASELINE_REF (a git commit; default: the last commit before the harder-duplicates work),
 * extracted with `git archive` into bench/data/. DEDUP_BASELINE_REF=none leaves it out.
 *
 * `hash` prints, per quality set, the md5 of what dedupe decided (pairs as [a, b,
 * matchProbability to 9 places, gamma], clusters as [id, recordIds, weakestLink]; the recipe of
 * the output-hash check) and the engine's time, beside the same for DEDUP_BASELINE_REF: a
 * refactoring must leave the hashes equal (DEDUP_BASELINE_REF=main compares with main).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distance } from 'fastest-levenshtein';
import * as fuzz from 'fuzzball';
import { runAggregate } from '../bot/src/jobs/aggregate';
import { openWorkbook } from '../bot/src/workbook';
import { dedupe, jaroScratch, jaroWinkler, withinOneEdit } from '../shared/dedup';
import { parseCsv } from '../shared/read/csv';
import { rowsToRecords } from '../shared/read/records';
import type { Record } from '../shared/schema/record';
import { organizations, record } from '../test/shared/dedup/helpers';

const repoRoot = resolve(__dirname, '..');
const dataRoot = join(repoRoot, 'bench/data');
/** Records per entity in the generator's output, measured: 2,000 entities give about 4,300 records. */
const RECORDS_PER_ENTITY = 2.19;

/** The engine before the harder-duplicates work (name forms, localities, branches, shared buildings). */
const DEFAULT_BASELINE_REF = '76c7929';

function generator(): string {
  return join(repoRoot, 'bench/data-gen/gen-orgs.mjs');
}

function dataset(name: string, args: readonly string[]): string {
  const dir = join(dataRoot, name);
  const file = join(dir, 'all.csv');
  if (!existsSync(file)) {
    const result = spawnSync(process.execPath, [generator(), ...args, '--out', dir], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`gen-orgs failed: ${result.stderr}`);
  }
  return file;
}

interface Labelled {
  readonly records: Record[];
  /** Entity by record id, read from the answer key; the engine never sees it. */
  readonly entityOf: Map<string, string>;
}

function load(file: string, limit = Infinity): Labelled {
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const header = rows[0] ?? [];
  const entityColumn = header.indexOf('entity_id');
  const kept = rows.slice(0, Math.min(rows.length, limit + 1));
  const withoutKey = entityColumn < 0 ? kept : kept.map((row) => row.filter((_, index) => index !== entityColumn));
  const { records } = rowsToRecords(withoutKey, { source: 'all', headerRowIndex: 0 });
  const entityOf = new Map<string, string>();
  if (entityColumn >= 0) records.forEach((record) => entityOf.set(record.id, kept[record.row - 1]?.[entityColumn] ?? ''));
  return { records, entityOf };
}

interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
}

/** Pairwise scores from group sizes, as the generator's README describes: no pair enumeration. */
function pairwiseScores(clusterOf: ReadonlyMap<string, string>, entityOf: ReadonlyMap<string, string>): Scores {
  const count = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  const byEntity = new Map<string, number>();
  const byCluster = new Map<string, number>();
  const byBoth = new Map<string, number>();
  for (const [id, cluster] of clusterOf) {
    const entity = entityOf.get(id) ?? `?${id}`;
    count(byEntity, entity);
    count(byCluster, cluster);
    count(byBoth, `${entity}\u0000${cluster}`);
  }
  const pairs = (map: Map<string, number>): number => [...map.values()].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  const truePairs = pairs(byEntity);
  const predictedPairs = pairs(byCluster);
  const tp = pairs(byBoth);
  const precision = predictedPairs === 0 ? 1 : tp / predictedPairs;
  const recall = truePairs === 0 ? 1 : tp / truePairs;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    truePairs, predictedPairs };
}

const loadAverage = (): string => loadavg().map((value) => value.toFixed(1)).join(', ');
const fixed = (value: number, digits = 4): string => value.toFixed(digits);
const thousands = (value: number): string => Math.round(value).toLocaleString('en-US');

type DedupeFn = typeof dedupe;

/** The engine at `ref`, from git, or undefined (with the reason printed) when it cannot be had. */
async function baselineEngine(ref: string): Promise<DedupeFn | undefined> {
  const dir = join(dataRoot, `engine-${ref}`);
  try {
    if (!existsSync(join(dir, 'shared/dedup/index.ts'))) {
      mkdirSync(dir, { recursive: true });
      const archive = execFileSync('git', ['archive', ref, 'shared'], { cwd: repoRoot, maxBuffer: 1 << 28 });
      execFileSync('tar', ['-x', '-C', dir], { input: archive });
    }
    return ((await import(join(dir, 'shared/dedup/index.ts'))) as { dedupe: DedupeFn }).dedupe;
  } catch (error) {
    console.log(`(baseline engine at ${ref} unavailable: ${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
}

interface QualitySet {
  readonly name: string;
  readonly data: () => Labelled;
}

/** A fixture file with its answer key (test/fixtures/dedup/truth.csv), record ids `<file>:<row>`. */
function fixture(file: string): Labelled {
  const dir = join(repoRoot, 'test/fixtures/dedup');
  const { records } = rowsToRecords(parseCsv(readFileSync(join(dir, file), 'utf8')), { source: file, headerRowIndex: 0 });
  const entityOf = new Map<string, string>();
  for (const [name, row, entity] of parseCsv(readFileSync(join(dir, 'truth.csv'), 'utf8')).slice(1)) {
    if (name === file) entityOf.set(`${file}:${row}`, entity ?? '');
  }
  return { records, entityOf };
}

/** The fixtures among the same 300 background organizations (60 listed twice) that the engine's tests use. */
function withBackground(sets: readonly Labelled[]): Labelled {
  const background = organizations(300, 5);
  const records = [
    ...background.map((values, i) => record(`bg:${i}`, values)),
    ...background.slice(0, 60).map((values, i) => record(`bg2:${i}`, { ...values, name: values.name?.toUpperCase(), phone: '' })),
    ...sets.flatMap((set) => set.records),
  ];
  const entityOf = new Map<string, string>(sets.flatMap((set) => [...set.entityOf]));
  records.forEach((r) => {
    if (!entityOf.has(r.id)) entityOf.set(r.id, `bg${r.id.split(':')[1]}`);
  });
  return { records, entityOf };
}

function qualitySets(): QualitySet[] {
  const generated = (hard: string, seed: string): QualitySet => ({
    name: `gen-orgs 2000 entities, seed ${seed}, --hard ${hard}`,
    data: () => load(dataset(`quality-2000-seed${seed}${hard === 'v1' ? '' : `-${hard}`}`,
      ['--entities', '2000', '--seed', seed, ...(hard === 'v1' ? [] : ['--hard', hard])])),
  });
  return [
    { name: 'fixture orgs.csv', data: () => fixture('orgs.csv') },
    { name: 'fixture hard.csv', data: () => fixture('hard.csv') },
    { name: 'fixtures + 360 background rows', data: () => withBackground([fixture('orgs.csv'), fixture('hard.csv')]) },
    generated('v1', '1'), generated('v1', '2'), generated('v2', '1'), generated('v2', '2'),
  ];
}

async function quality(): Promise<void> {
  const ref = process.env.DEDUP_BASELINE_REF ?? DEFAULT_BASELINE_REF;
  const before = ref === 'none' ? undefined : await baselineEngine(ref);
  console.log(`\n### Quality: pairwise precision / recall / F1, before (engine at ${ref}) and now`);
  console.log('| set | records | true pairs | before P | before R | before F1 | P | R | F1 | candidate pairs | time |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const set of qualitySets()) {
    const { records, entityOf } = set.data();
    const old = before ? pairwiseScores(before(records).clusterOf, entityOf) : undefined;
    const start = performance.now();
    const result = dedupe(records);
    const ms = performance.now() - start;
    const scores = pairwiseScores(result.clusterOf, entityOf);
    const was = old ? `${fixed(old.precision)} | ${fixed(old.recall)} | ${fixed(old.f1)}` : '– | – | –';
    console.log(`| ${set.name} | ${thousands(records.length)} | ${thousands(scores.truePairs)} | ${was} | ${fixed(scores.precision)} `
      + `| ${fixed(scores.recall)} | ${fixed(scores.f1)} | ${thousands(result.stats.candidatePairs)} | ${thousands(ms)} ms |`);
  }
}

/** md5 of a result's pairs and clusters; see the header. */
function outputHash(result: ReturnType<DedupeFn>): string {
  const hash = createHash('md5');
  hash.update(JSON.stringify(result.pairs.map((p) => [p.a, p.b, p.matchProbability.toFixed(9), p.gamma.join('')])));
  hash.update(JSON.stringify(result.clusters.map((c) => [c.id, c.recordIds, c.weakestLink])));
  return hash.digest('hex');
}

async function outputHashes(): Promise<void> {
  const ref = process.env.DEDUP_BASELINE_REF ?? DEFAULT_BASELINE_REF;
  const before = ref === 'none' ? undefined : await baselineEngine(ref);
  const run = (engine: DedupeFn, records: Record[]): string => {
    const start = performance.now();
    const result = engine(records);
    const ms = performance.now() - start;
    return `${outputHash(result)} | ${thousands(ms)} ms`;
  };
  console.log(`\n### Output hash and time, before (engine at ${ref}) and now`);
  console.log('| set | records | before hash | before time | hash | time |');
  console.log('|---|---|---|---|---|---|');
  for (const set of qualitySets()) {
    const { records } = set.data();
    const was = before ? run(before, records) : '– | –';
    console.log(`| ${set.name} | ${thousands(records.length)} | ${was} | ${run(dedupe, records)} |`);
  }
}

interface ChildFigures {
  readonly records: number;
  readonly readMs: number;
  readonly dedupeMs: number;
  /** CPU time of the dedupe call, all threads (GC included): on a busy machine wall time overstates. */
  readonly dedupeCpuMs: number;
  readonly candidatePairs: number;
  readonly clusters: number;
  readonly peakRssMb: number;
  readonly heapUsedMb: number;
}

/** Runs in a child process so that its peak RSS is the engine's alone (plus reading the CSV). */
async function child(file: string, engine?: string): Promise<void> {
  const run = engine ? ((await import(engine)) as { dedupe: DedupeFn }).dedupe : dedupe;
  const readStart = performance.now();
  const { records } = load(file);
  const readMs = performance.now() - readStart;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = run(records);
  const dedupeMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const figures: ChildFigures = { records: records.length, readMs, dedupeMs, dedupeCpuMs: (used.user + used.system) / 1000,
    candidatePairs: result.stats.candidatePairs,
    clusters: result.clusters.length, peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: process.memoryUsage().heapUsed / 1048576 };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

async function scale(): Promise<void> {
  const sizes = (process.env.DEDUP_BENCH_SIZES ?? '100000,1000000').split(',').map(Number).filter((n) => n > 0);
  const ref = process.env.DEDUP_BASELINE_REF ?? DEFAULT_BASELINE_REF;
  // The baseline runs first at each size, then this engine: the same machine load for both, near enough.
  const baseline = ref !== 'none' && (await baselineEngine(ref)) ? join(dataRoot, `engine-${ref}`, 'shared/dedup/index.ts') : undefined;
  console.log('\n### Speed and memory (gen-orgs --scale-only, child process per size and engine)');
  console.log(`load average at start: ${loadAverage()}`);
  console.log('| records | engine | dedupe wall time | dedupe CPU time | read CSV | candidate pairs | pairs / record | clusters | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const size of sizes) {
    const entities = String(Math.round(size / RECORDS_PER_ENTITY));
    const file = dataset(`scale-${size}`, ['--entities', entities, '--seed', '1', '--scale-only']);
    const figures: ChildFigures[] = [];
    for (const engine of baseline ? [baseline, undefined] : [undefined]) {
      const label = engine ? `before (${ref})` : 'now';
      const run = spawnSync(process.execPath, ['--max-old-space-size=16384', '--max-semi-space-size=64', '--import', 'tsx',
        __filename, '--dedup-child', file, ...(engine ? ['--engine', engine] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (run.status !== 0) {
        console.log(`| ${thousands(size)} | ${label} | failed: ${(run.stderr || '').split('\n').slice(0, 3).join(' ')} |`);
        continue;
      }
      const row = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as ChildFigures;
      figures.push(row);
      console.log(`| ${thousands(row.records)} | ${label} | ${thousands(row.dedupeMs)} ms | ${thousands(row.dedupeCpuMs)} ms `
        + `| ${thousands(row.readMs)} ms `
        + `| ${thousands(row.candidatePairs)} | ${(row.candidatePairs / row.records).toFixed(1)} `
        + `| ${thousands(row.clusters)} | ${thousands(row.peakRssMb)} MB |`);
    }
    const [before, now] = figures;
    if (before && now && figures.length === 2) {
      console.log(`| ${thousands(size)} | now / before | ${(now.dedupeMs / before.dedupeMs).toFixed(2)} `
        + `| ${(now.dedupeCpuMs / before.dedupeCpuMs).toFixed(2)} | | | | | ${(now.peakRssMb / before.peakRssMb).toFixed(2)} |`);
    }
  }
}

function fuzzballSideBySide(): void {
  const size = Number(process.env.DEDUP_BENCH_FUZZBALL_N ?? 5000);
  const file = dataset('fuzzball-seed3', ['--entities', String(Math.ceil(size / RECORDS_PER_ENTITY) + 50), '--seed', '3']);
  const { records, entityOf } = load(file, size);
  console.log(`\n### Side by side on ${thousands(records.length)} records: this engine vs fuzzball dedupe (all pairs)`);

  const start = performance.now();
  const ours = dedupe(records);
  const oursMs = performance.now() - start;
  const ourScores = pairwiseScores(ours.clusterOf, entityOf);

  // fuzzball compares every pair of "name street city" strings; matches above the cutoff are joined.
  const text = records.map((record) => fuzz.full_process(
    [record.values.name, record.values.street, record.values.city].filter(Boolean).join(' ')));
  const fuzzStart = performance.now();
  const unique = fuzz.dedupe(text, { scorer: fuzz.token_set_ratio, cutoff: 85, keepmap: true, full_process: false });
  const fuzzMs = performance.now() - fuzzStart;
  const parent = records.map((_, index) => index);
  const find = (x: number): number => {
    let node = x;
    while (parent[node] !== node) node = parent[node] = parent[parent[node] as number] as number;
    return node;
  };
  for (const item of unique as unknown as [string, number, [string, number, number][]][]) {
    for (const [, , index] of item[2] ?? []) parent[find(index)] = find(item[1]);
  }
  const fuzzClusters = new Map(records.map((record, index) => [record.id, String(find(index))]));
  const fuzzScores = pairwiseScores(fuzzClusters, entityOf);

  console.log('| engine | time | precision | recall | F1 |');
  console.log('|---|---|---|---|---|');
  console.log(`| shared/dedup | ${thousands(oursMs)} ms | ${fixed(ourScores.precision)} | ${fixed(ourScores.recall)} | ${fixed(ourScores.f1)} |`);
  console.log(`| fuzzball dedupe, token_set_ratio ≥ 85 | ${thousands(fuzzMs)} ms | ${fixed(fuzzScores.precision)} `
    + `| ${fixed(fuzzScores.recall)} | ${fixed(fuzzScores.f1)} |`);
  console.log(`fuzzball took ${(fuzzMs / oursMs).toFixed(0)}× as long.`);
}

/** Hand-written measures against fastest-levenshtein, to justify which one the engine uses. */
function micro(): void {
  const words = ['harmony', 'hramony', 'cooperative', 'cooperatvie', 'juniper', 'junpier', 'bakery', 'brewery', '212',
    '2120', '6096', '6069', 'chicago', 'chgo'];
  const rounds = 200000;
  const time = (fn: (a: string, b: string) => unknown): number => {
    const start = performance.now();
    for (let r = 0; r < rounds; r++) {
      const a = words[r % words.length] as string;
      const b = words[(r * 7 + 3) % words.length] as string;
      fn(a, b);
    }
    return ((performance.now() - start) * 1e6) / rounds;
  };
  console.log('\n### String measures (ns per call, short words)');
  console.log('| measure | ns |');
  console.log('|---|---|');
  // With working space kept from call to call, as the engine's comparisons keep theirs.
  const scratch = jaroScratch();
  console.log(`| jaroWinkler (hand-written) | ${time((a, b) => jaroWinkler(a, b, scratch)).toFixed(0)} |`);
  console.log(`| withinOneEdit (hand-written) | ${time(withinOneEdit).toFixed(0)} |`);
  console.log(`| fastest-levenshtein distance ≤ 1 | ${time((a, b) => distance(a, b) <= 1).toFixed(0)} |`);
  console.log(`| fuzzball ratio | ${time((a, b) => fuzz.ratio(a, b, { full_process: false })).toFixed(0)} |`);
}

const GENERATED_SOURCES = ['member-sheet-a', 'member-sheet-b', 'member-sheet-c', 'civicrm-export', 'directory-scrape'];

/**
 * The aggregate job over the generator's five source files (as CSV sources) against `dedupe`
 * over all.csv: the same records, the master's clusters scored like the engine's. Review rows
 * are what the job asks people to look at: how many per true pair, how many are true pairs.
 */
async function jobSideBySide(): Promise<void> {
  console.log('\n### The aggregate job vs dedupe on the same records (gen-orgs 2000 entities, seed 1)');
  console.log('| set | dedupe P | R | F1 | job master P | R | F1 | Review rows | Review rows per true pair | Review rows that are true pairs |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const hard of ['v1', 'v2']) {
    const file = dataset(`quality-2000-seed1${hard === 'v1' ? '' : `-${hard}`}`,
      ['--entities', '2000', '--seed', '1', ...(hard === 'v1' ? [] : ['--hard', hard])]);
    const dir = join(file, '..');
    const { records, entityOf } = load(file);
    const engine = pairwiseScores(dedupe(records).clusterOf, entityOf);
    // Record ids in the job: `<source>:<sheet row>` (data row + 1), CiviCRM rows by contact id.
    const contactIds = parseCsv(readFileSync(join(dir, 'civicrm-export.csv'), 'utf8')).slice(1).map((row) => row[0]);
    const truth = new Map<string, string>();
    for (const [source, row, entity] of parseCsv(readFileSync(join(dir, 'truth.csv'), 'utf8')).slice(1)) {
      const id = source === 'civicrm-export' ? `${source}:${contactIds[Number(row) - 1]}` : `${source}:${Number(row) + 1}`;
      truth.set(id, entity ?? '');
    }
    const work = mkdtempSync(join(tmpdir(), 'dcc-dedup-job-'));
    try {
      writeFileSync(join(work, 'sources.csv'), [
        'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active',
        ...GENERATED_SOURCES.map((key) => `${key},${key},csv,${join(dir, `${key}.csv`)},,,,signed,,,,US,,yes`)].join('\n'));
      // The generated files stay where they are: their folder is allowed as a source folder.
      const result = await runAggregate({ registryPath: join(work, 'sources.csv'), outDir: join(work, 'out'), sourceDirs: [dir],
        alertLog: () => undefined, env: {} });
      const failed = result.sources.filter((source) => source.state !== 'read');
      if (failed.length) throw new Error(`the job could not read ${failed.map((source) => `${source.key} (${source.message ?? source.state})`).join(', ')}`);
      const workbook = await openWorkbook({ kind: 'local', dir: join(work, 'out', 'workbook') });
      const clusterOf = new Map<string, string>();
      for (const row of await workbook.readMaster()) for (const member of row.members) clusterOf.set(member, row.dcc_id);
      for (const id of truth.keys()) if (!clusterOf.has(id)) clusterOf.set(id, `alone:${id}`);
      const job = pairwiseScores(clusterOf, truth);
      const review = (await workbook.readReview()).filter((item) => item.status === 'open');
      const truePairs = review.filter((item) => truth.get(item.a.id) !== undefined && truth.get(item.a.id) === truth.get(item.b.id)).length;
      console.log(`| --hard ${hard} | ${fixed(engine.precision)} | ${fixed(engine.recall)} | ${fixed(engine.f1)} | ${fixed(job.precision)} `
        + `| ${fixed(job.recall)} | ${fixed(job.f1)} | ${review.length} | ${(review.length / job.truePairs).toFixed(3)} `
        + `| ${truePairs} (${((truePairs / Math.max(1, review.length)) * 100).toFixed(0)}%) |`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
}

export default async function bench(): Promise<void> {
  const only = process.env.DEDUP_BENCH;
  if (!only || only === 'micro') micro();
  if (!only || only === 'quality') await quality();
  if (!only || only === 'hash') await outputHashes();
  if (!only || only === 'job') await jobSideBySide();
  if (!only || only === 'fuzzball') fuzzballSideBySide();
  if (!only || only === 'scale') await scale();
}

const childAt = process.argv.indexOf('--dedup-child');
const engineAt = process.argv.indexOf('--engine');
if (childAt >= 0 && process.argv[childAt + 1]) {
  void child(process.argv[childAt + 1] as string, engineAt >= 0 ? process.argv[engineAt + 1] : undefined);
}
