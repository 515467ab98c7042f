/** The map fixture read plainly, so tests compute expected counts without the site's own code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FixtureFeature {
  readonly geometry: { readonly coordinates: readonly [number, number] } | null;
  readonly properties: { readonly [key: string]: string };
}

export function readFixture(name = 'master.geojson'): { features: FixtureFeature[]; text: string } {
  const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'map', name), 'utf8');
  return { features: (JSON.parse(text) as { features: FixtureFeature[] }).features, text };
}

/** Listings carrying `value` in `field`, reading `;` lists and a blank status as active. */
export function countWith(features: readonly FixtureFeature[], field: string, value: string): number {
  return features.filter((feature) => {
    const raw = feature.properties[field] ?? (field === 'status' ? 'active' : '');
    return raw.split(';').map((part) => part.trim().toLowerCase()).includes(value.toLowerCase());
  }).length;
}
