/**
 * Announces new probable duplicates after an aggregation run. Called by the job, so it works
 * whether or not the interactive app is running: each open Review pair not yet announced is
 * posted once to the coordinators' channel (chat.postMessage), or, with no bot token or channel
 * configured, appended to an alerts file and printed. It never throws for Slack's sake: failures
 * come back in `errors` and the pairs not posted are tried again on the next run.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WebClient } from '@slack/web-api';
import type { ReviewItem, Workbook } from '../../workbook';
import { digestMessage } from '../blocks/digest';
import { percent, reviewAlertMessage, type SlackMessage } from '../blocks/review-alert';
import { createWebClient } from '../client';
import { reviewUrlOf, type SlackConfig } from '../config';
import { SlackErrorCode, affectsOnlyThisMessage, slackErrorOf } from '../errors';
import { stripControls } from '../escape';
import { FilePostedLedger, type PostedLedger } from './posted-ledger';

export interface PostReviewAlertsOptions {
  readonly workbook: Pick<Workbook, 'location'>;
  /** The Review tab after the run; only open pairs not announced before are posted. */
  readonly items: readonly ReviewItem[];
  readonly config: SlackConfig;
  /** Where alerts go without a bot token or channel (the job passes `out/alerts.jsonl`). */
  readonly alertsPath: string;
  /** Which pairs were announced; defaults to `cache/slack-posted.jsonl` beside the alerts file. */
  readonly ledger?: PostedLedger;
  /** Injected in tests; otherwise built from the config. */
  readonly client?: WebClient;
  /** One line per alert or problem; the console by default. */
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

export interface AlertError {
  readonly code: typeof SlackErrorCode.PostFailed;
  /** Slack's error, e.g. `channel_not_found`. */
  readonly detail: string;
  readonly pair_id?: string;
}

export interface PostReviewAlertsResult {
  readonly destination: 'slack' | 'file';
  /** Pairs announced this run. */
  readonly posted: number;
  /** New pairs not announced this run (over the per-run cap, or after an error): next run tries again. */
  readonly skipped: number;
  /** Open pairs already announced on an earlier run. */
  readonly alreadyPosted: number;
  /** Announced pairs since decided in the sheet whose messages now show the outcome instead of buttons. */
  readonly closed: number;
  readonly digest: boolean;
  readonly errors: readonly AlertError[];
}

export const FILE_DESTINATION = 'file';

/**
 * In the output folder's cache/, beside the source snapshots, because that is the folder a
 * scheduled runner keeps between runs: losing the ledger would announce every open pair again.
 */
export const defaultLedgerPath = (alertsPath: string): string => join(dirname(alertsPath), 'cache', 'slack-posted.jsonl');

/** Highest probability first, so a capped run posts the likeliest duplicates. */
const byProbability = (x: ReviewItem, y: ReviewItem): number =>
  y.probability - x.probability || (x.pair_id < y.pair_id ? -1 : x.pair_id > y.pair_id ? 1 : 0);

