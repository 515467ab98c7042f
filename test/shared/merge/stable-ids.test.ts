import { assignStableIds, formatId } from '../../../shared/merge';

describe('assignStableIds', () => {
  it('numbers new clusters after the highest id ever used, retired ones included', () => {
    const ids = assignStableIds([['a:1'], ['a:2']], [{ dcc_id: 'dcc-000003', members: ['a:9'], retired_ids: ['dcc-000007'] }]);
    expect(ids.map((id) => id.dccId)).toEqual([formatId(8), formatId(9)]);
    expect(ids.every((id) => id.isNew)).toBe(true);
  });

  it('keeps the id of the row the members belonged to', () => {
    const [id] = assignStableIds([['b:2', 'a:1']], [{ dcc_id: 'dcc-000005', members: ['a:1'] }]);
    expect(id).toMatchObject({ dccId: 'dcc-000005', isNew: false, retiredIds: [] });
  });

  it('gives a merged cluster its oldest id and retires the others with their own retired ids', () => {
    const [id] = assignStableIds([['a:1', 'b:1', 'c:1']], [
      { dcc_id: 'dcc-000009', members: ['a:1'], retired_ids: ['dcc-000004'] },
      { dcc_id: 'dcc-000002', members: ['b:1'] },
      { dcc_id: 'dcc-000006', members: ['c:1'] },
    ]);
    expect(id).toMatchObject({ dccId: 'dcc-000002', retiredIds: ['dcc-000004', 'dcc-000006', 'dcc-000009'], mergedThisRun: 2 });
  });

  it('lets the larger part of a split keep the id', () => {
    const ids = assignStableIds([['a:1'], ['b:1', 'c:1']], [{ dcc_id: 'dcc-000001', members: ['a:1', 'b:1', 'c:1'] }]);
    expect(ids.map((id) => id.dccId)).toEqual(['dcc-000002', 'dcc-000001']);
  });

  it('does not depend on the order clusters come in', () => {
    const previous = [{ dcc_id: 'dcc-000001', members: ['a:1'] }, { dcc_id: 'dcc-000002', members: ['b:1'] }];
    const one = assignStableIds([['a:1'], ['b:1']], previous).map((id) => id.dccId);
    const two = assignStableIds([['b:1'], ['a:1']], previous).map((id) => id.dccId);
    expect(two).toEqual([...one].reverse());
  });

  it('resolves master:<id> members to that row', () => {
    const [id] = assignStableIds([['master:dcc-000004', 'x:1']], [{ dcc_id: 'dcc-000004', members: ['gone:1'] }]);
    expect(id?.dccId).toBe('dcc-000004');
  });
});
