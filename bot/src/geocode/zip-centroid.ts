import { lookup } from 'zipcodes';
import type { FieldValues } from '../../../shared/schema';
import type { GeoPoint, Geocoder } from './types';

/** US (and the table's Canadian) ZIP code centroids from the `zipcodes` package: offline, approximate. */
export class ZipCentroidGeocoder implements Geocoder {
  readonly name = 'zip-centroid';

  async geocode(address: FieldValues): Promise<GeoPoint | undefined> {
    const country = (address.country ?? 'US').toUpperCase();
    const zip = (address.postal_code ?? '').trim();
    if (!zip || (country !== 'US' && country !== 'CA')) return undefined;
    const found = lookup(country === 'US' ? zip.slice(0, 5) : zip);
    if (!found || !Number.isFinite(found.latitude) || !Number.isFinite(found.longitude)) return undefined;
    return { latitude: found.latitude, longitude: found.longitude, precision: 'postal_code', by: this.name };
  }
}
