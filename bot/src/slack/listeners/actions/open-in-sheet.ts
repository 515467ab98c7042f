/**
 * "Open in sheet" is a link button: Slack opens the URL itself, but still sends the click, which
 * must be acknowledged or the person sees a warning.
 */
import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';

export const openInSheet: Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>> = async ({ ack }) => {
  await ack();
};
