/**
 * Failures the Slack side reports, by code, so the job summary and the CLI switch on `code`.
 */
export const SlackErrorCode = {
  /** Slack refused or could not be reached; `detail` holds Slack's own error (`channel_not_found`…). */
  PostFailed: 'dcc_slack_post_failed',
  /** The app cannot start: a required setting is missing. */
  NotConfigured: 'dcc_slack_not_configured',
} as const;
export type SlackErrorCode = (typeof SlackErrorCode)[keyof typeof SlackErrorCode];

export class SlackConfigError extends Error {
  readonly code = SlackErrorCode.NotConfigured;
  constructor(message: string) {
    super(message);
    this.name = 'SlackConfigError';
  }
}

interface WebApiErrorShape {
  code?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

/** Slack's error string for a Web API failure (`channel_not_found`, `ratelimited`…), else the client's code. */
export function slackErrorOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const shape = error as WebApiErrorShape;
  if (typeof shape.data?.error === 'string') return shape.data.error;
  if (typeof shape.code === 'string') return shape.code;
  return typeof shape.message === 'string' ? shape.message : 'unknown_error';
}

/** Errors that concern one message only; anything else (auth, channel, network) stops the batch. */
const PER_MESSAGE = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long',
  'invalid_arguments', 'too_many_attachments']);

export const affectsOnlyThisMessage = (slackError: string): boolean => PER_MESSAGE.has(slackError);
