/**
 * Geocoding for rows without coordinates. The job first borrows a point from another source of
 * the same cluster; then asks a `Geocoder`. The bundled one uses an offline ZIP centroid table;
 * a real geocoding service plugs in behind the same interface, wrapped in `CachedGeocoder`
 * so each address is looked up once.
 */
import type { FieldValues } from '../../../shared/schema';

export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
  /** How close the point is: a street address, or only the ZIP code's centre. */
  readonly precision: 'address' | 'postal_code' | 'city';
  /** Which geocoder produced it, for the run report. */
  readonly by: string;
}

export interface Geocoder {
  readonly name: string;
  /** undefined when the address cannot be placed. */
  geocode(address: FieldValues): Promise<GeoPoint | undefined>;
}
