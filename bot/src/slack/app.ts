/**
 * The interactive app, built here and nowhere else. The receiver and the Web API base come from
 * configuration, so tests aim both at 127.0.0.1 instead of patching modules: HTTP mode listens on
 * Bolt's default `/slack/events` (signed requests only; Bolt answers `url_verification` itself),
 * Socket Mode is used when an app-level token is configured.
 */
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Workbook } from '../workbook';
import { webClientOptions } from './client';
import { reviewUrlOf, type SlackConfig } from './config';
import { coordinatorCheck, type CoordinatorCheck } from './coordinators';
import { SlackConfigError, slackErrorOf } from './errors';
import { registerListeners } from './listeners';
import { processEventErrorHandler } from './malformed';
import { serial } from './serial';

export type SlackMode = 'http' | 'socket';

export interface SlackAppOptions {
  readonly config: SlackConfig;
  readonly workbook: Workbook;
  /** A receiver of the caller's own; otherwise HTTP or Socket Mode from the config. */
  readonly receiver?: Receiver;
  readonly coordinators?: CoordinatorCheck;
  readonly logLevel?: LogLevel;
  readonly now?: () => Date;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: SlackMode | 'custom';
}

export function slackReceiver(config: SlackConfig, logLevel: LogLevel): { receiver: Receiver; mode: SlackMode } {
  if (config.appToken) {
    // The Socket Mode client opens its connection through the Web API, so it gets the same base URL.
    const installerOptions = config.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: config.apiUrl } } } : {};
    return { receiver: new SocketModeReceiver({ appToken: config.appToken, logLevel, ...installerOptions }), mode: 'socket' };
  }
  if (!config.signingSecret) {
    throw new SlackConfigError('SLACK_SIGNING_SECRET is not set (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  return { receiver: new HTTPReceiver({ signingSecret: config.signingSecret, logLevel, processEventErrorHandler }), mode: 'http' };
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config } = options;
  if (!config.botToken) throw new SlackConfigError('SLACK_BOT_TOKEN is not set');
  const logLevel = options.logLevel ?? LogLevel.INFO;
  const built = options.receiver ? { receiver: options.receiver, mode: 'custom' as const } : slackReceiver(config, logLevel);
  const app = new App({
    token: config.botToken,
    receiver: built.receiver,
    logLevel,
    clientOptions: webClientOptions(config),
    // The token is checked in startSlackApp, where a refusal can be reported instead of left unhandled.
    deferInitialization: true,
  });
  const reviewUrl = reviewUrlOf(config, options.workbook.location);
  registerListeners(app, {
    workbook: options.workbook,
    coordinators: options.coordinators ?? coordinatorCheck(config, {
      onError: (error) => app.logger.warn(`could not read the coordinators' user group: ${slackErrorOf(error)}`),
    }),
    serial: serial(),
    now: options.now ?? (() => new Date()),
    ...(reviewUrl ? { reviewUrl } : {}),
  });
  return { app, mode: built.mode };
}

/**
 * Checks the bot token with Slack (auth.test), then starts the receiver: HTTP mode takes a port
 * or listen options, Socket Mode connects. Resolves to what the receiver returns (an http.Server in HTTP mode).
 */
export async function startSlackApp(slackApp: SlackApp, ...listen: Parameters<App['start']>): Promise<unknown> {
  try {
    await slackApp.app.init();
  } catch (error) {
    throw new SlackConfigError(`Slack did not accept SLACK_BOT_TOKEN: ${slackErrorOf(error)}`);
  }
  return slackApp.app.start(...listen);
}
