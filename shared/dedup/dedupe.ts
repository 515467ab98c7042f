/**
 * The pipeline, stage by stage: normalize → block → compare → train (EM) → score → cluster,
 * with people's decisions folded in at training and clustering. Each stage lives in its own
 * module; this file only passes results from one to the next.
 */
import type { Decision, Record } from '../schema/record';
import { candidatePairs } from './block/candidate-pairs';
import { clusterAtThreshold } from './cluster/cluster-at-threshold';
import { clusterId } from './cluster/cluster-id';
import { compareContext, comparisonVector, comparisonVectors } from './compare/comparison-vectors';
import { resolveDecisions } from './decisions/apply-decisions';
import { buildFeatureTable, type FeatureTable } from './features/match-features';
import { estimateU } from './score/estimate-u';
import { patternCounts } from './score/expectation-maximisation';
import { trainModel } from './score/training-sessions';
import { startingM } from './score/starting-values';
import { buildModel, levelCaps, levelWeights, priorWeight, probabilityFromWeight, weightFromProbability, type Model } from './score/model';
import { matchWeights, vectorWeight } from './score/predict';
import { resolveSettings, type DedupSettings } from './settings';
import type { Cluster, DedupeResult, ProgressFn, ScoredPair } from './types';

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
  const width = specs.length;
  const progress: ProgressFn = options.onProgress ?? (() => undefined);

  // 1. normalize
  // Id lookups cost a map entry per record, so they are only built when there are decisions.
  const hasDecisions = (options.decisions?.length ?? 0) > 0;
  const known = new Set<string>(hasDecisions ? records.map((record) => record.id) : []);
  const decisions = resolveDecisions(options.decisions ?? [], (id) => known.has(id));
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

  // 2. block, plus every decided pair so that decisions can teach the model
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
  const pairCount = pairA.length;
  const labels = new Int8Array(pairCount);
  for (const [index, decision] of labelOf) labels[index] = decision.outcome === 'merge' ? 1 : -1;
  progress('block', table.size, table.size);

  // 3. compare
  const context = compareContext(table);
  progress('compare', 0, pairCount);
  const gammas = comparisonVectors(context, specs, pairA, pairB, (done) => progress('compare', done, pairCount));
  progress('compare', pairCount, pairCount);

  // 4. train and score
  progress('train', 0, settings.maxIterations);
  const u = estimateU(context, specs, { maxPairs: settings.uSamplePairs, seed: settings.seed });
  const em = trainModel(patternCounts(gammas, width, labels), specs,
    { m: startingM(specs), u, lambda: STARTING_LAMBDA }, settings);
  const allRecordPairs = Math.max(1, (records.length * (records.length - 1)) / 2);
  const model: Model = buildModel(specs, em.parameters, {
    probabilityTwoRandomRecordsMatch: Math.min(1, (em.parameters.lambda * pairCount) / allRecordPairs),
    iterations: em.iterations,
    converged: em.converged,
    trainedOn: { candidatePairs: pairCount, decidedPairs: labelOf.size },
  });
  progress('train', em.iterations, settings.maxIterations);
  const weights = matchWeights(model, gammas);

  // 5. cluster, decisions overriding scores
  progress('cluster', 0, table.size);
  const tables = levelWeights(model);
  const caps = levelCaps(model);
  const prior = priorWeight(model);
  const scratch = new Uint8Array(width);
  const compareNodes = (x: number, y: number, out: Uint8Array): number => {
    comparisonVector(context, specs, x, y, out, 0);
    return vectorWeight(tables, prior, out, caps);
  };
  const pairWeight = (x: number, y: number): number => compareNodes(x, y, scratch);
  // A copy only when decisions override weights: at a million records it is tens of megabytes.
  const clusterWeights = labelOf.size === 0 ? weights : Float64Array.from(weights);
  for (const [index, decision] of labelOf) clusterWeights[index] = decision.outcome === 'merge' ? Infinity : -Infinity;
  const groups = clusterAtThreshold({
    size: table.size,
    a: pairA,
    b: pairB,
    weights: clusterWeights,
    thresholdWeight: weightFromProbability(settings.threshold),
    mustLinks: decidedNodes.filter(([, , d]) => d.outcome === 'merge').map(([x, y]) => [x, y] as const),
    cannotLinks: decidedNodes.filter(([, , d]) => d.outcome === 'not-duplicate').map(([x, y]) => [x, y] as const),
    pairWeight,
    coherenceSample: settings.coherenceSample,
  });
  progress('cluster', table.size, table.size);

  return assembleResult({ table, nodeOf, groups, pairA, pairB, weights, gammas, labelOf, model, settings, compareNodes,
    blocked: { pairsByRule: blocked.pairsByRule, oversizedBlocks: blocked.oversizedBlocks },
    unknownDecisions: decisions.unknown.length, recordCount: records.length });
}

