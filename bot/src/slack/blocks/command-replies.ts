/**
 * Replies to `/dcc status` and `/dcc review`, as mrkdwn text. Run errors and listing names come
 * from sheets and sources, so they are escaped like everything else.
 */
import { formatCount, plural } from '../../../../shared/format/counts';
import type { ReviewItem, RunRow } from '../../workbook';
import { clipMrkdwn, mrkdwnLink, mrkdwnText, safeUrl } from '../escape';
import { LIMITS } from './limits';
import { percent } from './review-alert';

const n = formatCount;

export const USAGE = 'Usage: `/dcc status` (the last aggregation run) · `/dcc review` (pairs waiting for a decision)';

export function statusReply(runs: readonly RunRow[]): string {
  const run = runs.at(-1);
  if (!run) return 'No aggregation run is recorded yet.';
  const lines = [
    `*Last run* ${mrkdwnText(run.run_id, 80)}: *${mrkdwnText(run.status, 20)}*, finished ${mrkdwnText(run.finished_at || run.started_at, 40)}`,
    [
      plural(run.sources, 'source', 'sources'), plural(run.records_read, 'record read', 'records read'),
      `${n(run.merged)} merged`, `${n(run.new)} new`, plural(run.master_rows, 'master row', 'master rows'),
      `${plural(run.review_open, 'pair waits', 'pairs wait')} for review`,
    ].join(' · '),
  ];
  if (run.held_back > 0) lines.push(`${plural(run.held_back, 'row', 'rows')} held back`);
  if (run.stale_sources.length > 0) {
    lines.push(`Kept from an earlier run: ${run.stale_sources.map((key) => mrkdwnText(key, 80)).join(', ')}`);
  }
  if (run.errors.length > 0) {
    lines.push('*Problems*', ...run.errors.slice(0, 10).map((line) => `• ${mrkdwnText(line, 300)}`));
    if (run.errors.length > 10) lines.push(`…and ${run.errors.length - 10} more`);
  }
  return clipMrkdwn(lines.join('\n'), LIMITS.messageText);
}

export function reviewReply(items: readonly ReviewItem[], reviewUrl: string | undefined): string {
  const open = items.filter((item) => item.status === 'open').sort((x, y) => y.probability - x.probability);
  const link = reviewUrl && safeUrl(reviewUrl) ? ` ${mrkdwnLink(reviewUrl, 'Open the Review tab', 3000)}` : '';
  if (open.length === 0) return `No pairs wait for review.${link}`;
  const lines = [
    `*${plural(open.length, 'pair waits', 'pairs wait')} for review.*${link}`,
    ...open.slice(0, 5).map((item) =>
      `• ${percent(item.probability)}  ${mrkdwnText(item.a.name || item.a.id, 120)} / ${mrkdwnText(item.b.name || item.b.id, 120)}`),
  ];
  if (open.length > 5) lines.push(`…and ${n(open.length - 5)} more`);
  return clipMrkdwn(lines.join('\n'), LIMITS.messageText);
}
