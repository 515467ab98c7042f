import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogLevel, WebClient, WebClientEvent } from '@slack/web-api';
import { FilePostedLedger } from '../../../bot/src/slack/alerts/posted-ledger';
import { postReviewAlerts, type PostReviewAlertsOptions } from '../../../bot/src/slack/alerts/post-review-alerts';
import { createWebClient } from '../../../bot/src/slack/client';
import { slackConfigFromEnv, type SlackConfig } from '../../../bot/src/slack/config';
import type { ReviewItem } from '../../../bot/src/workbook';
import { expectOnlyLinks, expectWithinLimits, hostileItem, reviewItems, textsIn } from './helpers/blocks';
import { MockSlackApi } from './helpers/mock-slack-api';
import { useTempDir } from '../../helpers/temp-dir';

const slack = new MockSlackApi();
const temp = useTempDir('dcc-slack-alerts-');
let lines: string[];

beforeAll(() => slack.start());
afterAll(() => slack.close());
beforeEach(() => {
  lines = [];
  slack.calls.length = 0;
});

const workbook = { location: 'https://docs.google.com/spreadsheets/d/master/edit' };

function config(overrides: Partial<SlackConfig> = {}): SlackConfig {
  return { ...slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl, DCC_SLACK_CHANNEL: 'C0REVIEW' }), ...overrides };
}

function run(items: readonly ReviewItem[], overrides: Partial<PostReviewAlertsOptions> = {}) {
  return postReviewAlerts({
    workbook, items, config: config(), alertsPath: join(temp.path, 'alerts.jsonl'), log: (line) => lines.push(line), ...overrides,
  });
}

const open = (count: number): ReviewItem[] => {
  const [item] = reviewItems() as [ReviewItem];
  return Array.from({ length: count }, (_, i) => ({
    ...item, pair_id: `x:${i}|y:${i}`, probability: 0.5 + i / 100,
    a: { ...item.a, id: `x:${i}`, name: `Org ${i}` }, b: { ...item.b, id: `y:${i}` },
  }));
};

