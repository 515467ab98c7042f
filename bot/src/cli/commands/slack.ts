import { Server } from 'node:http';
import { join } from 'node:path';
import { Command } from 'commander';
import type { SlackConfig } from '../../slack/config';
import type { Workbook, WorkbookLocation } from '../../workbook';
import { CliError } from '../errors';

interface SlackCommandOptions {
  port?: string;
  workbook?: string;
  spreadsheet?: string;
  out: string;
  postAlerts?: boolean;
  json?: boolean;
}

export const command = (): Command =>
  new Command('slack')
    .description('run the Slack app that lets coordinators decide duplicates (env: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET '
      + 'or SLACK_APP_TOKEN, DCC_SLACK_COORDINATORS or DCC_SLACK_COORDINATOR_GROUP, DCC_SLACK_CHANNEL)')
    .option('--port <n>', 'HTTP port for /slack/events (default: $PORT or 3000)')
    .option('--workbook <dir>', 'master workbook folder (default: OUT/workbook)')
    .option('--spreadsheet <id>', 'master workbook in a Google spreadsheet (credentials: GOOGLE_APPLICATION_CREDENTIALS)')
    .option('--out <dir>', 'output folder of the aggregation job', 'out')
    .option('--post-alerts', 'post the open Review pairs not announced yet, then exit (no token: OUT/alerts.jsonl)')
    .option('--json', 'with --post-alerts, print the result as JSON')
    .action(async (options: SlackCommandOptions) => {
      // Bolt and googleapis load here, for this command only, not for every `dcc` start.
      const [{ slackConfigFromEnv }, { openWorkbook }] = await Promise.all([import('../../slack/config'), import('../../workbook')]);
      let config: SlackConfig;
      try {
        config = slackConfigFromEnv();
      } catch (error) {
        throw new CliError(error instanceof Error ? error.message : String(error), 'dcc_config');
      }
      const location: WorkbookLocation = options.spreadsheet
        ? { kind: 'google-sheet', spreadsheetId: options.spreadsheet }
        : { kind: 'local', dir: options.workbook ?? join(options.out, 'workbook') };
      const workbook = await openWorkbook(location);
      if (options.postAlerts) return postAlerts(workbook, config, options);
      await serve(workbook, config, options);
    });

async function postAlerts(workbook: Workbook, config: SlackConfig, options: SlackCommandOptions): Promise<void> {
  const { postReviewAlerts } = await import('../../slack/alerts/post-review-alerts');
  const result = await postReviewAlerts({
    workbook, items: await workbook.readReview(), config, alertsPath: join(options.out, 'alerts.jsonl'),
    ...(options.json ? { log: () => undefined } : {}),
  });
  process.stdout.write(options.json
    ? `${JSON.stringify(result, null, 2)}\n`
    : `${result.posted} alert(s) ${result.destination === 'slack' ? 'posted to Slack' : `written to ${join(options.out, 'alerts.jsonl')}`}`
      + `, ${result.alreadyPosted} announced before, ${result.skipped} left for the next run\n`);
  for (const error of result.errors) process.stderr.write(`dcc: Slack: ${error.detail}${error.pair_id ? ` (${error.pair_id})` : ''}\n`);
  if (result.errors.length > 0) process.exitCode = 1;
}

async function serve(workbook: Workbook, config: SlackConfig, options: SlackCommandOptions): Promise<void> {
  const port = Number(options.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${options.port} is not a port number`);
  const [{ createSlackApp, startSlackApp }, { SlackConfigError }] = await Promise.all([
    import('../../slack/app'), import('../../slack/errors')]);
  let server: unknown;
  let built;
  try {
    built = createSlackApp({ config, workbook });
    server = await startSlackApp(built, port);
  } catch (error) {
    if (error instanceof SlackConfigError) throw new CliError(error.message, error.code);
    throw error;
  }
  const { app, mode } = built;
  const address = server instanceof Server ? server.address() : null;
  const listening = typeof address === 'object' && address !== null ? address.port : port;
  process.stdout.write(mode === 'socket'
    ? `Slack app connected over Socket Mode; workbook: ${workbook.location}\n`
    : `Slack app listening on http://localhost:${listening}/slack/events; workbook: ${workbook.location}\n`);
  const stop = (): void => {
    void app.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
