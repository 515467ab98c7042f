/**
 * The interactive app end to end: a real Bolt App on a real HTTP port, signed requests as Slack
 * sends them, and its Web API calls answered by the local mock.
 */
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { createSlackApp, startSlackApp, type SlackApp } from '../../../bot/src/slack/app';
import { ACTION_IDS, BLOCK_IDS } from '../../../bot/src/slack/blocks/ids';
import { slackConfigFromEnv, type SlackConfig } from '../../../bot/src/slack/config';
import { GONE, REFUSAL } from '../../../bot/src/slack/listeners/actions/resolve-duplicate';
import { STATUS_REFUSAL } from '../../../bot/src/slack/listeners/commands/dcc';
import { openWorkbook, type ReviewItem, type RunRow, type Workbook } from '../../../bot/src/workbook';
import { expectOnlyLinks, fixture, hostileItem, reviewItems, textsIn } from './helpers/blocks';
import { MockSlackApi } from './helpers/mock-slack-api';
import { commandForm, payloadForm, sendSigned } from './helpers/signed-request';
import { useTempDirForAll } from '../../helpers/temp-dir';

const SECRET = 'test-signing-secret';
const REVIEW_URL = 'https://docs.google.com/spreadsheets/d/master/edit#gid=3';
const slack = new MockSlackApi();
const temp = useTempDirForAll('dcc-slack-app-');
let workbook: Workbook;
let slackApp: SlackApp;
let endpoint: string;

function config(): SlackConfig {
  return slackConfigFromEnv({
    SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl,
    DCC_SLACK_COORDINATORS: 'U0COORD, U0OTHER', DCC_SLACK_COORDINATOR_GROUP: 'S0COORDS', DCC_SLACK_REVIEW_URL: REVIEW_URL,
  });
}

beforeAll(async () => {
  await slack.start();
  slack.usergroups.set('S0COORDS', ['U0GROUPIE']);
  workbook = await openWorkbook({ kind: 'local', dir: temp.path });
  slackApp = createSlackApp({ config: config(), workbook, logLevel: process.env.DCC_TEST_DEBUG ? LogLevel.DEBUG : LogLevel.ERROR });
  const server = (await startSlackApp(slackApp, { port: 0, host: '127.0.0.1' })) as Server;
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await slackApp.app.stop();
  await slack.close();
});

beforeEach(async () => {
  rmSync(join(temp.path, 'decisions.csv'), { force: true });
  await workbook.writeReview([...reviewItems(), hostileItem()]);
  slack.calls.length = 0;
});

type Payload = { user: { id: string }; actions: { action_id: string; value: string }[] };

function click(options: { user?: string; action?: string; value?: string } = {}): Payload {
  const payload = fixture<Payload>('block-actions.json');
  const [action] = payload.actions;
  if (!action) throw new Error('fixture has no action');
  if (options.user) payload.user.id = options.user;
  if (options.action) action.action_id = options.action;
  if (options.value) action.value = options.value;
  return payload;
}

const send = (payload: object, options: { timestamp?: number; signature?: string } = {}) =>
  sendSigned(endpoint, payloadForm(payload), { secret: SECRET, ...options });

