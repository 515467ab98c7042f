/**
 * A row keeps the time it last changed while its cells stay the same; only new and edited rows
 * take this read's time, so one edit does not make a whole sheet "the newest".
 */
import { rowChangeTimes, snapshotTimes } from '../../../bot/src/sources/row-change-times';
import type { SourceSnapshot } from '../../../bot/src/sources/types';

const header = ['Name', 'City'];
const bakery = ['Bronzeville Bread', 'Chicago'];
const couriers = ['Rogers Park Couriers', 'Chicago'];
const library = ['Uptown Tool Library', 'Chicago'];

const snapshot = (rows: string[][], changedAt?: string[], modifiedTime?: string): SourceSnapshot => ({
  rows, fetchedAt: '2026-01-01T00:00:00Z', ...(changedAt ? { changedAt } : {}), ...(modifiedTime ? { extra: { modifiedTime } } : {}),
});

describe('row change times', () => {
  it('keep an unchanged row\'s time and give an edited or new row the source\'s modification time', () => {
    const previous = snapshot([header, bakery, couriers], ['T1', 'T1', 'T2']);
    const renamed = ['Rogers Park Bike Couriers', 'Chicago'];
    expect(rowChangeTimes([header, bakery, renamed, library], previous, { modifiedTime: 'T3', at: 'NOW' }))
      .toEqual(['T1', 'T1', 'T3', 'T3']);
  });

  it('follow a row by its cells, not its position, when rows are inserted or sorted', () => {
    const previous = snapshot([header, bakery, couriers], ['T1', 'T1', 'T2']);
    expect(rowChangeTimes([header, library, couriers, bakery], previous, { modifiedTime: 'T3', at: 'NOW' }))
      .toEqual(['T1', 'T3', 'T2', 'T1']);
  });

  it('date an edit at this read when the source gives no modification time, and leave a first read undated', () => {
    const previous = snapshot([header, bakery], ['', '']);
    expect(rowChangeTimes([header, bakery, library], previous, { at: 'NOW' })).toEqual(['', '', 'NOW']);
    expect(rowChangeTimes([header, bakery], undefined, { at: 'NOW' })).toEqual(['', '']);
    expect(rowChangeTimes([header, bakery], undefined, { modifiedTime: 'T1', at: 'NOW' })).toEqual(['T1', 'T1']);
  });

  it('date every row of a snapshot stored without times at that read\'s modification time', () => {
    const old = snapshot([header, bakery], undefined, 'T1');
    expect(snapshotTimes(old)).toEqual(['T1', 'T1']);
    expect(rowChangeTimes([header, bakery, library], old, { modifiedTime: 'T2', at: 'NOW' })).toEqual(['T1', 'T1', 'T2']);
    // Times that do not line up with the rows (a damaged cache) are not trusted either.
    expect(snapshotTimes(snapshot([header, bakery], ['T0'], 'T1'))).toEqual(['T1', 'T1']);
  });
});
