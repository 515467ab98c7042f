import { mergeClusters, survivors } from '../../../shared/merge';
import type { Record } from '../../../shared/schema';

const record = (id: string, values: Record['values']): Record => ({ id, source: id.split(':')[0] ?? '', row: 2, values, extra: {} });

describe('survivorship', () => {
  it('takes each field from the most trusted source that has it, keeping every value in provenance', () => {
    const result = survivors([
      record('low:1', { name: 'Bread Co-op', phone: '+13125550101', website: 'https://bread.coop' }),
      record('high:1', { name: 'Bronzeville Bread Cooperative', phone: '' }),
    ], { trust: { high: 2, low: 1 } });
    expect(result.values).toEqual({ name: 'Bronzeville Bread Cooperative', phone: '+13125550101', website: 'https://bread.coop' });
    expect(result.chosen.name).toBe('high:1');
    expect(result.provenance.name?.map((entry) => entry.value)).toEqual(['Bronzeville Bread Cooperative', 'Bread Co-op']);
  });

  it('prefers the most recently changed record among equally trusted ones', () => {
    const changed: { [id: string]: string } = { 'a:1': '2025-01-01', 'b:1': '2026-01-01' };
    const result = survivors([record('a:1', { city: 'Chicago' }), record('b:1', { city: 'Evanston' })],
      { changedAt: (r) => changed[r.id] ?? '' });
    expect(result.values.city).toBe('Evanston');
  });

  it('takes latitude and longitude from the same record', () => {
    const result = survivors([
      record('a:1', { latitude: '41.1' }),
      record('b:1', { latitude: '41.8', longitude: '-87.6' }),
    ], { trust: { a: 5 } });
    expect(result.values).toMatchObject({ latitude: '41.8', longitude: '-87.6' });
  });

  it('takes the whole address from one record, never a street from one and a city from another', () => {
    const result = survivors([
      record('a:1', { name: 'Logan Square Food Co-op', street: '2644 N Milwaukee Ave', city: 'Chicago', state: 'IL', postal_code: '60647' }),
      record('b:1', { name: 'Logan Square Food Co-op', city: 'Evanston', state: 'IL', postal_code: '60201', country: 'US' }),
    ], { trust: { b: 2, a: 1 } });
    expect(result.values).toMatchObject({ city: 'Evanston', postal_code: '60201', country: 'US' });
    expect(result.values.street).toBeUndefined();
    expect(result.chosen.city).toBe('b:1');
    expect(result.provenance.street?.map((entry) => entry.value)).toEqual(['2644 N Milwaukee Ave']);
  });

  it('fills a missing address part from another listing of the same place', () => {
    const result = survivors([
      record('a:1', { street: '1 Main St', city: 'Chicago', state: 'IL' }),
      record('b:1', { street: '1 main st', city: 'CHICAGO', postal_code: '60615-1234' }),
      record('c:1', { city: 'Evanston', postal_code: '60201', street2: 'Suite 9' }),
    ], { trust: { a: 3, b: 2, c: 1 } });
    expect(result.values).toMatchObject({ street: '1 Main St', city: 'Chicago', state: 'IL', postal_code: '60615-1234' });
    expect(result.values.street2).toBeUndefined();
  });

  it('prefers a locatable address over a fragment from a more trusted source, and its point with it', () => {
    const result = survivors([
      record('a:1', { street: '1 Main St', city: 'Chicago', state: 'IL', latitude: '41.8', longitude: '-87.6' }),
      record('b:1', { street: '9 Oak Ave', latitude: '42.0', longitude: '-88.0' }),
    ], { trust: { b: 2, a: 1 } });
    expect(result.values).toMatchObject({ street: '1 Main St', city: 'Chicago', latitude: '41.8', longitude: '-87.6' });
  });

  it('gives the same answer whatever order the records arrive in', () => {
    const records = [record('a:1', { name: 'One' }), record('b:1', { name: 'Two' }), record('c:1', { name: 'Three' })];
    expect(survivors(records).values).toEqual(survivors([...records].reverse()).values);
  });

  it('lists members and sources of each merged entity', () => {
    const [entity] = mergeClusters([[record('b:1', { name: 'X' }), record('a:1', { name: 'X' })]], [], { sourceOrder: ['b', 'a'] });
    expect(entity).toMatchObject({ members: ['a:1', 'b:1'], sources: ['b', 'a'], dccId: 'dcc-000001', isNew: true });
  });
});
