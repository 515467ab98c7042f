/** Union-find with path halving and union by size: connected components in near-linear time. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(count: number) {
    this.parent = new Int32Array(count);
    for (let i = 0; i < count; i++) this.parent[i] = i;
    this.size = new Int32Array(count).fill(1);
  }

  find(node: number): number {
    const parent = this.parent;
    let x = node;
    while (parent[x] !== x) {
      const grand = parent[parent[x] as number] as number;
      parent[x] = grand;
      x = grand;
    }
    return x;
  }

  /** Joins the sets of a and b; returns the new root. */
  union(a: number, b: number): number {
    let rootA = this.find(a);
    let rootB = this.find(b);
    if (rootA === rootB) return rootA;
    if ((this.size[rootA] as number) < (this.size[rootB] as number)) [rootA, rootB] = [rootB, rootA];
    this.parent[rootB] = rootA;
    this.size[rootA] = (this.size[rootA] as number) + (this.size[rootB] as number);
    return rootA;
  }

  /** The root of every node's set, by node. */
  roots(): Int32Array {
    const roots = new Int32Array(this.parent.length);
    for (let node = 0; node < roots.length; node++) roots[node] = this.find(node);
    return roots;
  }

  sizeOf(node: number): number {
    return this.size[this.find(node)] as number;
  }
}

/** Component label per node: the root of its set. */
export function connectedComponents(count: number, a: Int32Array, b: Int32Array, keep?: (pair: number) => boolean): Int32Array {
  const sets = new UnionFind(count);
  for (let i = 0; i < a.length; i++) if (!keep || keep(i)) sets.union(a[i] as number, b[i] as number);
  return sets.roots();
}
