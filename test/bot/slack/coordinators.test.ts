import { WebClient } from '@slack/web-api';
import { coordinatorCheck } from '../../../bot/src/slack/coordinators';
import { MockSlackApi } from './helpers/mock-slack-api';

const slack = new MockSlackApi();
let client: WebClient;

beforeAll(async () => {
  await slack.start();
  client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(() => slack.close());
beforeEach(() => {
  slack.calls.length = 0;
  slack.usergroups.clear();
});

describe('coordinatorCheck', () => {
  it('allows listed user ids without asking Slack', async () => {
    const check = coordinatorCheck({ coordinators: ['U1'] });
    expect(await check.isCoordinator('U1', client)).toBe(true);
    expect(await check.isCoordinator('U2', client)).toBe(false);
    expect(slack.calls).toEqual([]);
  });

  it('allows members of the user group, read with usergroups.users.list', async () => {
    slack.usergroups.set('S1', ['U7']);
    const check = coordinatorCheck({ coordinators: [], coordinatorGroup: 'S1' });
    expect(await check.isCoordinator('U7', client)).toBe(true);
    expect(await check.isCoordinator('U8', client)).toBe(false);
    expect(slack.callsTo('usergroups.users.list').map((call) => call.params.usergroup)).toEqual(['S1']);
  });

  it('reads the group again once the cache expires', async () => {
    let now = 0;
    slack.usergroups.set('S1', ['U7']);
    const check = coordinatorCheck({ coordinators: [], coordinatorGroup: 'S1' }, { cacheMs: 1000, now: () => now });
    expect(await check.isCoordinator('U7', client)).toBe(true);
    slack.usergroups.set('S1', []);
    now = 999;
    expect(await check.isCoordinator('U7', client)).toBe(true);
    now = 1000;
    expect(await check.isCoordinator('U7', client)).toBe(false);
  });

  it('lets nobody decide when nothing is configured', async () => {
    const check = coordinatorCheck({ coordinators: [] });
    expect(await check.isCoordinator('U1', client)).toBe(false);
    expect(await check.isCoordinator('', client)).toBe(false);
  });

  it('fails closed when the group cannot be read', async () => {
    const errors: unknown[] = [];
    const check = coordinatorCheck({ coordinators: [], coordinatorGroup: 'S404' }, { onError: (error) => errors.push(error) });
    expect(await check.isCoordinator('U7', client)).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
