/**
 * The aggregate job merged fewer true duplicates than `dcc dedupe` on the same rows: validation
 * drops values it cannot publish (a phone without an area code, a loosely written website or
 * e-mail), and the job fed dedup only what survived. Dedup must see what the source wrote for
 * those fields, while the master and the public files still hold only validated values.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import type { Deduper } from '../../../bot/src/jobs/stages/dedup';
import { keyDeduper } from '../helpers/key-deduper';
import type { Record } from '../../../shared/schema';
import { steppingClock } from '../helpers/fixture-dir';
import { useTempDir } from '../../helpers/temp-dir';

const temp = useTempDir('dcc-dedup-input-');
beforeEach(() => {
  writeFileSync(join(temp.path, 'sources.csv'), [
    'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active',
    'a,A,csv,a.csv,,,,signed,,,,US,,yes',
    'b,B,csv,b.csv,,,,signed,,,,US,,yes',
  ].join('\n'));
  writeFileSync(join(temp.path, 'a.csv'), 'Name,Street,City,State,Zip,Phone,Website\n'
    + "Harmony's Delicatessen,1420 N Halsted St,Chicago,IL,60642,(312) 555-0142,harmonydeli.coop\n");
  writeFileSync(join(temp.path, 'b.csv'), 'Name,Street,City,State,Zip,Phone,Website,Email\n'
    + "Harmony's Deli,,Chicago,IL,,555-0142,harmony deli coop,orders@harmonydeli\n");
});

describe('what the aggregate job gives dedup', () => {
  it('includes the values validation dropped, and publishes none of them', async () => {
    let seen: readonly Record[] = [];
    const capture: Deduper = (records, decisions) => {
      seen = records;
      return keyDeduper(records, decisions);
    };
    await runAggregate({ registryPath: join(temp.path, 'sources.csv'), outDir: join(temp.path, 'out'), deduper: capture, now: steppingClock() });
    const b = seen.find((record) => record.id.startsWith('b:'));
    expect(b?.values.phone).toBe('555-0142');
    expect(b?.values.website).toBe('harmony deli coop');
    expect(b?.values.email).toBe('orders@harmonydeli');
    // Values validation kept are the normalized ones.
    expect(seen.find((record) => record.id.startsWith('a:'))?.values.website).toBe('https://harmonydeli.coop');
    const published = readFileSync(join(temp.path, 'out', 'public', 'master.csv'), 'utf8');
    expect(published).not.toMatch(/555-0142|harmony deli coop|orders@harmonydeli/);
  });
});
