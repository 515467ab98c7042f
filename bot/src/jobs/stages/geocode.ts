/**
 * Stage: place entities on the map. Survivorship already took a point from any source of the
 * cluster that had one; the rest go to the geocoder (offline ZIP centroids by default). Entities
 * that still have no point stay off the map and are reported.
 */
import { coordinatesOf } from '../../../../shared/publish';
import type { Geocoder } from '../../geocode/types';
import type { MasterEntity } from './merge';

export interface GeocodeStageResult {
  /** Placed by the geocoder this run. */
  readonly geocoded: number;
  /** Entities with no point at all. */
  readonly unplaced: { readonly dcc_id: string; readonly name: string }[];
}

export async function geocodeStage(entities: MasterEntity[], geocoder: Geocoder): Promise<GeocodeStageResult> {
  let geocoded = 0;
  const unplaced: { dcc_id: string; name: string }[] = [];
  for (const entity of entities) {
    if (coordinatesOf(entity.values.latitude, entity.values.longitude)) continue;
    const point = await geocoder.geocode(entity.values).catch(() => undefined);
    if (point) {
      entity.values = { ...entity.values, latitude: point.latitude.toFixed(5), longitude: point.longitude.toFixed(5) };
      geocoded += 1;
    } else {
      unplaced.push({ dcc_id: entity.dccId, name: entity.values.name ?? '' });
    }
  }
  return { geocoded, unplaced };
}
