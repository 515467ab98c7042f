/** The screen-grid clustering the map draws: every listing in view counted once, clusters only from minPoints. */
import fc from 'fast-check';
import { gridCluster, mercatorX, mercatorY } from '../../map-site/src/layers/grid-cluster';

function input(points: readonly (readonly [number, number])[], members?: readonly number[]) {
  return {
    mx: Float64Array.from(points.map(([, lng]) => mercatorX(lng))),
    my: Float64Array.from(points.map(([lat]) => mercatorY(lat))),
    members: Int32Array.from(members ?? points.map((_, i) => i)),
  };
}

const world = (zoom: number) => ({ scale: 256 * 2 ** zoom, left: 0, top: 0, right: 256 * 2 ** zoom, bottom: 256 * 2 ** zoom,
  cell: 60, minPoints: 3, cluster: true });

describe('gridCluster', () => {
  it('counts every listing in view exactly once, as a cluster member or a single', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: -84, max: 84, noNaN: true }), fc.double({ min: -179.9, max: 179.9, noNaN: true })), { maxLength: 300 }),
      fc.integer({ min: 0, max: 8 }),
      (points, zoom) => {
        const { clusters, singles } = gridCluster(input(points), world(zoom));
        expect(clusters.reduce((sum, cluster) => sum + cluster.count, 0) + singles.length).toBe(points.length);
        expect(new Set(singles).size).toBe(singles.length);
        for (const cluster of clusters) expect(cluster.count).toBeGreaterThanOrEqual(3);
      }));
  });

  it('keeps two or fewer listings in a cell as single markers and clusters three', () => {
    const chicago: [number, number][] = [[41.88, -87.63], [41.881, -87.631], [41.882, -87.632]];
    expect(gridCluster(input(chicago.slice(0, 2)), world(4))).toEqual({ clusters: [], singles: [0, 1] });
    const { clusters, singles } = gridCluster(input(chicago), world(4));
    expect(singles).toEqual([]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.count).toBe(3);
    expect(clusters[0]?.minX).toBeCloseTo(mercatorX(-87.632), 12);
    expect(clusters[0]?.maxY).toBeCloseTo(mercatorY(41.88), 12);
  });

  it('clusters only the filtered members, and leaves out what is outside the view', () => {
    const points: [number, number][] = [[41.88, -87.63], [40.71, -74.0], [37.8, -122.27]];
    const scale = 256 * 2 ** 6;
    const chicagoX = mercatorX(-87.63) * scale;
    const chicagoY = mercatorY(41.88) * scale;
    const view = { ...world(6), left: chicagoX - 100, right: chicagoX + 100, top: chicagoY - 100, bottom: chicagoY + 100 };
    expect(gridCluster(input(points), view).singles).toEqual([0]);
    expect(gridCluster(input(points, [1, 2]), view).singles).toEqual([]);
    expect(gridCluster(input(points, [1, 2]), world(6)).singles.sort()).toEqual([1, 2]);
  });

  it('shows every listing singly above the clustering zoom', () => {
    const same: [number, number][] = [[41.88, -87.63], [41.88, -87.63], [41.88, -87.63]];
    expect(gridCluster(input(same), { ...world(15), cluster: false }).singles).toEqual([0, 1, 2]);
  });
});
