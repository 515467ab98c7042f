/**
 * The aggregate job merged fewer true duplicates than `dcc dedupe` on the same rows: validation
 * drops values it cannot publish (a phone without an area code, a loosely written website or
 * e-mail), and the job fed dedup only what survived. Dedup must see what the source wrote for
 * those fields, while the master and the public files still hold only validated values.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAggregate } from '../../../bot/src/jobs/aggregate';
import type { Deduper } from '../../../bot/src/jobs/stages/dedup';
import { keyDeduper } from '../helpers/key-deduper';
import type { Record } from '../../../shared/schema';
import { steppingClock } from '../helpers/fixture-dir';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dcc-dedup-input-'));
  writeFileSync(join(dir, 'sources.csv'), [
    'key,name,kind,location,tab,owner,contact,agreement,agreement_date,license,attribution,country,column_map,active',
    'a,A,csv,a.csv,,,,signed,,,,US,,yes',
    'b,B,csv,b.csv,,,,signed,,,,US,,yes',
  ].join('\n'));
  writeFileSync(join(dir, 'a.csv'), 'Name,Street,City,State,Zip,Phone,Website\n'
    + "Harmony's Delicatessen,1420 N Halsted St,Chicago,IL,60642,(312) 555-0142,harmonydeli.coop\n");
  writeFileSync(join(dir, 'b.csv'), 'Name,Street,City,State,Zip,Phone,Website,Email\n'
    + "Harmony's Deli,,Chicago,IL,,555-0142,harmony deli coop,orders@harmonydeli\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('what the aggregate job gives dedup', () => {
  it('includes the values validation dropped, and publishes none of them', async () => {
    let seen: readonly Record[] = [];
    const capture: Deduper = (records, decisions) => {
      seen = records;
      return keyDeduper(records, decisions);
    };
    await runAggregate({ registryPath: join(dir, 'sources.csv'), outDir: join(dir, 'out'), deduper: capture, now: steppingClock() });
    const b = seen.find((record) => record.id.startsWith('b:'));
    expect(b?.values.phone).toBe('555-0142');
    expect(b?.values.website).toBe('harmony deli coop');
    expect(b?.values.email).toBe('orders@harmonydeli');
    // Values validation kept are the normalized ones.
    expect(seen.find((record) => record.id.startsWith('a:'))?.values.website).toBe('https://harmonydeli.coop');
    const published = readFileSync(join(dir, 'out', 'public', 'master.csv'), 'utf8');
    expect(published).not.toMatch(/555-0142|harmony deli coop|orders@harmonydeli/);
  });
});
