/** Front door of the source readers: one `SourceReader` per registry `kind`. */
import type { SourceKind } from '../../../shared/schema';
import { CiviCrmSourceReader } from './civicrm';
import { CsvSourceReader } from './csv-source';
import { GoogleSheetSourceReader } from './google-sheet';
import { MurmurationsSourceReader } from './murmurations';
import type { SourceReader } from './types';

export type { SourceRead, SourceReadContext, SourceReader, SourceSnapshot } from './types';
export { SnapshotStore } from './snapshot-store';
export { CiviCrmSourceReader, civicrmKeyVariable, CIVICRM_HEADERS } from './civicrm';
export { CsvSourceReader } from './csv-source';
export { GoogleSheetSourceReader } from './google-sheet';
export { MurmurationsSourceReader, MURMURATIONS_HEADER, parseIndexQuery } from './murmurations';

export type SourceReaders = { readonly [K in SourceKind]: SourceReader };

export function defaultReaders(): SourceReaders {
  return {
    csv: new CsvSourceReader(), civicrm: new CiviCrmSourceReader(), 'google-sheet': new GoogleSheetSourceReader(),
    murmurations: new MurmurationsSourceReader(),
  };
}
