import type { MockContact } from '../mocks/civicrm-server';

/** `count` organizations (plus a person and a deleted organization the job must skip). */
export function civicrmContacts(count: number, prefix = 'Coop'): MockContact[] {
  const contacts: MockContact[] = [];
  for (let i = 1; i <= count; i += 1) {
    contacts.push({
      id: 100 + i, contact_type: 'Organization', organization_name: `${prefix} ${i} Cooperative`,
      modified_date: `2026-01-01 10:${String(i % 60).padStart(2, '0')}:00`,
      address: { street_address: `${i} W Lake St`, city: 'Chicago', state: 'IL', postal_code: '60612', country: 'US',
        geo_code_1: i % 2 ? Number((41.88 + i / 10000).toFixed(4)) : null, geo_code_2: i % 2 ? -87.68 : null },
      email: `hello${i}@example.coop`, phone: `312555${String(1000 + i).slice(-4)}`,
      websites: i % 3 ? [`https://coop${i}.example.coop`] : [],
    });
  }
  contacts.push({ id: 9001, contact_type: 'Individual', display_name: 'Pat Person', modified_date: '2026-01-01 09:00:00' });
  contacts.push({ id: 9002, contact_type: 'Organization', organization_name: 'Gone Coop', is_deleted: true,
    modified_date: '2026-01-01 09:00:00' });
  return contacts;
}
