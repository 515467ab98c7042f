/** Listeners alone: fake ack and respond, a stub workbook, no Bolt routing. */
import type { Logger } from '@slack/bolt';
import { coordinatorCheck } from '../../../bot/src/slack/coordinators';
import type { ListenerDeps } from '../../../bot/src/slack/listeners/deps';
import { dccCommand } from '../../../bot/src/slack/listeners/commands/dcc';
import { serial } from '../../../bot/src/slack/serial';
import type { Workbook } from '../../../bot/src/workbook';
import { reviewItems } from './helpers/blocks';

const logger = { error: jest.fn(), warn: jest.fn(), info: jest.fn(), debug: jest.fn() } as unknown as Logger;

function deps(workbook: Partial<Workbook>): ListenerDeps {
  return {
    workbook: { location: '/tmp/wb', ...workbook } as Workbook,
    coordinators: coordinatorCheck({ coordinators: ['U0COORD'] }),
    serial: serial(),
    now: () => new Date('2026-11-25T10:00:00Z'),
  };
}

async function runCommand(listenerDeps: ListenerDeps, text: string): Promise<{ acked: number; replies: unknown[] }> {
  const state = { acked: 0, replies: [] as unknown[] };
  const listener = dccCommand(listenerDeps);
  await listener({
    ack: async () => { state.acked += 1; },
    respond: async (reply: unknown) => { state.replies.push(reply); },
    command: { text, user_id: 'U0COORD' },
    logger,
  } as unknown as Parameters<typeof listener>[0]);
  return state;
}

describe('/dcc listener', () => {
  it('acknowledges before reading the workbook, then replies privately', async () => {
    const order: string[] = [];
    const listenerDeps = deps({ readReview: async () => { order.push('read'); return reviewItems(); } });
    const listener = dccCommand(listenerDeps);
    await listener({
      ack: async () => { order.push('ack'); },
      respond: async () => { order.push('respond'); },
      command: { text: 'review' },
      logger,
    } as unknown as Parameters<typeof listener>[0]);
    expect(order).toEqual(['ack', 'read', 'respond']);
  });

  it('says the pairs waiting without a link when the workbook is a local folder', async () => {
    const { replies } = await runCommand(deps({ readReview: async () => reviewItems() }), '  REVIEW  extra');
    expect(replies).toEqual([{ response_type: 'ephemeral', text: expect.stringMatching(/^\*2 pairs wait for review\.\*\n/) }]);
  });

  it('answers politely when the workbook cannot be read', async () => {
    const { acked, replies } = await runCommand(deps({ readRuns: async () => { throw new Error('quota'); } }), 'status');
    expect(acked).toBe(1);
    expect(replies).toEqual([{ response_type: 'ephemeral', text: 'The workbook could not be read just now; try again in a minute.' }]);
  });

  it('says when nothing waits', async () => {
    const { replies } = await runCommand(deps({ readReview: async () => [] }), 'review');
    expect(replies).toEqual([{ response_type: 'ephemeral', text: 'No pairs wait for review.' }]);
  });
});
