import { repointMerges } from '../../../bot/src/jobs/stages/repoint';
import type { MasterRow } from '../../../bot/src/workbook/types';

const row = (dcc_id: string, members: string[], retired_ids: string[] = []): MasterRow =>
  ({ dcc_id, values: {}, sources: [...new Set(members.map((member) => member.split(':')[0] ?? ''))], members, updated: '', retired_ids });

describe('repointMerges', () => {
  it('folds the loser row into the survivor row, keeping every retired id', () => {
    const { previous, links } = repointMerges([row('dcc-000001', ['crm:5', 'm:1'], ['dcc-000009']), row('dcc-000002', ['crm:1'])],
      new Map([['crm:5', 'crm:1']]), 'T');
    expect(previous).toEqual([expect.objectContaining({ dcc_id: 'dcc-000002', members: ['crm:1', 'm:1'],
      retired_ids: ['dcc-000001', 'dcc-000009'], sources: ['crm', 'm'] })]);
    expect(links).toEqual([{ a: 'crm:1', b: 'm:1', outcome: 'merge', by: 'source merge', at: 'T' }]);
  });

  it('lets the loser row carry on under the survivor when the survivor had no row', () => {
    const { previous } = repointMerges([row('dcc-000001', ['crm:5', 'm:1'])], new Map([['crm:5', 'crm:1']]), 'T');
    expect(previous).toEqual([expect.objectContaining({ dcc_id: 'dcc-000001', members: ['crm:1', 'm:1'] })]);
  });

  it('drops the loser from a row it already shared with the survivor, and ignores unknown losers', () => {
    const { previous } = repointMerges([row('dcc-000001', ['crm:1', 'crm:5'])], new Map([['crm:5', 'crm:1'], ['crm:7', 'crm:1']]), 'T');
    expect(previous).toEqual([expect.objectContaining({ dcc_id: 'dcc-000001', members: ['crm:1'] })]);
  });
});
