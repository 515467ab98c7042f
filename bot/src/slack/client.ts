/**
 * The Web API client the alert job uses (the interactive app gets its own from Bolt, built from
 * the same options). Rate limits: on a 429 the client waits the Retry-After seconds and retries
 * by itself; other failures are retried a few times only, so a Slack outage does not hold up a run.
 */
import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackConfig } from './config';

export function webClientOptions(config: Pick<SlackConfig, 'apiUrl'>): WebClientOptions {
  return {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 5000 },
  };
}

export function createWebClient(config: Pick<SlackConfig, 'apiUrl' | 'botToken'>): WebClient {
  return new WebClient(config.botToken, webClientOptions(config));
}
