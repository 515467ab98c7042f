import { toMurmurationsProfile, type PublishRow } from '../../../shared/publish';
import { KNOWN_PROPERTIES, schemaProblems } from './murmurations-schemas';

const row = (values: PublishRow['values'], dcc_id = 'dcc-000001'): PublishRow =>
  ({ dcc_id, values, sources: ['a'], updated_at: '2026-01-01T00:00:00.000Z' });

const full = row({
  name: 'Bread Co-op ((ask about the loan))', street: '221 E 51st St', street2: 'Suite 2', city: 'Chicago', state: 'IL',
  postal_code: '60615', country: 'US', latitude: '41.8', longitude: '-87.6', website: 'https://bread.coop',
  email: 'hello@bread.coop', phone: '+1 312 555 0100', org_type: 'worker cooperative', sector: 'retail & grocery',
  legal_structure: 'LLC', network_memberships: 'USFWC', description: 'Bakery.', status: 'inactive', year_founded: '1998',
  social_links: 'https://www.instagram.com/bread; https://bread.coop', workers: '12', contact_name: 'Ana', notes: 'secret',
});

describe('Murmurations profiles', () => {
  it('map every public field the schemas have a home for', () => {
    expect(toMurmurationsProfile(full)).toEqual({
      linked_schemas: ['organizations_schema-v1.0.0'],
      name: 'Bread Co-op',
      primary_url: 'https://bread.coop',
      tags: ['worker cooperative', 'retail & grocery', 'LLC', 'USFWC'],
      urls: [{ name: 'Website', url: 'https://bread.coop' }, { name: 'instagram.com', url: 'https://www.instagram.com/bread' }],
      description: 'Bakery.',
      status: 'on_hold',
      full_address: '221 E 51st St, Suite 2, Chicago, IL 60615, US',
      locality: 'Chicago',
      region: 'IL',
      country_iso_3166: 'US',
      geolocation: { lat: 41.8, lon: -87.6 },
      contact_details: { email: 'hello@bread.coop' },
      telephone: '+1 312 555 0100',
      starts_at: 883612800,
      unique_id: 'dcc-000001',
    });
    expect(schemaProblems(toMurmurationsProfile(full))).toEqual([]);
  });

  it('use only properties the targeted schemas define', () => {
    expect(Object.keys(toMurmurationsProfile(full)).filter((key) => !KNOWN_PROPERTIES.has(key))).toEqual([]);
  });

  it('keep the scheme on primary_url, which the schema requires (^https?://)', () => {
    expect(toMurmurationsProfile(row({ name: 'A', website: 'https://a.coop' })).primary_url).toBe('https://a.coop');
    expect(toMurmurationsProfile(row({ name: 'A', website: 'a.coop' })).primary_url).toBe('https://a.coop');
    expect(toMurmurationsProfile(row({ name: 'A', website: 'ftp://a.coop' })).primary_url).toBeUndefined();
  });

  it('stay valid on values a person may type into the Master tab', () => {
    const odd = row({
      name: 'N'.repeat(250), city: 'C'.repeat(150), state: 'quebec', country: 'XK', status: 'closed', website: 'javascript:alert(1)',
      social_links: 'not a url; mailto:x@y.z', org_type: `${'t'.repeat(120)}; worker cooperative; worker cooperative`,
      latitude: '95', longitude: '10', year_founded: 'long ago',
    });
    const profile = toMurmurationsProfile(odd);
    expect(schemaProblems(profile)).toEqual([]);
    expect(profile.name).toHaveLength(200);
    expect(profile.status).toBe('cancelled');
    expect(profile).not.toHaveProperty('country_iso_3166');
    expect(profile).not.toHaveProperty('locality');
    expect(profile).not.toHaveProperty('geolocation');
  });

  it('catch what the index would reject (the fixtures are not toothless)', () => {
    expect(schemaProblems({ linked_schemas: ['organizations_schema-v1.0.0'], name: 'A', primary_url: 'a.coop' }))
      .toEqual([expect.stringMatching(/^default-v2\.1\.0: \/primary_url/), expect.stringMatching(/^organizations_schema-v1\.0\.0: \/primary_url/)]);
    expect(schemaProblems({ linked_schemas: ['default-v2.1.0'], name: 'A' })).not.toEqual([]);
    expect(schemaProblems({ linked_schemas: ['organizations_schema-v1.0.0'], name: 'A', Locality: 'x' })).not.toEqual([]);
    expect(schemaProblems({ linked_schemas: ['organizations_schema-v1.0.0'] })).not.toEqual([]);
  });
});
