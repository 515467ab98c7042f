/**
 * "Same organization — merge" / "Different organizations": records the coordinator's Decision in
 * the workbook (the next run honours it) and replaces the buttons with the outcome and who decided.
 * Anyone who is not a coordinator gets an ephemeral refusal and nothing is recorded.
 */
import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { pairKey } from '../../../../../shared/schema';
import { latestDecisions, type Decision, type DecisionOutcome, type ReviewItem } from '../../../workbook';
import { parsePairValue } from '../../blocks/pair-value';
import { reviewAlertMessage, type DecidedView } from '../../blocks/review-alert';
import { slackErrorOf } from '../../errors';
import type { ListenerDeps } from '../deps';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

export const REFUSAL = 'Only coordinators can decide duplicates. Ask one of them, or ask to be added to the coordinators.';
export const GONE = 'This pair is no longer in the Review tab (a later run changed it), so nothing was recorded.';

async function findItem(deps: ListenerDeps, value: string | undefined): Promise<ReviewItem | undefined> {
  const pair = parsePairValue(value);
  if (!pair) return undefined;
  const pairId = 'pair' in pair ? pair.pair : pairKey(pair.a, pair.b);
  // By the ids too, in case a person retyped the pair_id cell.
  return (await deps.workbook.readReview())
    .find((item) => item.pair_id === pairId || pairKey(item.a.id, item.b.id) === pairId);
}

/** The decision now in force for the pair, for showing who decided when this click changed nothing. */
async function decisionInForce(deps: ListenerDeps, item: ReviewItem): Promise<Decision | undefined> {
  return latestDecisions(await deps.workbook.readDecisions())
    .find((decision) => pairKey(decision.a, decision.b) === item.pair_id);
}

/**
 * When the person clicked, as Slack stamped the action (`action_ts`, Unix seconds): a delayed or
 * replayed click keeps its own time, so it cannot undo a decision made after it. A stamp from the
 * future (clock trouble) counts as now.
 */
export function actionTime(action: { readonly action_ts?: string }, now: Date): string {
  const seconds = Number(action.action_ts);
  if (!action.action_ts || !Number.isFinite(seconds) || seconds <= 0 || seconds * 1000 > now.getTime()) return now.toISOString();
  return new Date(seconds * 1000).toISOString();
}

export function resolveDuplicate(outcome: DecisionOutcome, deps: ListenerDeps): Middleware<ButtonArgs> {
  return async ({ ack, body, action, client, logger }) => {
    // Acknowledge first: Slack gives three seconds, and a Google Sheets write may take longer.
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? body.container.channel_id;
    const ts = body.message?.ts ?? body.container.message_ts;
    const tell = (text: string): Promise<unknown> => ephemeral(client, channel, user, text);

    if (!(await deps.coordinators.isCoordinator(user, client))) {
      logger.info(`refused a decision from ${user}: not a coordinator`);
      await tell(REFUSAL);
      return;
    }
    const decided = await deps.serial(async (): Promise<{ item: ReviewItem; view: DecidedView } | undefined> => {
      const item = await findItem(deps, action.value);
      if (!item) return undefined;
      const decision: Decision = {
        a: item.a.id, b: item.b.id, outcome, by: user, at: actionTime(action, deps.now()), note: 'Slack',
      };
      const recorded = await deps.workbook.appendDecision(decision);
      const shown = recorded ? decision : (await decisionInForce(deps, item)) ?? decision;
      return { item, view: { outcome: shown.outcome, by: shown.by, at: shown.at } };
    });
    if (!decided) {
      await tell(GONE);
      return;
    }
    if (!channel || !ts) return;
    const message = reviewAlertMessage(decided.item, {
      decided: decided.view, ...(deps.reviewUrl ? { reviewUrl: deps.reviewUrl } : {}),
    });
    try {
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    } catch (error) {
      // The decision is recorded; a stale message is only cosmetic, so log and carry on.
      logger.warn(`could not update the message after a decision: ${slackErrorOf(error)}`);
    }
  };
}

async function ephemeral(client: WebClient, channel: string | undefined, user: string, text: string): Promise<unknown> {
  if (!channel) return undefined;
  try {
    return await client.chat.postEphemeral({ channel, user, text });
  } catch {
    return undefined;
  }
}
