/**
 * master.geojson: one Point per row that has coordinates. Properties are the public columns by
 * field key plus `sources` and `updated_at`; the collection carries a foreign member `dcc` with
 * the generation time and source credits, which the map site reads for its attribution.
 */
import { PUBLIC_FIELDS } from '../schema';
import { publicValues } from './privacy';
import type { PublishRow, SourceCredit } from './rows';

export interface PointFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly properties: { readonly [key: string]: string };
}

export interface DccFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: PointFeature[];
  readonly dcc: { readonly generated_at: string; readonly sources: readonly SourceCredit[] };
}

/** Coordinates as numbers, or undefined when missing or out of range. */
export function coordinatesOf(latitude: string | undefined, longitude: string | undefined): [number, number] | undefined {
  if (!latitude || !longitude) return undefined;
  const lat = Number(latitude);
  const lng = Number(longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  if (lat === 0 && lng === 0) return undefined;
  return [lng, lat];
}

export function toFeatureCollection(rows: readonly PublishRow[], meta: { generatedAt: string; sources: readonly SourceCredit[] }): DccFeatureCollection {
  const features: PointFeature[] = [];
  for (const row of rows) {
    const values = publicValues(row.values);
    const coordinates = coordinatesOf(values.latitude, values.longitude);
    if (!coordinates) continue;
    const properties: { [key: string]: string } = { dcc_id: row.dcc_id };
    for (const def of PUBLIC_FIELDS) {
      const value = values[def.key];
      if (value !== undefined) properties[def.key] = value;
    }
    properties.sources = row.sources.join(';');
    properties.updated_at = row.updated_at;
    features.push({ type: 'Feature', id: row.dcc_id, geometry: { type: 'Point', coordinates }, properties });
  }
  return { type: 'FeatureCollection', features, dcc: { generated_at: meta.generatedAt, sources: meta.sources } };
}
