import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../blocks/ids';
import { openInSheet } from './actions/open-in-sheet';
import { resolveDuplicate } from './actions/resolve-duplicate';
import { COMMAND, dccCommand } from './commands/dcc';
import type { ListenerDeps } from './deps';

/** Every listener the app answers, one file each. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_IDS.merge }, resolveDuplicate('merge', deps));
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: ACTION_IDS.notDuplicate }, resolveDuplicate('not-duplicate', deps));
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: ACTION_IDS.openInSheet }, openInSheet);
  app.command(COMMAND, dccCommand(deps));
}