interface Assembly {
  readonly table: FeatureTable;
  readonly nodeOf: Int32Array;
  readonly groups: Int32Array;
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly weights: Float64Array;
  readonly gammas: Uint8Array;
  readonly labelOf: ReadonlyMap<number, Decision>;
  readonly model: Model;
  readonly settings: DedupSettings;
  /** Writes the comparison vector of two nodes into `out` and returns their match weight. */
  readonly compareNodes: (x: number, y: number, out: Uint8Array) => number;
  readonly blocked: { readonly pairsByRule: { readonly [rule: string]: number }; readonly oversizedBlocks: number };
  readonly unknownDecisions: number;
  readonly recordCount: number;
}

/** Turns node-level results back into records: clusters, reported pairs and per-record figures. */
function assembleResult(input: Assembly): DedupeResult {
  const { table, nodeOf, groups, pairA, pairB, weights, gammas, labelOf, model, settings } = input;
  const width = model.comparisons.length;
  const tables = levelWeights(model);
  const ids = table.recordIds;
  const firstRecord = (node: number): number => (table.members[node] as readonly number[])[0] as number;

  // Reported pairs are sorted by weight, ties by ids. Record indexes follow id order, so ties are
  // broken on a number (`codes`) rather than by comparing id strings, which at a million records
  // made this sort one of the slowest steps.
  const unsorted: ScoredPair[] = [];
  const codes: number[] = [];
  const comparedNodes = new Int32Array(table.size);
  const bestNode = new Float64Array(table.size).fill(-1);
  // Weakest link by group (a node index); NaN until a link is noted.
  const weakest = new Float64Array(table.size).fill(Number.NaN);
  const noteLink = (group: number, probability: number): void => {
    const before = weakest[group] as number;
    weakest[group] = Math.min(Number.isNaN(before) ? 1 : before, probability);
  };
  const addPair = (x: number, y: number, weight: number, vector: Uint8Array, decision: Decision | undefined,
    sameCluster: boolean): void => {
    const low = Math.min(x, y);
    const high = Math.max(x, y);
    const gamma = Array.from(vector);
    const pair: ScoredPair = {
      a: ids[low] as string, b: ids[high] as string, matchWeight: weight, matchProbability: probabilityFromWeight(weight),
      gamma, weights: gamma.map((g, c) => (tables[c] as Float64Array)[g] as number), sameCluster,
    };
    unsorted.push(decision ? { ...pair, decision } : pair);
    codes.push(low * ids.length + high);
  };

  for (let i = 0; i < pairA.length; i++) {
    const x = pairA[i] as number;
    const y = pairB[i] as number;
    comparedNodes[x] = (comparedNodes[x] as number) + 1;
    comparedNodes[y] = (comparedNodes[y] as number) + 1;
    const decision = labelOf.size === 0 ? undefined : labelOf.get(i);
    const probability = probabilityFromWeight(weights[i] as number);
    const same = groups[x] === groups[y];
    if (same) {
      const effective = decision?.outcome === 'merge' ? 1 : probability;
      if (effective > (bestNode[x] as number)) bestNode[x] = effective;
      if (effective > (bestNode[y] as number)) bestNode[y] = effective;
      if (effective >= settings.threshold || decision) noteLink(groups[x] as number, effective);
    }
    if (probability >= settings.reportPairsAbove || decision) {
      addPair(firstRecord(x), firstRecord(y), weights[i] as number, gammas.subarray(i * width, (i + 1) * width),
        decision, same);
    }
  }

  // Rows with identical keys: one comparison of the node with itself stands for all of them.
  // When that comparison falls below the threshold (empty rows, a bare city) and nothing else
  // links the node, its rows are not one organization and stay apart.
  const nodesInGroup = new Int32Array(table.size);
  for (let node = 0; node < table.size; node++) {
    const group = groups[node] as number;
    nodesInGroup[group] = (nodesInGroup[group] as number) + 1;
  }
  const selfProbability = new Float64Array(table.size).fill(-1);
  const apart = new Uint8Array(table.size);
  const vector = new Uint8Array(width);
  table.members.forEach((members, node) => {
    if (members.length < 2) return;
    const weight = input.compareNodes(node, node, vector);
    const probability = probabilityFromWeight(weight);
    const evidence = vector.some((gamma) => gamma !== 0);
    const together = (evidence && probability >= settings.threshold) || (nodesInGroup[groups[node] as number] as number) > 1;
    if (!together) apart[node] = 1;
    else {
      selfProbability[node] = probability;
      noteLink(groups[node] as number, probability);
    }
    if (probability < settings.reportPairsAbove) return;
    for (let i = 1; i < members.length; i++) {
      addPair(members[i - 1] as number, members[i] as number, weight, vector, undefined, together);
    }
  });
  const byStrength = Array.from(unsorted, (_, index) => index).sort((i, j) =>
    (unsorted[j] as ScoredPair).matchWeight - (unsorted[i] as ScoredPair).matchWeight
    || (codes[i] as number) - (codes[j] as number));
  const pairs = byStrength.map((index) => unsorted[index] as ScoredPair);

  // Records are visited in id order, so each cluster's first member is its smallest id.
  const clusters: Cluster[] = [];
  // By group; a record kept apart has a cluster of its own and is never looked up.
  const clusterOfGroup = new Array<(Cluster & { recordIds: string[] }) | undefined>(table.size);
  const clusterOf = new Map<string, string>();
  const candidatePairsPerRecord = new Map<string, number>();
  const bestMatchProbability = new Map<string, number>();
  for (let record = 0; record < ids.length; record++) {
    const id = ids[record] as string;
    const node = nodeOf[record] as number;
    const members = table.members[node] as readonly number[];
    const key = apart[node] === 1 ? -1 - record : (groups[node] as number);
    let cluster = key >= 0 ? clusterOfGroup[key] : undefined;
    if (!cluster) {
      const noted = key >= 0 && (nodesInGroup[key] as number) + members.length > 2 ? weakest[key] as number : Number.NaN;
      const link = Number.isNaN(noted) ? undefined : noted;
      cluster = link === undefined ? { id: clusterId(id), recordIds: [] } : { id: clusterId(id), recordIds: [], weakestLink: link };
      if (key >= 0) clusterOfGroup[key] = cluster;
      clusters.push(cluster);
    }
    cluster.recordIds.push(id);
    clusterOf.set(id, cluster.id);
    candidatePairsPerRecord.set(id, (comparedNodes[node] as number) + members.length - 1);
    const best = Math.max(bestNode[node] as number, selfProbability[node] as number);
    if (best >= 0) bestMatchProbability.set(id, best);
  }

  return {
    clusters, pairs, candidatePairsPerRecord, bestMatchProbability, clusterOf, model,
    stats: {
      records: input.recordCount,
      distinctRecords: table.size,
      candidatePairs: pairA.length,
      pairsByRule: input.blocked.pairsByRule,
      oversizedBlocks: input.blocked.oversizedBlocks,
      unknownDecisions: input.unknownDecisions,
    },
  };
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
