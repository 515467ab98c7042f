/**
 * Re-publishes the public files from the workbook as it stands, without reading any source:
 * after a person edits the Master tab, or to rebuild a lost or hand-edited public/ folder.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRegistry } from '../registry/registry';
import { openWorkbook } from '../workbook';
import type { WorkbookLocation } from '../workbook/types';
import { MURMURATIONS_MANIFEST, writePublicFiles, type PublishedFiles } from './stages/publish';

export async function republish(options: { outDir: string; workbook?: WorkbookLocation; now?: Date }): Promise<PublishedFiles> {
  const outDir = resolve(options.outDir);
  const workbook = await openWorkbook(options.workbook ?? { kind: 'local', dir: join(outDir, 'workbook') });
  const master = await workbook.readMaster();
  const registry = readRegistry(await workbook.readSources());
  const sources = registry.entries.filter((entry) => entry.agreement === 'signed')
    .map((entry) => ({ key: entry.key, name: entry.name, attribution: entry.attribution || entry.name, license: entry.license }));
  const sourceCountries = new Map(registry.entries.flatMap((entry) => (entry.country ? [[entry.key, entry.country] as const] : [])));
  // Compared by reading, not through the manifest: this is how files edited by hand are put right.
  rmSync(join(outDir, 'cache', MURMURATIONS_MANIFEST), { force: true });
  return writePublicFiles(join(outDir, 'public'), master, { generatedAt: (options.now ?? new Date()).toISOString(), sources, sourceCountries,
    cacheDir: join(outDir, 'cache') });
}
