import { clusterAtThreshold, type ClusterInput } from '../../../shared/dedup/cluster/cluster-at-threshold';
import { connectedComponents } from '../../../shared/dedup/cluster/connected-components';

/** Nodes 0..n-1 with a weight for every pair; unknown pairs weigh `otherwise`. */
function input(size: number, weights: { [pair: string]: number }, otherwise = -10,
  decisions: Partial<Pick<ClusterInput, 'mustLinks' | 'cannotLinks'>> = {}): ClusterInput {
  const pairs = Object.entries(weights).map(([key, weight]) => [...key.split('-').map(Number), weight] as [number, number, number]);
  const weightOf = (a: number, b: number): number => weights[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? otherwise;
  return {
    size,
    a: Int32Array.from(pairs, ([a]) => a),
    b: Int32Array.from(pairs, ([, b]) => b),
    weights: Float64Array.from(pairs, ([, , w]) => w),
    thresholdWeight: 0,
    mustLinks: decisions.mustLinks ?? [],
    cannotLinks: decisions.cannotLinks ?? [],
    pairWeight: weightOf,
    coherenceSample: 8,
  };
}

const groupsOf = (labels: Int32Array): number[][] => {
  const groups = new Map<number, number[]>();
  labels.forEach((label, node) => groups.set(label, [...(groups.get(label) ?? []), node]));
  return [...groups.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
};

describe('clusterAtThreshold', () => {
  it('joins pairs above the threshold and leaves the rest alone', () => {
    expect(groupsOf(clusterAtThreshold(input(4, { '0-1': 8, '2-3': -3 })))).toEqual([[0, 1], [2], [3]]);
  });

  it('does not chain two organizations through a record that resembles both', () => {
    // 1 has only a name; 0 and 2 are namesakes in different cities.
    const labels = clusterAtThreshold(input(3, { '0-1': 6, '1-2': 5, '0-2': -12 }));
    expect(groupsOf(labels)).toEqual([[0, 1], [2]]);
  });

  it('keeps a cluster whose members all cohere, even if one pair is weak', () => {
    const labels = clusterAtThreshold(input(3, { '0-1': 10, '1-2': 9, '0-2': -1 }));
    expect(groupsOf(labels)).toEqual([[0, 1, 2]]);
  });

  it('splits a cluster on a cannot-link decision', () => {
    const strong = { '0-1': 10, '1-2': 10, '0-2': 10 };
    expect(groupsOf(clusterAtThreshold(input(3, strong)))).toEqual([[0, 1, 2]]);
    const split = clusterAtThreshold(input(3, strong, -10, { cannotLinks: [[0, 2]] }));
    expect(split[0]).not.toBe(split[2]);
  });

  it('merges on a must-link decision whatever the scores', () => {
    const labels = clusterAtThreshold(input(3, { '0-1': -20 }, -20, { mustLinks: [[0, 1]] }));
    expect(groupsOf(labels)).toEqual([[0, 1], [2]]);
  });

  it('bounds the work on one giant group by sampling members', () => {
    let calls = 0;
    const size = 3000;
    const weights: { [pair: string]: number } = {};
    for (let i = 1; i < size; i++) weights[`${i - 1}-${i}`] = 10;
    const base = input(size, weights, 10);
    const labels = clusterAtThreshold({ ...base, pairWeight: (a, b) => {
      calls++;
      return base.pairWeight(a, b);
    } });
    expect(new Set(labels).size).toBe(1);
    expect(calls).toBeLessThanOrEqual(size * 64);
  });
});

describe('connectedComponents', () => {
  it('labels each node with its component', () => {
    const labels = connectedComponents(5, Int32Array.from([0, 3]), Int32Array.from([1, 4]));
    expect(labels[0]).toBe(labels[1]);
    expect(labels[3]).toBe(labels[4]);
    expect(labels[2]).not.toBe(labels[0]);
  });
});
