/** `dcc slack` through the real binary, the way an operator runs it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDcc, type DccResult } from '../../helpers/run-dcc';
import { openWorkbook } from '../../../bot/src/workbook';
import { reviewItems } from './helpers/blocks';
import { useTempDir } from '../../helpers/temp-dir';

const temp = useTempDir('dcc-slack-cli-');

/** Without any Slack variables from the caller's shell leaking in. */
function dcc(env: { [name: string]: string }, ...args: string[]): Promise<DccResult> {
  return runDcc(['slack', ...args], { cwd: temp.path, env, dropEnv: /^(SLACK_|DCC_SLACK_)/ });
}

beforeEach(async () => {
  await (await openWorkbook({ kind: 'local', dir: join(temp.path, 'out', 'workbook') })).writeReview(reviewItems());
});

describe('dcc slack', () => {
  it('--post-alerts without a token writes out/alerts.jsonl and says so', async () => {
    const result = await dcc({}, '--post-alerts');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2 alert(s) written to out/alerts.jsonl, 0 announced before');
    expect(readFileSync(join(temp.path, 'out', 'alerts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    const again = await dcc({}, '--post-alerts', '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ destination: 'file', posted: 0, alreadyPosted: 2 });
  });

  it('refuses to serve without a bot token, with a plain message and exit 2', async () => {
    const result = await dcc({ SLACK_SIGNING_SECRET: 'x' }, '--port', '0');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('dcc: SLACK_BOT_TOKEN is not set\n');
  });

  it('rejects a malformed setting', async () => {
    const result = await dcc({ DCC_SLACK_DIGEST_OVER: 'lots' }, '--post-alerts');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DCC_SLACK_DIGEST_OVER must be a whole number');
  });
});
