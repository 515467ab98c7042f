/**
 * Screen-grid clustering, recomputed for each view: the points in view are bucketed into square
 * cells of `cell` pixels; a cell holding `minPoints` or more becomes one cluster at its members'
 * mean position, the rest stay single points. One pass over typed arrays and no index to build,
 * so it costs a few milliseconds at 50k points: nothing at load and nothing when a filter changes.
 * Positions are Web Mercator in [0, 1] (x east, y south), what Leaflet's pixel space scales.
 */
export interface GridInput {
  /** Mercator x and y per listing index (NaN when the listing is not on the map). */
  readonly mx: Float64Array;
  readonly my: Float64Array;
  /** The listing indexes to cluster (the filtered ones). */
  readonly members: Int32Array;
}

export interface GridView {
  /** World size in pixels at the zoom (256 × 2^zoom). */
  readonly scale: number;
  /** The view in world pixels. */
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly cell: number;
  readonly minPoints: number;
  /** false above the zoom where every listing is its own marker. */
  readonly cluster: boolean;
}

export interface GridCluster {
  readonly count: number;
  /** Mean position in mercator units. */
  readonly x: number;
  readonly y: number;
  /** Extent of the members, mercator units: a click zooms to it. */
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface GridResult {
  readonly clusters: GridCluster[];
  /** Listing indexes shown as single markers. */
  readonly singles: number[];
}

export function mercatorX(lng: number): number {
  return (lng + 180) / 360;
}

export function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

export function gridCluster(input: GridInput, view: GridView): GridResult {
  const { mx, my, members } = input;
  const { scale, cell } = view;
  const left = view.left;
  const top = view.top;
  const width = view.right - left;
  const height = view.bottom - top;
  const singles: number[] = [];
  if (!view.cluster) {
    for (let k = 0; k < members.length; k++) {
      const i = members[k] as number;
      const px = (mx[i] as number) * scale - left;
      const py = (my[i] as number) * scale - top;
      if (px >= 0 && px <= width && py >= 0 && py <= height) singles.push(i);
    }
    return { clusters: [], singles };
  }
  // Cells are anchored to the world grid, not the view, so panning does not reshuffle them.
  const col0 = Math.floor(left / cell);
  const row0 = Math.floor(top / cell);
  const cols = Math.floor((left + width) / cell) - col0 + 1;
  const rows = Math.floor((top + height) / cell) - row0 + 1;
  const size = cols * rows;
  const count = new Int32Array(size);
  const sumX = new Float64Array(size);
  const sumY = new Float64Array(size);
  const minX = new Float64Array(size).fill(Infinity);
  const minY = new Float64Array(size).fill(Infinity);
  const maxX = new Float64Array(size).fill(-Infinity);
  const maxY = new Float64Array(size).fill(-Infinity);
  // The first members of each cell, kept until the cell proves to be a cluster.
  const firsts = new Int32Array(size * view.minPoints).fill(-1);
  for (let k = 0; k < members.length; k++) {
    const i = members[k] as number;
    const x = mx[i] as number;
    const y = my[i] as number;
    const px = x * scale - left;
    const py = y * scale - top;
    if (!(px >= 0 && px <= width && py >= 0 && py <= height)) continue;
    const c = (Math.floor((x * scale) / cell) - col0) + (Math.floor((y * scale) / cell) - row0) * cols;
    const n = count[c] as number;
    if (n < view.minPoints) firsts[c * view.minPoints + n] = i;
    count[c] = n + 1;
    sumX[c] = (sumX[c] as number) + x;
    sumY[c] = (sumY[c] as number) + y;
    if (x < (minX[c] as number)) minX[c] = x;
    if (x > (maxX[c] as number)) maxX[c] = x;
    if (y < (minY[c] as number)) minY[c] = y;
    if (y > (maxY[c] as number)) maxY[c] = y;
  }
  const clusters: GridCluster[] = [];
  for (let c = 0; c < size; c++) {
    const n = count[c] as number;
    if (n === 0) continue;
    if (n < view.minPoints) {
      for (let j = 0; j < n; j++) singles.push(firsts[c * view.minPoints + j] as number);
      continue;
    }
    clusters.push({
      count: n, x: (sumX[c] as number) / n, y: (sumY[c] as number) / n,
      minX: minX[c] as number, minY: minY[c] as number, maxX: maxX[c] as number, maxY: maxY[c] as number,
    });
  }
  return { clusters, singles };
}
