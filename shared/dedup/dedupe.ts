/**
 * The pipeline, stage by stage: match features (features/) → block → compare → train (EM) →
 * score → cluster, with people's decisions folded in at training and clustering, then the
 * node-level results turned back into records (assemble-result.ts). Each stage lives in its own
 * module; this file only passes results from one to the next. Progress names the first stage
 * `normalize`, as callers have always seen it.
 */
import type { Decision, Record } from '../schema/record';
import { assembleResult } from './assemble-result';
import { candidatePairs } from './block/candidate-pairs';
import { clusterAtThreshold } from './cluster/cluster-at-threshold';
import { compareContext, comparisonVector, comparisonVectors, type CompareContext } from './compare/comparison-vectors';
import { resolveDecisions, type ResolvedDecisions } from './decisions/apply-decisions';
import { buildFeatureTable, type FeatureTable } from './features/match-features';
import { estimateU } from './score/estimate-u';
import { patternCounts } from './score/expectation-maximisation';
import { trainModel } from './score/training-sessions';
import { startingM } from './score/starting-values';
import { buildModel, levelCaps, levelWeights, priorWeight, weightFromProbability, type Model } from './score/model';
import { matchWeights, vectorWeight } from './score/predict';
import { resolveSettings, type DedupSettings } from './settings';
import type { DedupeResult, ProgressFn } from './types';

export interface DedupeOptions {
  readonly settings?: Partial<DedupSettings>;
  readonly decisions?: readonly Decision[];
  readonly onProgress?: ProgressFn;
}

/** EM starts from "one candidate pair in ten is a match"; it moves quickly from there. */
const STARTING_LAMBDA = 0.1;

export function dedupe(records: readonly Record[], options: DedupeOptions = {}): DedupeResult {
  const settings = resolveSettings(options.settings);
  const specs = settings.comparisons;
  const progress: ProgressFn = options.onProgress ?? (() => undefined);

  const { table, decisions, nodeOf, nodeOfId } = matchFeatures(records, options.decisions ?? [], progress);
  const candidates = blockWithDecisions(table, settings, decisions, nodeOfId, progress);
  const { pairA, pairB, labelOf } = candidates;
  const pairCount = pairA.length;

  // 3. compare
  const context = compareContext(table);
  progress('compare', 0, pairCount);
  const gammas = comparisonVectors(context, specs, pairA, pairB, (done) => progress('compare', done, pairCount));
  progress('compare', pairCount, pairCount);

  const model = train(context, settings, gammas, candidates, records.length, progress);
  const weights = matchWeights(model, gammas);

  progress('cluster', 0, table.size);
  const compareNodes = nodeComparer(context, settings, model);
  const groups = cluster(table, settings, candidates, weights, compareNodes);
  progress('cluster', table.size, table.size);

  return assembleResult({ table, nodeOf, groups, pairA, pairB, weights, gammas, labelOf, model, settings, compareNodes,
    blocked: { pairsByRule: candidates.pairsByRule, oversizedBlocks: candidates.oversizedBlocks },
    unknownDecisions: decisions.unknown.length, recordCount: records.length });
}

interface Features {
  readonly table: FeatureTable;
  readonly decisions: ResolvedDecisions;
  /** Node of each record, by record index (`table.recordIds` order). */
  readonly nodeOf: Int32Array;
  /** Node of a record id; only valid when there are decisions (see below). */
  readonly nodeOfId: (id: string) => number;
}

/** 1. match features, with decisions resolved first: records in a cannot-link keep nodes of their own. */
function matchFeatures(records: readonly Record[], given: readonly Decision[], progress: ProgressFn): Features {
  // Id lookups cost a map entry per record, so they are only built when there are decisions.
  const hasDecisions = given.length > 0;
  const known = new Set<string>(hasDecisions ? records.map((record) => record.id) : []);
  const decisions = resolveDecisions(given, (id) => known.has(id));
  progress('normalize', 0, records.length);
  const table = buildFeatureTable(records, decisions.isolated, (done) => progress('normalize', done, records.length));
  progress('normalize', records.length, records.length);
  const recordIndex = new Map<string, number>();
  if (hasDecisions) table.recordIds.forEach((id, index) => recordIndex.set(id, index));
  const nodeOf = new Int32Array(table.recordIds.length);
  table.members.forEach((members, node) => {
    for (const member of members) nodeOf[member] = node;
  });
  const nodeOfId = (id: string): number => nodeOf[recordIndex.get(id) as number] as number;
  return { table, decisions, nodeOf, nodeOfId };
}

/** Candidate pairs, decided pairs among them, and what the blocking counted. */
interface Candidates {
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  /** By pair index: 1 decided a merge, -1 decided apart, 0 undecided. */
  readonly labels: Int8Array;
  readonly labelOf: ReadonlyMap<number, Decision>;
  /** Decided node pairs (x < y) other than a node with itself. */
  readonly decidedNodes: readonly (readonly [number, number, Decision])[];
  readonly pairsByRule: { readonly [rule: string]: number };
  readonly oversizedBlocks: number;
}

