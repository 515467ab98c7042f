/**
 * Stage 5, cluster: pairs at or above the threshold join their records (Splink's
 * `cluster_pairwise_predictions_at_threshold`), strongest pairs first. Plain connected
 * components would chain: A≈B and B≈C puts A with C even when A and C are clearly two
 * organizations (two branches of one name, linked through a listing with only the name). So two
 * groups only merge when the average weight between their members still clears the threshold,
 * and never across a cannot-link decision. Must-link decisions are joined before anything else.
 */
import { UnionFind } from './connected-components';

export interface ClusterInput {
  readonly size: number;
  /** Compared pairs of nodes and their match weights. */
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly weights: Float64Array;
  readonly thresholdWeight: number;
  readonly mustLinks: readonly (readonly [number, number])[];
  readonly cannotLinks: readonly (readonly [number, number])[];
  /** Match weight of any two nodes, compared on demand for pairs blocking never produced. */
  readonly pairWeight: (a: number, b: number) => number;
  /** At most this many members per side are compared when testing a merge, which bounds the work on giant groups. */
  readonly coherenceSample: number;
}

/** Weights beyond this say "certain" already; clamping keeps one extreme pair from dominating an average. */
const WEIGHT_CLAMP = 20;

/** Group label (a node index) for every node. */
export function clusterAtThreshold(input: ClusterInput): Int32Array {
  const sets = new UnionFind(input.size);
  const members = new Map<number, number[]>();
  const membersOf = (root: number): number[] => members.get(root) ?? [root];
  const join = (x: number, y: number): void => {
    const rootX = sets.find(x);
    const rootY = sets.find(y);
    if (rootX === rootY) return;
    const groupX = membersOf(rootX);
    const groupY = membersOf(rootY);
    const [large, small] = groupX.length >= groupY.length ? [groupX, groupY] : [groupY, groupX];
    for (const node of small) large.push(node);
    const joined = large;
    members.delete(rootX);
    members.delete(rootY);
    members.set(sets.union(rootX, rootY), joined);
  };
  for (const [x, y] of input.mustLinks) join(x, y);

  const cannot = new Map<number, number[]>();
  for (const [x, y] of input.cannotLinks) {
    cannot.set(x, [...(cannot.get(x) ?? []), y]);
    cannot.set(y, [...(cannot.get(y) ?? []), x]);
  }
  const forbidden = (rootX: number, rootY: number): boolean => {
    if (cannot.size === 0) return false;
    for (const node of membersOf(rootX)) {
      for (const other of cannot.get(node) ?? []) if (sets.find(other) === rootY) return true;
    }
    return false;
  };

  const order: number[] = [];
  for (let i = 0; i < input.a.length; i++) if ((input.weights[i] as number) >= input.thresholdWeight) order.push(i);
  order.sort((i, j) => (input.weights[j] as number) - (input.weights[i] as number)
    || (input.a[i] as number) - (input.a[j] as number) || (input.b[i] as number) - (input.b[j] as number));

  for (const i of order) {
    const rootX = sets.find(input.a[i] as number);
    const rootY = sets.find(input.b[i] as number);
    if (rootX === rootY || forbidden(rootX, rootY)) continue;
    const groupX = membersOf(rootX);
    const groupY = membersOf(rootY);
    if (groupX.length > 1 || groupY.length > 1) {
      if (averageWeight(input, groupX, groupY) < input.thresholdWeight) continue;
    }
    join(rootX, rootY);
  }
  return sets.roots();
}

function averageWeight(input: ClusterInput, groupX: readonly number[], groupY: readonly number[]): number {
  const sampleX = sample(groupX, input.coherenceSample);
  const sampleY = sample(groupY, input.coherenceSample);
  let total = 0;
  for (const x of sampleX) {
    for (const y of sampleY) total += Math.max(-WEIGHT_CLAMP, Math.min(WEIGHT_CLAMP, input.pairWeight(x, y)));
  }
  return total / (sampleX.length * sampleY.length);
}

/** Evenly spaced members, so the sample covers early and late joiners alike. */
function sample(group: readonly number[], limit: number): readonly number[] {
  if (group.length <= limit) return group;
  const step = group.length / limit;
  return Array.from({ length: limit }, (_, i) => group[Math.floor(i * step)] as number);
}
