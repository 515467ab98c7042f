import { finding, type Rule } from './rule';

/**
 * Latitude and longitude pasted into each other's columns is a common slip. It is certain when
 * the "latitude" is beyond ±90, and very likely for a US listing whose latitude is negative and
 * longitude positive (the whole country sits north of the equator and west of Greenwich).
 */
export const swappedCoordinatesRule: Rule = (context) => {
  const latText = context.record.values.latitude?.trim();
  const lngText = context.record.values.longitude?.trim();
  if (!latText || !lngText) return [];
  const lat = Number(latText);
  const lng = Number(lngText);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return [];
  const country = (context.values.country ?? 'US').toUpperCase();
  const impossible = Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lng) <= 90;
  const usMirror = country === 'US' && lat < 0 && lng > 0 && Math.abs(lng) <= 90;
  if (!impossible && !usMirror) return [];
  return [
    finding(context, 'latitude', 'warning', 'coordinates_swapped',
      `Latitude and longitude look swapped (${lat}, ${lng}). The latitude is probably ${lng}.`, String(lng)),
    finding(context, 'longitude', 'warning', 'coordinates_swapped',
      `Latitude and longitude look swapped (${lat}, ${lng}). The longitude is probably ${lat}.`, String(lat)),
  ];
};
