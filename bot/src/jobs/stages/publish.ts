/**
 * Stage: publish. The public files the map and other networks read, each replaced atomically:
 * `master.csv` (formula-safe), `master.geojson` (rows with a point), `master.json` (every
 * Murmurations profile in one array), `murmurations/` (one profile per listing, which is what
 * a Murmurations index registers) and the map's compact files (publish-map.ts). Only publishable
 * rows are written.
 */
import { join } from 'node:path';
import { toCsv } from '../../../../shared/read/csv';
import {
  publicCsvRows, toFeatureCollection, toMurmurationsProfiles, type MurmurationsProfile, type ProfileOptionsOf, type PublishRow, type SourceCredit,
} from '../../../../shared/publish';
import { writeFileAtomic } from '../../io/atomic-write';
import { writeMapFiles } from './publish-map';
import type { MasterRow } from '../../workbook/types';
import { writeMurmurationsFiles, type MurmurationsFiles } from './publish-murmurations';

/** In the cache folder: what the last publication wrote under murmurations/ (see publish-murmurations.ts). */
export const MURMURATIONS_MANIFEST = 'murmurations-published.json';

export interface PublishedFiles {
  readonly csv: string;
  readonly geojson: string;
  readonly json: string;
  readonly rows: number;
  readonly features: number;
  readonly murmurations: MurmurationsFiles;
}

/** Publishable rows; `sources` lists only sources with a signed agreement (the credited ones). */
export function publishRowsOf(master: readonly MasterRow[], credited: ReadonlySet<string>): PublishRow[] {
  return master.filter((row) => row.publishable !== false)
    .map((row) => ({ dcc_id: row.dcc_id, values: row.values, sources: row.sources.filter((key) => credited.has(key)),
      updated_at: row.updated }));
}

export interface PublishMeta {
  readonly generatedAt: string;
  readonly sources: readonly SourceCredit[];
  /** Registry `country` by source key: the country of a row that leaves it blank. */
  readonly sourceCountries?: ReadonlyMap<string, string>;
  /** The run's cache folder (out/cache): where what was published is remembered between runs. */
  readonly cacheDir?: string;
}

/** A row's sources' default country, when they agree on one. */
export function defaultCountryOf(countries: ReadonlyMap<string, string> | undefined): ProfileOptionsOf {
  return (row) => {
    const found = new Set(row.sources.map((key) => countries?.get(key)).filter((country): country is string => Boolean(country)));
    const [only] = found;
    return found.size === 1 && only ? { defaultCountry: only } : {};
  };
}

export async function writePublicFiles(dir: string, master: readonly MasterRow[], meta: PublishMeta): Promise<PublishedFiles> {
  const rows = publishRowsOf(master, new Set(meta.sources.map((source) => source.key)));
  const used = new Set(rows.flatMap((row) => row.sources));
  const collection = toFeatureCollection(rows, { generatedAt: meta.generatedAt, sources: meta.sources.filter((s) => used.has(s.key)) });
  const files = { csv: join(dir, 'master.csv'), geojson: join(dir, 'master.geojson'), json: join(dir, 'master.json') };
  // The map's copies compress on zlib's threads while the other files are written here.
  const mapFiles = writeMapFiles(dir, collection);
  try {
    writeFileAtomic(files.csv, toCsv(publicCsvRows(rows), { formulaSafe: true }));
    writeFileAtomic(files.geojson, JSON.stringify(collection));
    const optionsOf = defaultCountryOf(meta.sourceCountries);
    const profiles = toMurmurationsProfiles(rows, optionsOf);
    writeFileAtomic(files.json, JSON.stringify(profiles, null, 1));
    const retired = new Map(master.map((row) => [row.dcc_id, row.retired_ids ?? []]));
    const murmurations = writeMurmurationsFiles(dir, rows, retired, optionsOf,
      meta.cacheDir ? join(meta.cacheDir, MURMURATIONS_MANIFEST) : undefined,
      new Map(rows.map((row, index) => [row, profiles[index] as MurmurationsProfile])));
    await mapFiles;
    return { ...files, rows: rows.length, features: collection.features.length, murmurations };
  } catch (error) {
    // Settle the compression before failing, so no write lands after the caller hears of the error.
    await mapFiles.catch(() => undefined);
    throw error;
  }
}
