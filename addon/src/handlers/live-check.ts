/**
 * The onEdit simple trigger: re-checks only the edited rows. It runs in AuthMode.LIMITED for at
 * most 30 s, so it reads just two small document properties (never the decisions), the header
 * area and the edited rows, and quietly does nothing when it cannot help: a tab the member never
 * set up or checked, a huge paste, an edit to the header.
 */
import { readSettings } from '../core/settings';
import { isRegistered } from '../core/tabs';
import { LIVE_CHECK_MAX_ROWS, recheckRows } from './check';
import type { AddonContext } from './context';

export function liveCheck(ctx: AddonContext, firstRow: number, numRows: number): void {
  if (numRows > LIVE_CHECK_MAX_ROWS) return;
  if (!isRegistered(ctx.props, ctx.sheet.id())) return;
  if (!readSettings(ctx.props).liveCheck) return;
  recheckRows(ctx, firstRow, numRows);
}
