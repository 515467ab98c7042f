/**
 * The onEdit simple trigger: re-checks only the edited rows. It runs in AuthMode.LIMITED for at
 * most 30 s, so it reads just the header area and those rows, and quietly does nothing when it
 * cannot help (a huge paste, an edit to the header, a sheet that is not a directory).
 */
import { readSettings } from '../core/settings';
import { LIVE_CHECK_MAX_ROWS, recheckRows } from './check';
import type { AddonContext } from './context';

export function liveCheck(ctx: AddonContext, firstRow: number, numRows: number): void {
  if (numRows > LIVE_CHECK_MAX_ROWS || !readSettings(ctx.props).liveCheck) return;
  recheckRows(ctx, firstRow, numRows);
}
