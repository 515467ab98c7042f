/**
 * Front door of the master workbook. Callers (the aggregation job, the Slack app) use
 * `openWorkbook` and the types; the backends stay behind it.
 */
import type { GoogleWorkbook } from './google';
import { LocalWorkbook } from './local';
import type { OpenWorkbook, Workbook, WorkbookLocation } from './types';

export type {
  Decision, DecisionOutcome, GoogleWorkbookLocation, LocalWorkbookLocation, MasterRow, OpenWorkbook, ReviewItem,
  ReviewSide, ReviewStatus, RunRow, Workbook, WorkbookLocation,
} from './types';
export { latestDecisions } from './tabs';

/**
 * Opens the workbook at a location. A local folder is created on first write; a Google
 * spreadsheet must exist and be shared with the service account (credentials from the environment:
 * GOOGLE_APPLICATION_CREDENTIALS), and its missing tabs are added on first write.
 */
export const openWorkbook: OpenWorkbook = async (location: WorkbookLocation): Promise<Workbook> => {
  if (location.kind === 'local') return new LocalWorkbook(location.dir);
  // Loaded on first use, so runs without a Google workbook never load the client library.
  // `require`, not `import()`: the CLI runs through tsx's CommonJS hook, and an `import()` there
  // goes to Node's own ESM loader, which cannot resolve an extensionless TypeScript path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const google = require('./google') as { GoogleWorkbook: typeof GoogleWorkbook };
  return google.GoogleWorkbook.open(location);
};
