/**
 * The filtered listings as files. CSV goes through shared/read's formula-safe writer (a cell
 * starting with = + - @ tab or CR gets a leading apostrophe); GeoJSON keeps the publisher's
 * shape, including the `dcc` attribution member, so a download stays attributable.
 */
import { toCsv } from '../../../shared/read/csv';
import type { Dataset, Listing } from '../data/listing';

export function listingsToCsv(dataset: Dataset, listings: readonly Listing[]): string {
  // Coordinates come last, from the checked position, even when the properties also carry them.
  const columns = dataset.columns.filter((key) => key !== 'latitude' && key !== 'longitude');
  const rows = listings.map((listing) => [
    ...columns.map((key) => listing.properties[key] ?? ''),
    listing.position ? String(listing.position[0]) : '',
    listing.position ? String(listing.position[1]) : '',
  ]);
  return toCsv([[...columns, 'latitude', 'longitude'], ...rows], { formulaSafe: true });
}

export function listingsToGeoJson(dataset: Dataset, listings: readonly Listing[]): string {
  const features = listings.map((listing) => ({
    type: 'Feature',
    geometry: listing.position ? { type: 'Point', coordinates: [listing.position[1], listing.position[0]] } : null,
    properties: listing.properties,
  }));
  const dcc = { title: dataset.title, generated_at: dataset.generatedAt, sources: dataset.sources };
  return JSON.stringify({ type: 'FeatureCollection', features, dcc });
}
