/**
 * googleapis clients for the Sheets and Drive APIs. Credentials come only from the environment:
 * GOOGLE_APPLICATION_CREDENTIALS (path to a service-account key file) or
 * GOOGLE_SERVICE_ACCOUNT_JSON (the key itself, for CI secrets). gaxios' own retries are off
 * (they skip POST and ignore Retry-After); callers wrap each call in `withRetry` instead.
 *
 * GOOGLE_API_ROOT_URL points every client at another endpoint (an emulator, a proxy, the mock of
 * `npm run mock:google`); only its origin counts, as googleapis rewrites the URL with
 * `new URL(path, rootUrl)`. With it set, GOOGLE_API_KEY may stand in for a service account, as
 * emulators accept any key.
 */
import { readFileSync } from 'node:fs';
// Only the two APIs used: loading all of `googleapis` costs seconds on every CLI start.
import { drive, type drive_v3 } from 'googleapis/build/src/apis/drive';
import { auth, sheets, type sheets_v4 } from 'googleapis/build/src/apis/sheets';
import { DccError } from '../errors';

export const SHEETS_SCOPES = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.metadata.readonly'];

export type GoogleAuthOption = sheets_v4.Options['auth'];

export interface GoogleClientOptions {
  /** For tests and proxies: only its origin counts (see platform notes). */
  readonly rootUrl?: string;
  /** Overrides the environment's credentials; a string is an API key. */
  readonly auth?: GoogleAuthOption;
  readonly timeoutMs?: number;
  readonly env?: { readonly [name: string]: string | undefined };
}

export function googleAuthFromEnv(env: { readonly [name: string]: string | undefined } = process.env): GoogleAuthOption {
  const json = env.GOOGLE_SERVICE_ACCOUNT_JSON;
  if (json) {
    return new auth.GoogleAuth({ credentials: JSON.parse(json) as { client_email: string; private_key: string }, scopes: SHEETS_SCOPES });
  }
  if (env.GOOGLE_APPLICATION_CREDENTIALS) {
    return new auth.GoogleAuth({ keyFile: env.GOOGLE_APPLICATION_CREDENTIALS, scopes: SHEETS_SCOPES });
  }
  throw new DccError('no Google credentials: set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file '
    + '(or GOOGLE_SERVICE_ACCOUNT_JSON to its contents)', 'dcc_config');
}

/** The endpoint to use: the option, else GOOGLE_API_ROOT_URL, else Google's. */
export function googleRootUrl(options: GoogleClientOptions): string | undefined {
  const env = options.env ?? process.env;
  return options.rootUrl ?? (env.GOOGLE_API_ROOT_URL?.trim() || undefined);
}

function authFor(options: GoogleClientOptions): GoogleAuthOption {
  if (options.auth) return options.auth;
  const env = options.env ?? process.env;
  const hasServiceAccount = Boolean(env.GOOGLE_SERVICE_ACCOUNT_JSON || env.GOOGLE_APPLICATION_CREDENTIALS);
  if (!hasServiceAccount && env.GOOGLE_API_ROOT_URL?.trim() && env.GOOGLE_API_KEY) return env.GOOGLE_API_KEY;
  return googleAuthFromEnv(env);
}

/** The service account's address, for "share the sheet with …" messages; undefined when unknown. */
export function serviceAccountEmail(env: { readonly [name: string]: string | undefined } = process.env): string | undefined {
  try {
    const json = env.GOOGLE_SERVICE_ACCOUNT_JSON ?? (env.GOOGLE_APPLICATION_CREDENTIALS ? readFileSync(env.GOOGLE_APPLICATION_CREDENTIALS, 'utf8') : undefined);
    const email = json ? (JSON.parse(json) as { client_email?: unknown }).client_email : undefined;
    return typeof email === 'string' && email ? email : undefined;
  } catch {
    return undefined;
  }
}

function common(options: GoogleClientOptions): { auth: GoogleAuthOption; rootUrl?: string; retry: false; timeout: number;
  fetchImplementation: typeof fetch; } {
  const rootUrl = googleRootUrl(options);
  return {
    // Node's own fetch: gaxios would otherwise load node-fetch through a dynamic import.
    fetchImplementation: fetch,
    auth: authFor(options),
    ...(rootUrl ? { rootUrl } : {}),
    retry: false,
    timeout: options.timeoutMs ?? 60_000,
  };
}

export function sheetsClient(options: GoogleClientOptions = {}): sheets_v4.Sheets {
  return sheets({ version: 'v4', ...common(options) });
}

export function driveClient(options: GoogleClientOptions = {}): drive_v3.Drive {
  return drive({ version: 'v3', ...common(options) });
}

export { quoteTab, spreadsheetIdOf } from './a1';
