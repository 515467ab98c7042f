/**
 * Slack settings, all from the environment so the same job runs on a laptop, in CI and on a server
 * without a config file. Nothing here is required: with no bot token, alerts go to a file instead.
 */
import { DccError } from '../errors';
export interface SlackConfig {
  /** `xoxb-…`: posting alerts, updating messages, reading user groups. */
  readonly botToken?: string;
  /** Verifies that HTTP requests come from Slack. Required for HTTP mode. */
  readonly signingSecret?: string;
  /** `xapp-…`: when set, the app connects over Socket Mode instead of listening for HTTP. */
  readonly appToken?: string;
  /** Web API base, `https://slack.com/api/` unless pointed elsewhere (a proxy, or a local mock in tests). */
  readonly apiUrl?: string;
  /** Channel id the alerts go to (the coordinators' channel). */
  readonly channel?: string;
  /** Slack user ids allowed to decide. */
  readonly coordinators: readonly string[];
  /** A user group (`S…`) whose members may decide too. */
  readonly coordinatorGroup?: string;
  /** More new pairs than this in one run: one digest message, with the pairs as replies in its thread. */
  readonly digestOver: number;
  /** At most this many pairs are posted per run; the rest wait for the next run. */
  readonly maxPerRun: number;
  /** The Review tab, for "Open in sheet" and `/dcc review`; defaults to the workbook when it is a URL. */
  readonly reviewUrl?: string;
}

export const DEFAULT_DIGEST_OVER = 10;
export const DEFAULT_MAX_PER_RUN = 50;

type Env = { readonly [name: string]: string | undefined };

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

function count(value: string | undefined, fallback: number, name: string): number {
  if (text(value) === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new DccError(`${name} must be a whole number, not "${value}"`, 'dcc_config');
  return parsed;
}

/** Reads SLACK_* (Slack's own names) and DCC_SLACK_* (this project's settings). */
export function slackConfigFromEnv(env: Env = process.env): SlackConfig {
  const optional = {
    botToken: text(env.SLACK_BOT_TOKEN),
    signingSecret: text(env.SLACK_SIGNING_SECRET),
    appToken: text(env.SLACK_APP_TOKEN),
    apiUrl: text(env.SLACK_API_URL),
    channel: text(env.DCC_SLACK_CHANNEL),
    coordinatorGroup: text(env.DCC_SLACK_COORDINATOR_GROUP),
    reviewUrl: text(env.DCC_SLACK_REVIEW_URL),
  };
  return {
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    coordinators: (env.DCC_SLACK_COORDINATORS ?? '').split(/[\s,]+/).filter((id) => id !== ''),
    digestOver: count(env.DCC_SLACK_DIGEST_OVER, DEFAULT_DIGEST_OVER, 'DCC_SLACK_DIGEST_OVER'),
    maxPerRun: count(env.DCC_SLACK_MAX_PER_RUN, DEFAULT_MAX_PER_RUN, 'DCC_SLACK_MAX_PER_RUN'),
  };
}

/** The link behind "Open in sheet": the configured one, else the workbook itself when it is a web address. */
export function reviewUrlOf(config: SlackConfig, workbookLocation: string): string | undefined {
  if (config.reviewUrl) return config.reviewUrl;
  return /^https:\/\//i.test(workbookLocation) ? workbookLocation : undefined;
}
