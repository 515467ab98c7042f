/**
 * The last step of `dedupe`: node-level results (groups, candidate pairs and their weights) turned
 * back into records: clusters, reported pairs and per-record figures.
 */
import type { Decision } from '../schema/record';
import { clusterId } from './cluster/cluster-id';
import type { FeatureTable } from './features/match-features';
import { levelWeights, probabilityFromWeight, type Model } from './score/model';
import type { DedupSettings } from './settings';
import type { Cluster, DedupeResult, ScoredPair } from './types';

export interface Assembly {
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

export function assembleResult(input: Assembly): DedupeResult {
  const { table, pairA, model } = input;
  const report = new PairReport(table.recordIds, levelWeights(model));
  const links = candidateLinks(input, report);
  const rows = identicalRows(input, report, links);
  const perRecord = recordFigures(input, links, rows);
  return {
    clusters: perRecord.clusters, pairs: report.strongestFirst(), candidatePairsPerRecord: perRecord.candidatePairsPerRecord,
    bestMatchProbability: perRecord.bestMatchProbability, clusterOf: perRecord.clusterOf, model,
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

/**
 * Reported pairs, sorted by weight, ties by ids. Record indexes follow id order, so ties are
 * broken on a number (`codes`) rather than by comparing id strings, which at a million records
 * made this sort one of the slowest steps.
 */
class PairReport {
  private readonly unsorted: ScoredPair[] = [];
  private readonly codes: number[] = [];
  private readonly ids: readonly string[];
  private readonly tables: readonly Float64Array[];

  constructor(ids: readonly string[], tables: readonly Float64Array[]) {
    this.ids = ids;
    this.tables = tables;
  }

  add(x: number, y: number, weight: number, vector: Uint8Array, decision: Decision | undefined, sameCluster: boolean): void {
    const { ids, tables } = this;
    const low = Math.min(x, y);
    const high = Math.max(x, y);
    const gamma = Array.from(vector);
    const pair: ScoredPair = {
      a: ids[low] as string, b: ids[high] as string, matchWeight: weight, matchProbability: probabilityFromWeight(weight),
      gamma, weights: gamma.map((g, c) => (tables[c] as Float64Array)[g] as number), sameCluster,
    };
    this.unsorted.push(decision ? { ...pair, decision } : pair);
    this.codes.push(low * ids.length + high);
  }

  strongestFirst(): ScoredPair[] {
    const { unsorted, codes } = this;
    const byStrength = Array.from(unsorted, (_, index) => index).sort((i, j) =>
      (unsorted[j] as ScoredPair).matchWeight - (unsorted[i] as ScoredPair).matchWeight
      || (codes[i] as number) - (codes[j] as number));
    return byStrength.map((index) => unsorted[index] as ScoredPair);
  }
}

/** What the links inside clusters say, by node and by group. */
interface Links {
  /** Candidate pairs each node is in. */
  readonly comparedNodes: Int32Array;
  /** Best probability of a link inside the node's cluster, -1 when none. */
  readonly bestNode: Float64Array;
  /** Weakest link by group (a node index); NaN until a link is noted. */
  readonly weakest: Float64Array;
}

function noteLink(weakest: Float64Array, group: number, probability: number): void {
  const before = weakest[group] as number;
  weakest[group] = Math.min(Number.isNaN(before) ? 1 : before, probability);
}

/** Candidate pairs: links inside clusters noted, pairs worth reporting reported. */
function candidateLinks(input: Assembly, report: PairReport): Links {
  const { table, groups, pairA, pairB, weights, gammas, labelOf, settings } = input;
  const width = input.model.comparisons.length;
  const firstRecord = (node: number): number => (table.members[node] as readonly number[])[0] as number;
  const comparedNodes = new Int32Array(table.size);
  const bestNode = new Float64Array(table.size).fill(-1);
  const weakest = new Float64Array(table.size).fill(Number.NaN);
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
      if (effective >= settings.threshold || decision) noteLink(weakest, groups[x] as number, effective);
    }
    if (probability >= settings.reportPairsAbove || decision) {
      report.add(firstRecord(x), firstRecord(y), weights[i] as number, gammas.subarray(i * width, (i + 1) * width),
        decision, same);
    }
  }
  return { comparedNodes, bestNode, weakest };
}

/** Nodes of several identical rows: whether their rows stay together, and how sure that is. */
interface IdenticalRows {
  readonly nodesInGroup: Int32Array;
  /** Probability of a node's comparison with itself, -1 when its rows are not together. */
  readonly selfProbability: Float64Array;
  /** 1 for a node whose rows are kept apart. */
  readonly apart: Uint8Array;
}

/**
 * Rows with identical keys: one comparison of the node with itself stands for all of them.
 * When that comparison falls below the threshold (empty rows, a bare city) and nothing else
 * links the node, its rows are not one organization and stay apart.
 */
function identicalRows(input: Assembly, report: PairReport, links: Links): IdenticalRows {
  const { table, groups, settings } = input;
  const nodesInGroup = new Int32Array(table.size);
  for (let node = 0; node < table.size; node++) {
    const group = groups[node] as number;
    nodesInGroup[group] = (nodesInGroup[group] as number) + 1;
  }
  const selfProbability = new Float64Array(table.size).fill(-1);
  const apart = new Uint8Array(table.size);
  const vector = new Uint8Array(input.model.comparisons.length);
  table.members.forEach((members, node) => {
    if (members.length < 2) return;
    const weight = input.compareNodes(node, node, vector);
    const probability = probabilityFromWeight(weight);
    const evidence = vector.some((gamma) => gamma !== 0);
    const together = (evidence && probability >= settings.threshold) || (nodesInGroup[groups[node] as number] as number) > 1;
    if (!together) apart[node] = 1;
    else {
      selfProbability[node] = probability;
      noteLink(links.weakest, groups[node] as number, probability);
    }
    if (probability < settings.reportPairsAbove) return;
    for (let i = 1; i < members.length; i++) {
      report.add(members[i - 1] as number, members[i] as number, weight, vector, undefined, together);
    }
  });
  return { nodesInGroup, selfProbability, apart };
}

type RecordFigures = Pick<DedupeResult, 'clusters' | 'clusterOf' | 'candidatePairsPerRecord' | 'bestMatchProbability'>;

/** Clusters of record ids, and the figures reported per record. */
function recordFigures(input: Assembly, links: Links, rows: IdenticalRows): RecordFigures {
  const { table, nodeOf, groups } = input;
  const { comparedNodes, bestNode, weakest } = links;
  const { nodesInGroup, selfProbability, apart } = rows;
  const ids = table.recordIds;
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
  return { clusters, clusterOf, candidatePairsPerRecord, bestMatchProbability };
}
