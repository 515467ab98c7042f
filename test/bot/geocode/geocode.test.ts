import { join } from 'node:path';
import { CachedGeocoder } from '../../../bot/src/geocode/cached';
import type { Geocoder } from '../../../bot/src/geocode/types';
import { ZipCentroidGeocoder } from '../../../bot/src/geocode/zip-centroid';
import { makeTempDir } from '../../helpers/temp-dir';

describe('geocoding', () => {
  it('places a US address at its ZIP code centre, ZIP+4 included', async () => {
    const point = await new ZipCentroidGeocoder().geocode({ postal_code: '60615-1234', country: 'US' });
    expect(point).toMatchObject({ precision: 'postal_code', by: 'zip-centroid' });
    expect(point?.latitude).toBeCloseTo(41.80, 1);
    expect(point?.longitude).toBeCloseTo(-87.60, 1);
  });

  it('gives up on unknown ZIP codes and other countries', async () => {
    const geocoder = new ZipCentroidGeocoder();
    expect(await geocoder.geocode({ postal_code: '00000' })).toBeUndefined();
    expect(await geocoder.geocode({ postal_code: '75001', country: 'FR' })).toBeUndefined();
    expect(await geocoder.geocode({ city: 'Chicago' })).toBeUndefined();
  });

  it('asks the wrapped geocoder once per address, misses included, and remembers across runs', async () => {
    const scratch = makeTempDir('dcc-geo-');
    const dir = scratch.path;
    const path = join(dir, 'geocode.json');
    let calls = 0;
    const service: Geocoder = {
      name: 'service',
      geocode: async (address) => {
        calls += 1;
        return address.city === 'Chicago' ? { latitude: 41.9, longitude: -87.6, precision: 'address', by: 'service' } : undefined;
      },
    };
    try {
      const first = new CachedGeocoder(service, path);
      await first.geocode({ street: '1 Main St', city: 'Chicago' });
      await first.geocode({ street: '1 Main St', city: 'Chicago' });
      await first.geocode({ city: 'Nowhere' });
      first.save();
      expect(calls).toBe(2);
      const second = new CachedGeocoder(service, path);
      expect(await second.geocode({ street: '1 main st', city: 'chicago' })).toMatchObject({ latitude: 41.9 });
      expect(await second.geocode({ city: 'Nowhere' })).toBeUndefined();
      expect(calls).toBe(2);
    } finally {
      scratch.remove();
    }
  });
});