describe('postReviewAlerts to Slack', () => {
  it('posts each new open pair once, with its blocks, and skips decided pairs', async () => {
    const result = await run(reviewItems());
    expect(result).toEqual({ destination: 'slack', posted: 2, skipped: 0, alreadyPosted: 0, closed: 0, digest: false, errors: [] });
    const posts = slack.callsTo('chat.postMessage');
    expect(posts.map((call) => call.params.channel)).toEqual(['C0REVIEW', 'C0REVIEW']);
    expect(posts.map((call) => call.token)).toEqual(['xoxb-test', 'xoxb-test']);
    expect(String(posts[0]?.params.text)).toBe('Possible duplicate (92%): Bread &amp; Roses Bakery Cooperative / Bread and Roses Bakery Co-op');
    expect(posts[0]?.params.unfurl_links).toBe('false');
    expectWithinLimits(posts[0]?.params.blocks as unknown[]);
  });

  it('never posts the same pair twice across runs', async () => {
    await run(reviewItems());
    const again = await run(reviewItems());
    expect(again).toMatchObject({ posted: 0, alreadyPosted: 2 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    const ledger = new FilePostedLedger(join(temp.path, 'cache', 'slack-posted.jsonl'));
    expect(ledger.entries().map((entry) => [entry.pair_id, entry.destination, typeof entry.ts])).toEqual([
      ['civi:204|coops:17', 'C0REVIEW', 'string'], ['coops:3|coops:9', 'C0REVIEW', 'string'],
    ]);
  });

  it('posts a hostile listing as text that pings nobody', async () => {
    await run([hostileItem()]);
    const [post] = slack.callsTo('chat.postMessage');
    const texts = [String(post?.params.text), ...textsIn(post?.params.blocks)];
    const allowed = [workbook.location, 'https://docs.google.com/spreadsheets/d/x/edit?a=1&b=2%7C%3C!here%3E', 'https://ok.example/?q=%3Cscript%3E'];
    for (const text of texts) expectOnlyLinks(text, allowed);
    expect(texts.join('\n')).toContain('&lt;!channel&gt; Free money');
  });

  it('sends a digest with the pairs in its thread when a run finds more than the threshold', async () => {
    const result = await run(open(4), { config: config({ digestOver: 3 }) });
    expect(result).toMatchObject({ posted: 4, digest: true });
    const [digest, ...replies] = slack.callsTo('chat.postMessage');
    expect(digest?.params.text).toBe('4 new possible duplicates to review');
    expect(digest?.params.thread_ts).toBeUndefined();
    expect(replies).toHaveLength(4);
    const digestTs = (digest?.response as { ts: string }).ts;
    expect(replies.map((reply) => reply.params.thread_ts)).toEqual([digestTs, digestTs, digestTs, digestTs]);
    // Likeliest first.
    expect(String(replies[0]?.params.text)).toContain('Org 3');
  });

  it('posts at most maxPerRun pairs and leaves the rest for the next run', async () => {
    const items = open(3);
    expect(await run(items, { config: config({ maxPerRun: 2 }) })).toMatchObject({ posted: 2, skipped: 1 });
    expect(await run(items, { config: config({ maxPerRun: 2 }) })).toMatchObject({ posted: 1, skipped: 0, alreadyPosted: 2 });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('stops on a channel error, reports it, and retries those pairs next run', async () => {
    slack.failNext('chat.postMessage', 'channel_not_found');
    const failed = await run(reviewItems());
    expect(failed).toMatchObject({ posted: 0, skipped: 2, errors: [{ code: 'dcc_slack_post_failed', detail: 'channel_not_found' }] });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(lines.join('\n')).toContain('channel_not_found');
    expect(await run(reviewItems())).toMatchObject({ posted: 2, errors: [] });
  });

  it('goes on past a message Slack refuses on its own', async () => {
    slack.failNext('chat.postMessage', 'invalid_blocks');
    const result = await run(reviewItems());
    expect(result).toMatchObject({ posted: 1, skipped: 1, errors: [{ detail: 'invalid_blocks', pair_id: 'civi:204|coops:17' }] });
  });

  it('reports an unreachable Slack instead of throwing', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: 'http://127.0.0.1:9/api/', retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    const result = await run(reviewItems(), { client });
    expect(result.posted).toBe(0);
    expect(result.errors).toHaveLength(1);
  });

  it('replaces the buttons of an announced pair once it is decided in the sheet, once', async () => {
    const [bakery, riverside] = reviewItems() as [ReviewItem, ReviewItem];
    await run([bakery, riverside]);
    const ts = (slack.callsTo('chat.postMessage')[0]?.response as { ts: string }).ts;
    const decided: ReviewItem = { ...bakery, status: 'not-duplicate', decided_by: 'ana@example.org', decided_at: '2026-11-25T10:00:00.000Z' };
    expect(await run([decided, riverside])).toMatchObject({ posted: 0, closed: 1 });
    const [update] = slack.callsTo('chat.update');
    expect(update?.params).toMatchObject({ channel: 'C0REVIEW', ts });
    expect(textsIn(update?.params.blocks).join('\n')).toContain('*Different organizations*, decided by ana@example.org');
    expect(textsIn(update?.params.blocks).join('\n')).not.toContain('Same organization — merge');
    expect(await run([decided, riverside])).toMatchObject({ closed: 0 });
    expect(slack.callsTo('chat.update')).toHaveLength(1);
  });

  it('gives up on updating a message Slack no longer has', async () => {
    const [bakery] = reviewItems() as [ReviewItem];
    await run([bakery]);
    slack.failNext('chat.update', 'message_not_found');
    const decided: ReviewItem = { ...bakery, status: 'merged', decided_by: 'U0COORD', decided_at: '2026-11-25T10:00:00.000Z' };
    expect(await run([decided])).toMatchObject({ closed: 0, errors: [] });
    await run([decided]);
    expect(slack.callsTo('chat.update')).toHaveLength(1);
  });

  it('waits for Retry-After on a 429, then posts', async () => {
    slack.rateLimitNext('chat.postMessage', 1);
    const client = createWebClient(config());
    const limited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => limited.push(seconds));
    const result = await run(reviewItems().slice(0, 1), { client });
    expect(result).toMatchObject({ posted: 1, errors: [] });
    expect(limited).toEqual([1]);
    const [first, second] = slack.callsTo('chat.postMessage');
    expect(second?.params.text).toBe(first?.params.text);
    // Retry-After is a floor, not a speed target: the retry must not come sooner.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });
});

describe('postReviewAlerts without a Slack token', () => {
  const noSlack = (): SlackConfig => slackConfigFromEnv({});

  it('writes alerts to the alerts file and the console, once per pair', async () => {
    const alertsPath = join(temp.path, 'out', 'alerts.jsonl');
    const first = await run(reviewItems(), { config: noSlack(), alertsPath });
    expect(first).toEqual({ destination: 'file', posted: 2, skipped: 0, alreadyPosted: 0, closed: 0, digest: false, errors: [] });
    await run(reviewItems(), { config: noSlack(), alertsPath });
    const written = readFileSync(alertsPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { pair_id: string; text: string });
    expect(written.map((alert) => alert.pair_id)).toEqual(['civi:204|coops:17', 'coops:3|coops:9']);
    expect(lines).toEqual([
      'Possible duplicate 92%: Bread & Roses Bakery Cooperative (coops) / Bread and Roses Bakery Co-op (civi); same phone, names 92% similar, same ZIP code',
      'Possible duplicate 71%: Riverside Housing Co-op (coops) / Riverside Housing Cooperative (coops); same website',
    ]);
    expect(slack.calls).toHaveLength(0);
  });

  it('keeps terminal escapes out of the console', async () => {
    await run([hostileItem()], { config: noSlack() });
    expect(lines.join('')).not.toMatch(/[\u001b\u202e]/);
  });

  it('writes to the file when a token is set but no channel', async () => {
    const result = await run(reviewItems(), { config: slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-test' }) });
    expect(result.destination).toBe('file');
  });

  it('posts to Slack later pairs already written to the file', async () => {
    await run(reviewItems(), { config: noSlack() });
    expect(await run(reviewItems())).toMatchObject({ destination: 'slack', posted: 2 });
  });
});

describe('posted ledger', () => {
  it('skips a torn last line instead of failing', () => {
    const path = join(temp.path, 'ledger.jsonl');
    const ledger = new FilePostedLedger(path);
    ledger.record({ pair_id: 'a|b', destination: 'C1', posted_at: '2026-01-01T00:00:00.000Z' });
    appendFileSync(path, '{"pair_id":"c|d","dest');
    const reread = new FilePostedLedger(path);
    expect(reread.has('C1', 'a|b')).toBe(true);
    expect(reread.entries()).toHaveLength(1);
  });
});
