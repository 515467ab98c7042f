/**
 * The message for one probable duplicate: both records side by side, the probability and the
 * engine's reasons, and the decision buttons, or, once decided, who decided what in their place.
 * Every piece of sheet data is escaped (`escape.ts`) and clipped to Block Kit's limits.
 */
import type { types } from '@slack/bolt';
import type { DecisionOutcome, ReviewItem, ReviewSide } from '../../workbook';
import { clipMrkdwn, mrkdwnLink, mrkdwnText, plainText, safeUrl } from '../escape';
import { ACTION_IDS, BLOCK_IDS } from './ids';
import { LIMITS } from './limits';
import { pairValue } from './pair-value';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: types.KnownBlock[];
}

export interface DecidedView {
  readonly outcome: DecisionOutcome;
  /** A Slack user id (shown as a mention) or anything else (shown as text). */
  readonly by: string;
  readonly at: string;
}

export interface ReviewAlertOptions {
  /** The Review tab, for "Open in sheet"; without it the button links to a row, or is left out. */
  readonly reviewUrl?: string;
  /** Set once a person has decided: the buttons give way to the outcome. */
  readonly decided?: DecidedView;
}

export const OUTCOME_LABELS: { readonly [O in DecisionOutcome]: string } = {
  merge: 'Same organization — merge',
  'not-duplicate': 'Different organizations',
};

const EMPTY = '—';
/** Room left in a field for the value once its label is added. */
const VALUE_ROOM = LIMITS.fieldText - 40;

export const percent = (probability: number): string =>
  `${Math.round(Math.min(1, Math.max(0, Number.isFinite(probability) ? probability : 0)) * 100)}%`;

const field = (label: string, value: string): types.MrkdwnElement =>
  ({ type: 'mrkdwn', text: clipMrkdwn(`_${label}_\n${value === '' ? EMPTY : value}`, LIMITS.fieldText) });

function sideFields(side: ReviewSide): types.MrkdwnElement[] {
  const link = safeUrl(side.link) ? ` · ${mrkdwnLink(side.link, 'row in sheet', 400)}` : '';
  return [
    { type: 'mrkdwn', text: `*${side.name.trim() === '' ? EMPTY : mrkdwnText(side.name, VALUE_ROOM)}*` },
    field('Address', mrkdwnText(side.address, VALUE_ROOM)),
    field('Phone', mrkdwnText(side.phone, VALUE_ROOM)),
    field('Website', side.website === '' ? '' : mrkdwnLink(side.website, side.website, VALUE_ROOM)),
    field('Source', `${mrkdwnText(side.source, VALUE_ROOM - 500)}${link}`),
  ];
}

/** Slack user ids become mentions; a name or an email (decided in the sheet) stays text. */
export function whoDecided(by: string): string {
  return /^[UW](?=[A-Z]*\d)[A-Z0-9]{6,20}$/.test(by) ? `<@${by}>` : mrkdwnText(by || 'someone', 200);
}

function sheetUrl(item: ReviewItem, reviewUrl: string | undefined): string | undefined {
  const candidates = [reviewUrl ?? '', item.a.link, item.b.link];
  return candidates.map(safeUrl).find((url) => url !== undefined && url.length <= LIMITS.buttonUrl);
}

function actions(item: ReviewItem, reviewUrl: string | undefined): types.ActionsBlock {
  const value = pairValue(item);
  const url = sheetUrl(item, reviewUrl);
  const button = (text: string): types.PlainTextElement =>
    ({ type: 'plain_text', text: plainText(text, LIMITS.buttonText), emoji: true });
  return {
    type: 'actions',
    block_id: BLOCK_IDS.actions,
    elements: [
      { type: 'button', action_id: ACTION_IDS.merge, style: 'primary', text: button(OUTCOME_LABELS.merge), value },
      { type: 'button', action_id: ACTION_IDS.notDuplicate, text: button(OUTCOME_LABELS['not-duplicate']), value },
      ...(url ? [{ type: 'button' as const, action_id: ACTION_IDS.openInSheet, text: button('Open in sheet'), url }] : []),
    ],
  };
}

function outcome(decided: DecidedView): types.SectionBlock {
  const icon = decided.outcome === 'merge' ? ':white_check_mark:' : ':heavy_minus_sign:';
  const when = decided.at ? ` at ${mrkdwnText(decided.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'), 40)}` : '';
  return {
    type: 'section',
    block_id: BLOCK_IDS.outcome,
    text: { type: 'mrkdwn', text: `${icon} *${OUTCOME_LABELS[decided.outcome]}*, decided by ${whoDecided(decided.by)}${when}` },
  };
}

/** The notification line: what a phone shows, so it is escaped like the rest. */
export function alertText(item: ReviewItem): string {
  const name = (side: ReviewSide): string => mrkdwnText(side.name || side.id, 1000);
  return clipMrkdwn(`Possible duplicate (${percent(item.probability)}): ${name(item.a)} / ${name(item.b)}`,
    LIMITS.messageText);
}

export function reviewAlertMessage(item: ReviewItem, options: ReviewAlertOptions = {}): SlackMessage {
  const a = sideFields(item.a);
  const b = sideFields(item.b);
  // Fields render in two columns, so interleaving puts each attribute of A beside the same one of B.
  const fields = a.flatMap((fieldA, i) => [fieldA, b[i] ?? field('', '')]).slice(0, LIMITS.fieldsPerSection);
  const reasons = item.reasons.length === 0
    ? 'no reasons recorded'
    : item.reasons.slice(0, 40).map((reason) => mrkdwnText(reason, 300)).join(' · ');
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Possible duplicate:* ${percent(item.probability)} likely the same organization` },
    },
    { type: 'section', block_id: BLOCK_IDS.records, fields },
    {
      type: 'section',
      block_id: BLOCK_IDS.reasons,
      text: { type: 'mrkdwn', text: clipMrkdwn(`*Why:* ${reasons}`, LIMITS.sectionText) },
    },
    {
      type: 'context',
      elements: [{
        type: 'mrkdwn',
        text: `${mrkdwnText(item.a.id, 200)} ↔ ${mrkdwnText(item.b.id, 200)}${item.created ? ` · queued ${mrkdwnText(item.created, 40)}` : ''}`,
      }],
    },
    options.decided ? outcome(options.decided) : actions(item, options.reviewUrl),
  ];
  return { text: alertText(item), blocks };
}
