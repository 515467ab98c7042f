import { join } from 'node:path';
// Not through slack/index.ts: that front door also holds the Slack app, and loading Bolt costs
// every aggregate run a quarter of a second it never uses.
import { postReviewAlerts, type PostReviewAlertsResult } from '../../slack/alerts/post-review-alerts';
import { slackConfigFromEnv } from '../../slack/config';
import type { ReviewItem, Workbook } from '../../workbook';

export interface AlertOutcome {
  readonly result?: PostReviewAlertsResult;
  /** Set when Slack is misconfigured: the run still succeeds, and says so. */
  readonly problem?: string;
}

/**
 * Announces new probable duplicates once the Review tab is written. Slack being down or
 * misconfigured never fails a run: the pairs stay in Review and are announced next time.
 */
export async function alertStage(options: {
  readonly workbook: Workbook;
  readonly review: readonly ReviewItem[];
  readonly outDir: string;
  readonly env: { readonly [name: string]: string | undefined };
  readonly log: (line: string) => void;
}): Promise<AlertOutcome> {
  let config;
  try {
    config = slackConfigFromEnv(options.env);
  } catch (error) {
    return { problem: `slack: ${(error as Error).message}` };
  }
  const result = await postReviewAlerts({
    workbook: options.workbook, items: options.review, config, alertsPath: join(options.outDir, 'alerts.jsonl'), log: options.log,
  });
  return { result, ...(result.errors.length ? { problem: `slack: ${result.errors.length} alert(s) not posted (${result.errors[0]?.detail})` } : {}) };
}
