/**
 * `npm run bench -- civicrm`: one CiviCRM site with 50,000 organizations on the mock server
 * (127.0.0.1): a first read, then incremental reads after 1% of the contacts changed (edits, the
 * trash, merges, deletions for good) — with and without the ids-only scan — and a quiet one.
 * Requests are counted at the server; times are ratios to the first read in the same run.
 */
import { performance } from 'node:perf_hooks';
import { CiviCrmSourceReader, civicrmKeyVariable } from '../bot/src/sources/civicrm';
import type { SourceRead, SourceSnapshot } from '../bot/src/sources/types';
import type { RegistryEntry } from '../bot/src/registry/registry';
import { startMockCiviCrm, type MockContact } from '../test/bot/mocks/civicrm-server';

const CONTACTS = 50_000;
const KEY = 'bench-key';

function contacts(): MockContact[] {
  return Array.from({ length: CONTACTS }, (_, i): MockContact => ({
    id: i + 1, contact_type: 'Organization', organization_name: `Coop ${i + 1}`, modified_date: '2025-06-01 12:00:00',
    address: { street_address: `${i + 1} Main St`, city: 'Chicago', state: 'IL', postal_code: '60615', country: 'US' },
    email: `c${i + 1}@example.coop`, phone: `312555${String(i % 10_000).padStart(4, '0')}`,
    websites: i % 2 ? [`https://coop${i + 1}.example.coop`] : [],
  }));
}

const snapshot = (read: SourceRead): SourceSnapshot =>
  ({ ...(read.version ? { version: read.version } : {}), rows: read.rows, fetchedAt: '', ...(read.extra ? { extra: read.extra } : {}) });

export default async function main(): Promise<void> {
  const civi = await startMockCiviCrm({ apiKey: KEY, contacts: contacts(), timeZone: 'America/Chicago' });
  const entry: RegistryEntry = { key: 'crm', name: 'CRM', kind: 'civicrm', location: civi.url, owner: '', contact: '', agreement: 'signed',
    agreementDate: '', license: '', attribution: '', active: true, row: 2, country: 'US' };
  const env = { DCC_ALLOW_PRIVATE_NETWORK: '1', [civicrmKeyVariable('crm')]: KEY };
  const daily = new CiviCrmSourceReader();
  const scanning = new CiviCrmSourceReader({ idScanEveryHours: 0 });
  const time = async (label: string, reader: CiviCrmSourceReader, previous?: SourceSnapshot): Promise<{ read: SourceRead; row: string[] }> => {
    civi.requests.length = 0;
    const t0 = performance.now();
    const read = await reader.read(entry, { baseDir: '.', env, ...(previous ? { previous } : {}) });
    return { read, row: [label, String(civi.requests.length), String(performance.now() - t0), String(read.rows.length - 1)] };
  };
  try {
    const first = await time('first read', daily);
    const base = snapshot(first.read);
    const quiet = await time('incremental, nothing changed', daily, base);
    // 1% changed: 440 edited, 30 trashed, 20 merged into another, 10 deleted for good.
    const step = Math.floor(CONTACTS / 500);
    for (let k = 0; k < 500; k += 1) {
      const id = k * step + 1;
      if (k < 440) civi.edit(id, (contact) => (contact.organization_name = `${contact.organization_name ?? ''} (renamed)`));
      else if (k < 470) civi.trash(id);
      else if (k < 490) civi.merge(id + 1, id);
      else civi.purge(id);
    }
    const changed = await time('incremental, 1% changed (no id scan due)', daily, base);
    const scanned = await time('incremental, 1% changed, with the ids-only scan', scanning, base);
    const firstMs = Number(first.row[2]);
    const firstRequests = Number(first.row[1]);
    console.log(`${CONTACTS.toLocaleString('en-US')} organizations on one mock CiviCRM site (127.0.0.1), pages of 500, id scan pages of 5,000.`);
    console.log('Requests are counted at the server; time is wall time of the read, and its ratio to the first read in this run.\n');
    console.log('| read | requests | × first | wall time | × first | rows |');
    console.log('|---|---|---|---|---|---|');
    for (const { row } of [first, quiet, changed, scanned]) {
      const [label, requests, ms, rows] = row as [string, string, string, string];
      console.log(`| ${label} | ${requests} | ${(Number(requests) / firstRequests).toFixed(3)} | ${(Number(ms) / 1000).toFixed(2)} s `
        + `| ${(Number(ms) / firstMs).toFixed(3)} | ${Number(rows).toLocaleString('en-US')} |`);
    }
    console.log(`\nMerged reported: ${Object.keys(scanned.read.merged ?? {}).length} of 20; `
      + `rows after the scan: ${(scanned.read.rows.length - 1).toLocaleString('en-US')} (expected ${(CONTACTS - 60).toLocaleString('en-US')}).`);
  } finally {
    await civi.close();
  }
}
