import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runAggregate, type AggregateOptions } from '../../../bot/src/jobs/aggregate';
import { MockSlackApi } from '../slack/helpers/mock-slack-api';
import { steppingClock } from '../helpers/fixture-dir';
import { useTempDir } from '../../helpers/temp-dir';

const EXAMPLES = resolve(__dirname, '../../../examples');
const temp = useTempDir('dcc-alerts-');
let options: AggregateOptions;
const lines: string[] = [];

beforeEach(() => {
  cpSync(EXAMPLES, join(temp.path, 'examples'), { recursive: true });
  lines.length = 0;
  options = { registryPath: join(temp.path, 'examples', 'sources.csv'), outDir: join(temp.path, 'out'), now: steppingClock(),
    alertLog: (line) => lines.push(line) };
});

describe('duplicate alerts after a run', () => {
  it('go to alerts.jsonl when no Slack token is configured, each new pair once', async () => {
    const first = await runAggregate({ ...options, env: {} });
    expect(first.reviewOpen).toBeGreaterThan(0);
    expect(first.alerts?.result).toMatchObject({ destination: 'file', posted: first.reviewOpen });
    const written = readFileSync(join(temp.path, 'out', 'alerts.jsonl'), 'utf8').trim().split('\n');
    expect(written).toHaveLength(first.reviewOpen);
    const second = await runAggregate({ ...options, env: {} });
    expect(second.alerts?.result?.posted).toBe(0);
    expect(readFileSync(join(temp.path, 'out', 'alerts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(first.reviewOpen);
  }, 60_000);

  it('are posted to Slack with chat.postMessage when a token and channel are set, and never twice', async () => {
    const slack = new MockSlackApi();
    await slack.start();
    try {
      const env = { SLACK_BOT_TOKEN: 'xoxb-test', DCC_SLACK_CHANNEL: 'C0REVIEW', SLACK_API_URL: slack.apiUrl };
      const first = await runAggregate({ ...options, env });
      const posts = slack.calls.filter((call) => call.method === 'chat.postMessage');
      expect(first.alerts?.result).toMatchObject({ destination: 'slack', posted: first.reviewOpen });
      expect(posts.length).toBeGreaterThanOrEqual(first.reviewOpen);
      expect(posts.every((call) => call.params.channel === 'C0REVIEW' && call.token === 'xoxb-test')).toBe(true);
      await runAggregate({ ...options, env });
      expect(slack.calls.filter((call) => call.method === 'chat.postMessage')).toHaveLength(posts.length);
    } finally {
      await slack.close();
    }
  }, 60_000);

  it('do not fail the run when the Slack settings are malformed', async () => {
    const result = await runAggregate({ ...options, env: { DCC_SLACK_DIGEST_OVER: 'lots' } });
    expect(result.run.status).toBe('ok');
    expect(result.alerts?.problem).toMatch(/^slack: /);
  }, 60_000);
});

describe('the posted-pairs ledger', () => {
  it('lives in out/cache/, which a scheduled runner keeps between runs', async () => {
    await runAggregate({ ...options, env: {} });
    const ledger = readFileSync(join(temp.path, 'out', 'cache', 'slack-posted.jsonl'), 'utf8').trim().split('\n');
    expect(ledger.length).toBeGreaterThan(0);
    expect(JSON.parse(ledger[0] ?? '{}')).toMatchObject({ destination: 'file' });
  }, 60_000);
});