/** 2. block, plus every decided pair so that decisions can teach the model. */
function blockWithDecisions(table: FeatureTable, settings: DedupSettings, decisions: ResolvedDecisions,
  nodeOfId: (id: string) => number, progress: ProgressFn): Candidates {
  progress('block', 0, table.size);
  const blocked = candidatePairs(table, {
    rules: settings.blockingRules,
    maxBlockSize: settings.maxBlockSize,
    sortedNeighbourhoodWindow: settings.sortedNeighbourhoodWindow,
  });
  const decidedNodes = [...decisions.byPair.values()]
    .map((decision): [number, number, Decision] => {
      const x = nodeOfId(decision.a);
      const y = nodeOfId(decision.b);
      return x < y ? [x, y, decision] : [y, x, decision];
    })
    .filter(([x, y]) => x !== y);
  const labelOf = new Map<number, Decision>();
  const extraA: number[] = [];
  const extraB: number[] = [];
  for (const [x, y, decision] of decidedNodes) {
    let index = findPair(blocked.a, blocked.b, blocked.count, x, y);
    if (index < 0) {
      index = blocked.count + extraA.length;
      extraA.push(x);
      extraB.push(y);
    }
    labelOf.set(index, decision);
  }
  const pairA = concat(blocked.a, extraA);
  const pairB = concat(blocked.b, extraB);
  const labels = new Int8Array(pairA.length);
  for (const [index, decision] of labelOf) labels[index] = decision.outcome === 'merge' ? 1 : -1;
  progress('block', table.size, table.size);
  return { pairA, pairB, labels, labelOf, decidedNodes, pairsByRule: blocked.pairsByRule,
    oversizedBlocks: blocked.oversizedBlocks };
}

/** 4. train: u from random pairs, then EM in sessions over the candidates' comparison vectors. */
function train(context: CompareContext, settings: DedupSettings, gammas: Uint8Array, candidates: Candidates,
  recordCount: number, progress: ProgressFn): Model {
  const specs = settings.comparisons;
  const pairCount = candidates.pairA.length;
  progress('train', 0, settings.maxIterations);
  const u = estimateU(context, specs, { maxPairs: settings.uSamplePairs, seed: settings.seed });
  const em = trainModel(patternCounts(gammas, specs.length, candidates.labels), specs,
    { m: startingM(specs), u, lambda: STARTING_LAMBDA }, settings);
  const allRecordPairs = Math.max(1, (recordCount * (recordCount - 1)) / 2);
  const model: Model = buildModel(specs, em.parameters, {
    probabilityTwoRandomRecordsMatch: Math.min(1, (em.parameters.lambda * pairCount) / allRecordPairs),
    iterations: em.iterations,
    converged: em.converged,
    trainedOn: { candidatePairs: pairCount, decidedPairs: candidates.labelOf.size },
  });
  progress('train', em.iterations, settings.maxIterations);
  return model;
}

/** Writes the comparison vector of two nodes into `out` and returns their match weight. */
type NodeComparer = (x: number, y: number, out: Uint8Array) => number;

/** Scores any two nodes, candidates or not: clustering checks links it was not given. */
function nodeComparer(context: CompareContext, settings: DedupSettings, model: Model): NodeComparer {
  const specs = settings.comparisons;
  const tables = levelWeights(model);
  const caps = levelCaps(model);
  const prior = priorWeight(model);
  return (x, y, out) => {
    comparisonVector(context, specs, x, y, out, 0);
    return vectorWeight(tables, prior, out, caps);
  };
}

/** 5. cluster: each node's group, decisions overriding scores. */
function cluster(table: FeatureTable, settings: DedupSettings, candidates: Candidates, weights: Float64Array,
  compareNodes: NodeComparer): Int32Array {
  const { pairA, pairB, labelOf, decidedNodes } = candidates;
  const scratch = new Uint8Array(settings.comparisons.length);
  // A copy only when decisions override weights: at a million records it is tens of megabytes.
  const clusterWeights = labelOf.size === 0 ? weights : Float64Array.from(weights);
  for (const [index, decision] of labelOf) clusterWeights[index] = decision.outcome === 'merge' ? Infinity : -Infinity;
  return clusterAtThreshold({
    size: table.size,
    a: pairA,
    b: pairB,
    weights: clusterWeights,
    thresholdWeight: weightFromProbability(settings.threshold),
    mustLinks: decidedNodes.filter(([, , d]) => d.outcome === 'merge').map(([x, y]) => [x, y] as const),
    cannotLinks: decidedNodes.filter(([, , d]) => d.outcome === 'not-duplicate').map(([x, y]) => [x, y] as const),
    pairWeight: (x, y) => compareNodes(x, y, scratch),
    coherenceSample: settings.coherenceSample,
  });
}

/** Binary search for (x, y) in pair arrays sorted by a then b. */
function findPair(a: Int32Array, b: Int32Array, count: number, x: number, y: number): number {
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const am = a[mid] as number;
    const bm = b[mid] as number;
    if (am === x && bm === y) return mid;
    if (am < x || (am === x && bm < y)) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

function concat(base: Int32Array, extra: readonly number[]): Int32Array {
  if (extra.length === 0) return base;
  const out = new Int32Array(base.length + extra.length);
  out.set(base);
  out.set(extra, base.length);
  return out;
}
