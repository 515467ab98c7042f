/**
 * Stage: publish. The public files the map and other networks read, each replaced atomically:
 * `master.csv` (formula-safe), `master.geojson` (rows with a point) and `master.json`
 * (Murmurations organizations-schema profiles), and the map's compact files (publish-map.ts). Only
 * publishable rows are written.
 */
import { join } from 'node:path';
import { toCsv } from '../../../../shared/read/csv';
import {
  publicCsvRows, toFeatureCollection, toMurmurationsProfiles, type PublishRow, type SourceCredit,
} from '../../../../shared/publish';
import { writeFileAtomic } from '../../io/atomic-write';
import { writeMapFiles } from './publish-map';
import type { MasterRow } from '../../workbook/types';

export interface PublishedFiles {
  readonly csv: string;
  readonly geojson: string;
  readonly json: string;
  readonly rows: number;
  readonly features: number;
}

/** Publishable rows; `sources` lists only sources with a signed agreement (the credited ones). */
export function publishRowsOf(master: readonly MasterRow[], credited: ReadonlySet<string>): PublishRow[] {
  return master.filter((row) => row.publishable !== false)
    .map((row) => ({ dcc_id: row.dcc_id, values: row.values, sources: row.sources.filter((key) => credited.has(key)),
      updated_at: row.updated }));
}

export function writePublicFiles(dir: string, master: readonly MasterRow[], meta: { generatedAt: string; sources: readonly SourceCredit[] }): PublishedFiles {
  const rows = publishRowsOf(master, new Set(meta.sources.map((source) => source.key)));
  const used = new Set(rows.flatMap((row) => row.sources));
  const collection = toFeatureCollection(rows, { generatedAt: meta.generatedAt, sources: meta.sources.filter((s) => used.has(s.key)) });
  const files = { csv: join(dir, 'master.csv'), geojson: join(dir, 'master.geojson'), json: join(dir, 'master.json') };
  writeFileAtomic(files.csv, toCsv(publicCsvRows(rows), { formulaSafe: true }));
  writeFileAtomic(files.geojson, JSON.stringify(collection));
  writeMapFiles(dir, collection);
  writeFileAtomic(files.json, JSON.stringify(toMurmurationsProfiles(rows), null, 1));
  return { ...files, rows: rows.length, features: collection.features.length };
}
