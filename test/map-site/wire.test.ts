/** Columns cross from the loading worker to the page as joined strings; they must come back exactly. */
import { packColumns, transferablesOf, unpackColumns } from '../../map-site/src/data/wire';

describe('columns on the wire', () => {
  it('packs string columns into one string and unpacks every value exactly, blanks and non-Latin text included', () => {
    const names = ['Sunrise Bakery', '', 'Coopérative du Quartier', '合作社', '🙂 emoji co-op', '', 'x'];
    const dict = { dict: ['worker cooperative', 'credit union'], codes: Int32Array.from([0, 1, 0, -1, 1, 0, 0]) };
    const packed = packColumns({ keys: ['name', 'org_type'], columns: [names, dict] });
    expect(packed.columns[0]).toEqual({ text: names.join(''), ends: expect.any(Uint32Array) });
    expect(packed.columns[1]).toBe(dict);
    const { columns } = unpackColumns(structuredClone(packed), names.length);
    expect(columns[0]).toEqual(names);
    expect(columns[1]).toEqual(dict);
  });

  it('hands over the offsets, codes and positions as transferable buffers', () => {
    const lat = new Float64Array(2);
    const lng = new Float64Array(2);
    const packed = packColumns({ keys: ['name', 'city'], columns: [['a', 'b'], { dict: ['X'], codes: Int32Array.from([0, 0]) }] });
    const buffers = transferablesOf({ lat, lng, columns: packed.columns });
    expect(buffers).toHaveLength(4);
    expect(new Set(buffers).size).toBe(4);
  });

  it('turns offsets that do not add up into blanks rather than shifted values', () => {
    const wrongLength = { keys: ['name'], columns: [{ text: 'abc', ends: Uint32Array.from([1, 2]) }] };
    expect(unpackColumns(wrongLength, 3).columns[0]).toEqual(['', '', '']);
    const wrongEnd = { keys: ['name'], columns: [{ text: 'abcdef', ends: Uint32Array.from([1, 2, 3]) }] };
    expect(unpackColumns(wrongEnd, 3).columns[0]).toEqual(['', '', '']);
  });
});
