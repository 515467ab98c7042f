import type { FetchResult } from '../handlers/context';

/** UrlFetchApp without exceptions for HTTP errors: the handler turns the status into a message. */
export function fetchText(url: string): FetchResult {
  const response = UrlFetchApp.fetch(url, { muteHttpExceptions: true, followRedirects: true });
  return { status: response.getResponseCode(), text: response.getContentText() };
}