describe('request verification', () => {
  it('answers the url_verification challenge when signed', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c0ffee', type: 'url_verification' });
    const response = await sendSigned(endpoint, body, { secret: SECRET, contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: 'c0ffee' });
  });

  it('rejects a bad signature with 401 and records nothing', async () => {
    const response = await send(click(), { signature: `v0=${'0'.repeat(64)}` });
    expect(response.status).toBe(401);
    expect(await workbook.readDecisions()).toEqual([]);
  });

  it('rejects a body signed with another secret', async () => {
    const response = await sendSigned(endpoint, payloadForm(click()), { secret: 'not-the-secret' });
    expect(response.status).toBe(401);
  });

  it('rejects a timestamp older than five minutes with 401, even when correctly signed', async () => {
    const response = await send(click(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    expect(await workbook.readDecisions()).toEqual([]);
  });
});

describe('deciding a pair', () => {
  it('records exactly one decision and replaces the buttons with the outcome', async () => {
    const response = await send(click());
    expect(response.status).toBe(200);
    const [update] = await slack.waitForCalls('chat.update', 1);
    const decisions = await workbook.readDecisions();
    expect(decisions).toEqual([
      { a: 'coops:17', b: 'civi:204', outcome: 'merge', by: 'U0COORD', at: expect.any(String), note: 'Slack' },
    ]);
    expect(Date.parse(decisions[0]?.at ?? '')).not.toBeNaN();
    expect(update?.params).toMatchObject({ channel: 'C0REVIEW', ts: '1700000001.000100' });
    const blocks = update?.params.blocks as { block_id?: string }[];
    expect(blocks.some((block) => block.block_id === BLOCK_IDS.actions)).toBe(false);
    expect(textsIn(blocks).join('\n')).toContain('*Same organization — merge*, decided by <@U0COORD>');
    const item = (await workbook.readReview()).find((it) => it.pair_id === 'civi:204|coops:17');
    expect(item).toMatchObject({ status: 'merged', decided_by: 'U0COORD' });
    expect(slack.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('records "different organizations" as not-duplicate', async () => {
    await send(click({ action: ACTION_IDS.notDuplicate }));
    await slack.waitForCalls('chat.update', 1);
    expect((await workbook.readDecisions()).map((d) => d.outcome)).toEqual(['not-duplicate']);
  });

  it('records the same click twice only once', async () => {
    await send(click());
    await slack.waitForCalls('chat.update', 1);
    await send(click());
    const updates = await slack.waitForCalls('chat.update', 2);
    expect(await workbook.readDecisions()).toHaveLength(1);
    expect(textsIn(updates[1]?.params.blocks).join('\n')).toContain('decided by <@U0COORD>');
  });

  it('records two simultaneous identical clicks only once', async () => {
    await Promise.all([send(click()), send(click({ user: 'U0OTHER' })), send(click())]);
    await slack.waitForCalls('chat.update', 3);
    expect(await workbook.readDecisions()).toHaveLength(1);
  });

  it('refuses someone who is not a coordinator, ephemerally, and records nothing', async () => {
    await send(click({ user: 'U0RANDOM' }));
    const [refusal] = await slack.waitForCalls('chat.postEphemeral', 1);
    expect(refusal?.params).toMatchObject({ channel: 'C0REVIEW', user: 'U0RANDOM', text: REFUSAL });
    expect(await workbook.readDecisions()).toEqual([]);
    expect(slack.callsTo('chat.update')).toEqual([]);
    expect((await workbook.readReview()).every((item) => item.status !== 'open' || !item.decided_by)).toBe(true);
  });

  it('lets members of the coordinators user group decide', async () => {
    await send(click({ user: 'U0GROUPIE' }));
    await slack.waitForCalls('chat.update', 1);
    expect((await workbook.readDecisions()).map((d) => d.by)).toEqual(['U0GROUPIE']);
  });

  it('records nothing for a pair that is not in the Review tab', async () => {
    await send(click({ value: JSON.stringify({ a: 'forged:1', b: 'forged:2' }) }));
    const [reply] = await slack.waitForCalls('chat.postEphemeral', 1);
    expect(reply?.params.text).toBe(GONE);
    expect(await workbook.readDecisions()).toEqual([]);
  });

  it('records nothing for a malformed button value', async () => {
    await send(click({ value: '<!channel>' }));
    await slack.waitForCalls('chat.postEphemeral', 1);
    expect(await workbook.readDecisions()).toEqual([]);
  });

  it('keeps hostile names as text in the updated message', async () => {
    await send(click({ value: JSON.stringify({ a: 'evil:2', b: 'evil:1' }) }));
    const [update] = await slack.waitForCalls('chat.update', 1);
    const allowed = [REVIEW_URL, 'https://docs.google.com/spreadsheets/d/x/edit?a=1&b=2%7C%3C!here%3E', 'https://ok.example/?q=%3Cscript%3E'];
    for (const text of [String(update?.params.text), ...textsIn(update?.params.blocks)]) {
      expectOnlyLinks(text.replace('<@U0COORD>', ''), allowed);
    }
    expect((await workbook.readDecisions()).map((d) => [d.a, d.b])).toEqual([['evil:1', 'evil:2']]);
  });

  it('never lets a replayed older click undo a newer decision (each decision carries the time of its click)', async () => {
    const newer = click({ action: ACTION_IDS.notDuplicate });
    (newer.actions[0] as { action_ts?: string }).action_ts = '1700000020.000000';
    await send(newer);
    await slack.waitForCalls('chat.update', 1);
    await send(click());
    const updates = await slack.waitForCalls('chat.update', 2);
    expect((await workbook.readDecisions()).map((d) => [d.outcome, d.at]))
      .toEqual([['not-duplicate', new Date(1700000020 * 1000).toISOString()]]);
    expect(textsIn(updates[1]?.params.blocks).join('\n')).toContain('*Different organizations*');
  });

  it('answers a payload without a user with 400 and records nothing', async () => {
    const payload = click() as Partial<Payload>;
    delete payload.user;
    const response = await send(payload);
    expect(response.status).toBe(400);
    expect(await workbook.readDecisions()).toEqual([]);
  });

  it('acknowledges "Open in sheet" without recording anything', async () => {
    const response = await send(click({ action: ACTION_IDS.openInSheet }));
    expect(response.status).toBe(200);
    expect(await workbook.readDecisions()).toEqual([]);
  });
});

describe('/dcc', () => {
  let counter = 0;
  async function command(text: string, user = 'U0COORD'): Promise<string> {
    counter += 1;
    const id = `cmd${counter}`;
    const body = commandForm({
      token: 'legacy', team_id: 'T1', team_domain: 'example', channel_id: 'C0REVIEW', channel_name: 'coordinators',
      user_id: user, user_name: 'someone', command: '/dcc', text, api_app_id: 'A0DCC',
      is_enterprise_install: 'false', response_url: slack.responseUrl(id), trigger_id: '1.2.3',
    });
    const response = await sendSigned(endpoint, body, { secret: SECRET });
    expect(response.status).toBe(200);
    const calls = await slack.waitForCalls('response_url', 1);
    const reply = calls.at(-1)?.params as { response_type: string; text: string };
    expect(reply.response_type).toBe('ephemeral');
    slack.calls.length = 0;
    return reply.text;
  }

  it('status summarises the last run from Runs, escaping its errors', async () => {
    const run: RunRow = {
      run_id: 'run-2026-11-25', started_at: '2026-11-25T06:00:00.000Z', finished_at: '2026-11-25T06:02:00.000Z',
      status: 'partial', sources: 4, records_read: 1234, held_back: 2, merged: 12, new: 3, master_rows: 1100,
      review_open: 4, stale_sources: ['civi'], errors: ['civi: <!channel> timeout & retry'],
    };
    expect(await command('status')).toContain('No aggregation run');
    await workbook.appendRun(run);
    const text = await command('status');
    expect(text).toContain('*Last run* run-2026-11-25: *partial*');
    expect(text).toContain('4 sources · 1,234 records read · 12 merged · 3 new · 1,100 master rows · 4 pairs wait for review');
    expect(text).toContain('civi: &lt;!channel&gt; timeout &amp; retry');
  });

  it('status is only for coordinators', async () => {
    await workbook.appendRun({
      run_id: 'run-x', started_at: '2026-11-25T06:00:00.000Z', finished_at: '2026-11-25T06:02:00.000Z', status: 'partial',
      sources: 1, records_read: 1, held_back: 0, merged: 0, new: 0, master_rows: 1, review_open: 0, stale_sources: [],
      errors: ['crm: refused http://10.0.0.5'],
    });
    const text = await command('status', 'U0RANDOM');
    expect(text).toBe(STATUS_REFUSAL);
    expect(await command('status', 'U0GROUPIE')).toContain('*Last run* run-x');
  });

  it('review counts the pairs waiting, with a link', async () => {
    const text = await command('review');
    expect(text).toContain(`*3 pairs wait for review.* <${REVIEW_URL}|Open the Review tab>`);
    expect(text).toContain('• 92%  Bread &amp; Roses Bakery Cooperative / Bread and Roses Bakery Co-op');
    expectOnlyLinks(text, [REVIEW_URL]);
  });

  it('anything else shows the usage', async () => {
    expect(await command('')).toContain('Usage:');
    expect(await command('<!here>')).toContain('Usage:');
  });
});

describe('createSlackApp', () => {
  it('uses Socket Mode when an app token is set', () => {
    const socket = createSlackApp({ config: { ...config(), appToken: 'xapp-test' }, workbook, logLevel: LogLevel.ERROR });
    expect(socket.mode).toBe('socket');
  });

  it('checks the bot token before listening, and says when Slack refuses it', async () => {
    slack.failNext('auth.test', 'invalid_auth');
    const refused = createSlackApp({ config: config(), workbook, logLevel: LogLevel.ERROR });
    await expect(startSlackApp(refused, { port: 0, host: '127.0.0.1' }))
      .rejects.toThrow('Slack did not accept SLACK_BOT_TOKEN: invalid_auth');
  });

  it('refuses to start HTTP mode without a signing secret', () => {
    const { signingSecret: _unused, ...rest } = config();
    expect(() => createSlackApp({ config: rest, workbook })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('refuses to start without a bot token', () => {
    const { botToken: _unused, ...rest } = config();
    expect(() => createSlackApp({ config: rest, workbook })).toThrow(/SLACK_BOT_TOKEN/);
  });
});

export type { ReviewItem };
