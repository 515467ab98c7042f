/**
 * Requests as Slack sends them (platform-notes §4.1, §4.5): signed with HMAC-SHA256 over
 * `v0:timestamp:rawBody`, interactivity as a form with one `payload` field.
 */
import { createHmac } from 'node:crypto';

export const FORM = 'application/x-www-form-urlencoded';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  readonly secret: string;
  /** Unix seconds; now by default. */
  readonly timestamp?: number;
  /** Replaces the signature (to test a forged one). */
  readonly signature?: string;
  readonly contentType?: string;
}

export async function sendSigned(url: string, body: string, options: SendOptions): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': options.contentType ?? FORM,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': options.signature ?? sign(options.secret, timestamp, body),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

export const payloadForm = (payload: object): string => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

export const commandForm = (fields: { [name: string]: string }): string => new URLSearchParams(fields).toString();
