/**
 * The map's files (shared/publish/map-data.ts) beside master.geojson, each with `.gz` and `.br`
 * copies compressed once here, so a static server (map-site/serve.ts, or any host configured to
 * serve precompressed files) sends a few hundred kilobytes instead of megabytes at 50k listings.
 */
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { MAP_DATA_FILE, MAP_DETAILS_FILE, toMapData, type DccFeatureCollection } from '../../../../shared/publish';
import { writeFileAtomic } from '../../io/atomic-write';

/** Writes `file`, `file.gz` and `file.br`. */
export function writeWithCompressedCopies(path: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  // The file first, its copies after: a server never sends a copy older than its file, so until the
  // new copies land it sends the new file uncompressed, never the previous publication's copy.
  writeFileAtomic(path, text);
  writeFileAtomic(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileAtomic(`${path}.br`, brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
}

export function writeMapFiles(dir: string, collection: DccFeatureCollection): { map: string; details: string } {
  const { map, details } = toMapData(collection);
  const files = { map: join(dir, MAP_DATA_FILE), details: join(dir, MAP_DETAILS_FILE) };
  writeWithCompressedCopies(files.details, JSON.stringify(details));
  writeWithCompressedCopies(files.map, JSON.stringify(map));
  return files;
}
