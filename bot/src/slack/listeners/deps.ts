import type { Workbook } from '../../workbook';
import type { CoordinatorCheck } from '../coordinators';
import type { Serial } from '../serial';

/** What the listeners need besides Bolt's arguments; built once in app.ts. */
export interface ListenerDeps {
  readonly workbook: Workbook;
  readonly coordinators: CoordinatorCheck;
  /** Decisions are recorded one at a time. */
  readonly serial: Serial;
  readonly reviewUrl?: string;
  readonly now: () => Date;
}
