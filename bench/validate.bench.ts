/**
 * Validation throughput: 10k rows × 30 columns of realistic, partly messy member data.
 * Goal (issue 2): 10k rows in under a second.
 */
import { FIELDS } from '../shared/schema/fields';
import { validateRows } from '../shared/validate';

const CITIES = [['Chicago', 'IL', '606'], ['Madison', 'Wisconsin', '537'], ['Boston', 'MA', '021'], ['Oakland', 'CA', '946'], ['Austin', 'tx', '787']];
const TYPES = ['worker coop', 'Co-op, Consumer', 'credit union', 'housing cooperative', 'CLT', 'nonprofit', 'space agency'];
const SECTORS = ['grocery', 'agriculture & food', 'tech; media', 'bakery', 'care work', 'widgets'];

function sheet(rows: number): string[][] {
  const columns = FIELDS.slice(0, 30);
  const header = columns.map((def) => def.label);
  const body: string[][] = [];
  for (let index = 0; index < rows; index += 1) {
    const [city = '', state = '', zip = ''] = CITIES[index % CITIES.length] ?? [];
    const cell: Partial<Record<string, string>> = {
      name: index % 97 === 0 ? '' : `Cooperative Number ${index} ${index % 3 ? 'Co-op' : 'Inc.'}`,
      street: `${100 + (index % 900)} Main St`, city, state, postal_code: `${zip}${String(index % 100).padStart(2, '0')}`,
      country: index % 5 ? '' : 'United States', latitude: index % 4 ? '' : '41.8', longitude: index % 4 ? '' : '-87.6',
      website: index % 7 ? `www.coop${index}.org/?utm_source=x` : 'not a url', email: `info@coop${index}.org`,
      phone: index % 11 ? `(312) 555-${String(1000 + (index % 9000)).padStart(4, '0')}` : '555-0100',
      org_type: TYPES[index % TYPES.length] ?? '', sector: SECTORS[index % SECTORS.length] ?? '',
      description: 'A member-owned business serving the neighbourhood since the nineties.', status: index % 13 ? 'active' : 'Closed',
      source_id: String(index), legal_structure: 'LLC', year_founded: String(1950 + (index % 80)), workers: String(index % 50),
      members: '1,200', worker_owners: String(index % 60), democratic: 'Yes', network_memberships: 'USFWC', languages: 'English, Spanish',
      goods_services: 'Bread', social_links: 'facebook.com/coop', contact_name: 'Sam', contact_email: 'sam@coop.org',
    };
    body.push(columns.map((def) => cell[def.key] ?? ''));
  }
  return [header, ...body];
}

export default async function run(): Promise<void> {
  for (const size of [1_000, 10_000]) {
    const rows = sheet(size);
    validateRows(rows.slice(0, 200)); // warm-up: JIT and lazily built indexes
    const start = performance.now();
    const result = validateRows(rows);
    const ms = performance.now() - start;
    console.log(`validate ${size.toLocaleString('en-US')} rows × 30 columns: ${ms.toFixed(0)} ms ` +
      `(${Math.round(size / (ms / 1000)).toLocaleString('en-US')} rows/s), ${result.findings.length.toLocaleString('en-US')} findings`);
  }
}
