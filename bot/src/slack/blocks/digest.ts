/**
 * One message instead of many when a run queues more pairs than the channel should see at once.
 * The pairs themselves follow as replies in its thread, each with its buttons.
 */
import type { types } from '@slack/bolt';
import type { ReviewItem } from '../../workbook';
import { clipMrkdwn, mrkdwnText, plainText, safeUrl } from '../escape';
import { ACTION_IDS } from './ids';
import { LIMITS } from './limits';
import { percent, type SlackMessage } from './review-alert';

export interface DigestOptions {
  /** How many of `items` are posted in the thread this run. */
  readonly inThread: number;
  readonly reviewUrl?: string;
}

const LISTED = 15;

export function digestMessage(items: readonly ReviewItem[], options: DigestOptions): SlackMessage {
  const total = items.length;
  const noun = total === 1 ? 'possible duplicate' : 'possible duplicates';
  const lines = items.slice(0, LISTED).map((item) =>
    `• ${percent(item.probability)}  ${mrkdwnText(item.a.name || item.a.id, 120)} / ${mrkdwnText(item.b.name || item.b.id, 120)}`);
  if (total > LISTED) lines.push(`…and ${total - LISTED} more`);
  const later = total - options.inThread;
  const thread = later > 0
    ? `The first ${options.inThread} are in this thread to decide; ${later} more follow after the next runs.`
    : 'Each one is in this thread to decide.';
  const url = safeUrl(options.reviewUrl ?? '');
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${total} new ${noun}* to review. ${thread}` } },
    { type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(lines.join('\n'), LIMITS.sectionText) } },
  ];
  if (url && url.length <= LIMITS.buttonUrl) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: ACTION_IDS.openInSheet, url,
        text: { type: 'plain_text', text: plainText('Open the Review tab', LIMITS.buttonText) } }],
    });
  }
  return { text: `${total} new ${noun} to review`, blocks };
}
