/**
 * `/dcc status` and `/dcc review`, answered only to the person who asked. The reply goes through
 * `respond` after the acknowledgement, because reading a Google workbook can outlast Slack's three seconds.
 * `status` is for coordinators only: a run's errors name sources, addresses and files.
 */
import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { reviewReply, statusReply, USAGE } from '../../blocks/command-replies';
import type { ListenerDeps } from '../deps';

export const COMMAND = '/dcc';
export const STATUS_REFUSAL = 'Only coordinators can see the run status. Ask one of them, or ask to be added to the coordinators.';

export function dccCommand(deps: ListenerDeps): Middleware<SlackCommandMiddlewareArgs> {
  return async ({ ack, command, respond, logger, client }) => {
    await ack();
    const verb = command.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    let text: string;
    try {
      if (verb === 'status' && !(await deps.coordinators.isCoordinator(command.user_id ?? '', client))) text = STATUS_REFUSAL;
      else if (verb === 'status') text = statusReply(await deps.workbook.readRuns());
      else if (verb === 'review') text = reviewReply(await deps.workbook.readReview(), deps.reviewUrl);
      else text = USAGE;
    } catch (error) {
      logger.error(`/dcc ${verb}: ${error instanceof Error ? error.message : String(error)}`);
      text = 'The workbook could not be read just now; try again in a minute.';
    }
    await respond({ response_type: 'ephemeral', text });
  };
}
