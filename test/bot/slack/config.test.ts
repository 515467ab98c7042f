import { reviewUrlOf, slackConfigFromEnv } from '../../../bot/src/slack/config';

describe('slackConfigFromEnv', () => {
  it('needs nothing: alerts then go to a file', () => {
    expect(slackConfigFromEnv({})).toEqual({ coordinators: [], digestOver: 10, maxPerRun: 50 });
  });

  it('reads Slack tokens and the project settings', () => {
    expect(slackConfigFromEnv({
      SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: ' xapp-1 ', SLACK_API_URL: 'http://127.0.0.1:1/api/',
      DCC_SLACK_CHANNEL: 'C1', DCC_SLACK_COORDINATORS: 'U1, U2 U3,,', DCC_SLACK_COORDINATOR_GROUP: 'S1',
      DCC_SLACK_DIGEST_OVER: '3', DCC_SLACK_MAX_PER_RUN: '0', DCC_SLACK_REVIEW_URL: 'https://x.example/review',
    })).toEqual({
      botToken: 'xoxb-1', signingSecret: 's', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:1/api/', channel: 'C1',
      coordinators: ['U1', 'U2', 'U3'], coordinatorGroup: 'S1', digestOver: 3, maxPerRun: 0,
      reviewUrl: 'https://x.example/review',
    });
  });

  it('treats blank values as unset', () => {
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: '  ', DCC_SLACK_DIGEST_OVER: '' })).toEqual({ coordinators: [], digestOver: 10, maxPerRun: 50 });
  });

  it('rejects a count that is not a whole number', () => {
    expect(() => slackConfigFromEnv({ DCC_SLACK_DIGEST_OVER: 'ten' })).toThrow(/DCC_SLACK_DIGEST_OVER/);
    expect(() => slackConfigFromEnv({ DCC_SLACK_MAX_PER_RUN: '-1' })).toThrow(/DCC_SLACK_MAX_PER_RUN/);
  });
});

describe('reviewUrlOf', () => {
  it('prefers the configured link, then a workbook that is a web address', () => {
    const config = slackConfigFromEnv({});
    expect(reviewUrlOf({ ...config, reviewUrl: 'https://r.example' }, 'https://sheet.example')).toBe('https://r.example');
    expect(reviewUrlOf(config, 'https://docs.google.com/spreadsheets/d/x')).toBe('https://docs.google.com/spreadsheets/d/x');
    expect(reviewUrlOf(config, '/srv/out/workbook')).toBeUndefined();
  });
});