export async function postReviewAlerts(options: PostReviewAlertsOptions): Promise<PostReviewAlertsResult> {
  const { config } = options;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const ledger = options.ledger ?? new FilePostedLedger(defaultLedgerPath(options.alertsPath));
  const toSlack = Boolean((options.client || config.botToken) && config.channel);
  const destination = toSlack ? (config.channel ?? '') : FILE_DESTINATION;

  const open = options.items.filter((item) => item.status === 'open');
  const fresh = open.filter((item) => !ledger.has(destination, item.pair_id)).sort(byProbability);
  const alreadyPosted = open.length - fresh.length;

  if (!toSlack) {
    for (const item of fresh) {
      writeAlertLine(options.alertsPath, item, now());
      ledger.record({ pair_id: item.pair_id, destination, posted_at: now().toISOString() });
      log(consoleLine(item));
    }
    return { destination: 'file', posted: fresh.length, skipped: 0, alreadyPosted, closed: 0, digest: false, errors: [] };
  }

  const client = options.client ?? createWebClient(config);
  const channel = config.channel ?? '';
  const reviewUrl = reviewUrlOf(config, options.workbook.location);
  const batch = fresh.slice(0, config.maxPerRun);
  const errors: AlertError[] = [];
  let posted = 0;
  let threadTs: string | undefined;
  const digest = fresh.length > config.digestOver && batch.length > 0;

  const post = async (message: SlackMessage): Promise<string | undefined> => {
    const response = await client.chat.postMessage({
      channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return response.ts;
  };

  let closed = 0;
  try {
    closed = await closeDecided(options.items, { client, channel, ledger, now, log, ...(reviewUrl ? { reviewUrl } : {}) });
    if (digest) {
      threadTs = await post(digestMessage(fresh, { inThread: batch.length, ...(reviewUrl ? { reviewUrl } : {}) }));
    }
    for (const item of batch) {
      try {
        const ts = await post(reviewAlertMessage(item, reviewUrl ? { reviewUrl } : {}));
        ledger.record({ pair_id: item.pair_id, destination, ...(ts ? { ts } : {}), posted_at: now().toISOString() });
        posted += 1;
      } catch (error) {
        const detail = slackErrorOf(error);
        if (!affectsOnlyThisMessage(detail)) throw error;
        errors.push({ code: SlackErrorCode.PostFailed, detail, pair_id: item.pair_id });
        log(`Slack refused the alert for ${stripControls(item.pair_id)}: ${detail}`);
      }
    }
  } catch (error) {
    const detail = slackErrorOf(error);
    errors.push({ code: SlackErrorCode.PostFailed, detail });
    log(`Slack alerts stopped: ${detail}`);
  }
  return { destination: 'slack', posted, skipped: fresh.length - posted, alreadyPosted, closed, digest, errors };
}

interface CloseContext {
  readonly client: WebClient;
  readonly channel: string;
  readonly ledger: PostedLedger;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly reviewUrl?: string;
}

/**
 * Pairs decided in the sheet since their alert was posted: replace the alert's buttons with the
 * outcome, so nobody overrides the decision from a stale message. Decisions made in Slack were
 * shown at click time; updating them again is harmless and closes them in the ledger.
 */
async function closeDecided(items: readonly ReviewItem[], context: CloseContext): Promise<number> {
  let closed = 0;
  for (const item of items) {
    if (item.status === 'open') continue;
    const entry = context.ledger.get(context.channel, item.pair_id);
    if (!entry?.ts || entry.closed_at) continue;
    const message = reviewAlertMessage(item, {
      decided: {
        outcome: item.status === 'merged' ? 'merge' : 'not-duplicate', by: item.decided_by ?? '', at: item.decided_at ?? '',
      },
      ...(context.reviewUrl ? { reviewUrl: context.reviewUrl } : {}),
    });
    try {
      await context.client.chat.update({ channel: context.channel, ts: entry.ts, text: message.text, blocks: message.blocks });
      closed += 1;
    } catch (error) {
      const detail = slackErrorOf(error);
      // A deleted or too-old message cannot be updated; anything else stops the run's Slack work.
      if (detail !== 'message_not_found' && detail !== 'cant_update_message' && detail !== 'edit_window_closed') throw error;
      context.log(`Slack alert for ${stripControls(item.pair_id)} could not be updated: ${detail}`);
    }
    context.ledger.record({ ...entry, closed_at: context.now().toISOString() });
  }
  return closed;
}

function writeAlertLine(path: string, item: ReviewItem, at: Date): void {
  mkdirSync(dirname(path), { recursive: true });
  const { text, blocks } = reviewAlertMessage(item);
  appendFileSync(path, `${JSON.stringify({
    at: at.toISOString(), pair_id: item.pair_id, probability: item.probability, reasons: item.reasons,
    a: item.a, b: item.b, text, blocks,
  })}\n`);
}

/** Control characters are stripped so a hostile cell cannot rewrite the operator's terminal. */
function consoleLine(item: ReviewItem): string {
  const side = (s: ReviewItem['a']): string => stripControls(`${s.name || s.id} (${s.source})`);
  return `Possible duplicate ${percent(item.probability)}: ${side(item.a)} / ${side(item.b)}; ${stripControls(item.reasons.join(', '))}`;
}
