/**
 * The map's files (shared/publish/map-data.ts) beside master.geojson, each with `.gz` and `.br`
 * copies compressed once here, so a static server (map-site/serve.ts, or any host configured to
 * serve precompressed files) sends a few hundred kilobytes instead of megabytes at 50k listings.
 *
 * Compression is the slow part of publishing (seconds at 50k listings), so it runs on zlib's
 * worker threads, the copies of both files at once, while the rest of the run writes its files.
 */
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { MAP_DATA_FILE, MAP_DETAILS_FILE, toMapData, type DccFeatureCollection } from '../../../../shared/publish';
import { writeFileAtomic } from '../../io/atomic-write';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Writes `file` now, then `file.gz` and `file.br` once compressed; resolves when all three are on disk. */
export async function writeWithCompressedCopies(path: string, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  // The file first, its copies after: a server never sends a copy older than its file, so until the
  // new copies land it sends the new file uncompressed, never the previous publication's copy.
  writeFileAtomic(path, bytes);
  const [gzipped, brotli] = await Promise.all([
    gzipAsync(bytes, { level: 9 }),
    brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  ]);
  writeFileAtomic(`${path}.gz`, gzipped);
  writeFileAtomic(`${path}.br`, brotli);
}

export async function writeMapFiles(dir: string, collection: DccFeatureCollection): Promise<{ map: string; details: string }> {
  const { map, details } = toMapData(collection);
  const files = { map: join(dir, MAP_DATA_FILE), details: join(dir, MAP_DETAILS_FILE) };
  await Promise.all([writeWithCompressedCopies(files.details, JSON.stringify(details)),
    writeWithCompressedCopies(files.map, JSON.stringify(map))]);
  return files;
}
