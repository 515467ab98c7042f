/**
 * Front door of the Slack side. The aggregation job calls `postReviewAlerts` after each run;
 * `dcc slack` calls `createSlackApp`. Everything else here is internal.
 */
export { postReviewAlerts, defaultLedgerPath } from './alerts/post-review-alerts';
export type { AlertError, PostReviewAlertsOptions, PostReviewAlertsResult } from './alerts/post-review-alerts';
export { FilePostedLedger } from './alerts/posted-ledger';
export type { PostedEntry, PostedLedger } from './alerts/posted-ledger';
export { createSlackApp, startSlackApp } from './app';
export type { SlackApp, SlackAppOptions } from './app';
export { reviewAlertMessage } from './blocks/review-alert';
export { slackConfigFromEnv } from './config';
export type { SlackConfig } from './config';
export { SlackErrorCode } from './errors';
export { escapeMrkdwn } from './escape';
