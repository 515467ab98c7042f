import type { FieldValues } from '../../../shared/schema';
import type { GeoPoint, Geocoder } from './types';

type Lookup = typeof import('zipcodes').lookup;

/** US (and the table's Canadian) ZIP code centroids from the `zipcodes` package: offline, approximate. */
export class ZipCentroidGeocoder implements Geocoder {
  readonly name = 'zip-centroid';
  // Loaded on the first lookup: the table takes about half a second to load, and a run whose
  // addresses are all in the geocode cache (an idle one, most of a one-source change) never asks.
  #lookup?: Promise<Lookup>;

  async geocode(address: FieldValues): Promise<GeoPoint | undefined> {
    const country = (address.country ?? 'US').toUpperCase();
    const zip = (address.postal_code ?? '').trim();
    if (!zip || (country !== 'US' && country !== 'CA')) return undefined;
    const lookup = await (this.#lookup ??= import('zipcodes').then((table) => table.lookup));
    const found = lookup(country === 'US' ? zip.slice(0, 5) : zip);
    if (!found || !Number.isFinite(found.latitude) || !Number.isFinite(found.longitude)) return undefined;
    return { latitude: found.latitude, longitude: found.longitude, precision: 'postal_code', by: this.name };
  }
}
