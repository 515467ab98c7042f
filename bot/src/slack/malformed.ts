/**
 * Requests that are signed but not something Slack sends (an interactive payload with no user):
 * Bolt fails on them while routing, which its receiver answers 500, as if the app were broken.
 * They are the sender's fault, so they get 400; everything else keeps Bolt's own handling.
 */
import { HTTPModuleFunctions, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';

/** True for a form-encoded interactive payload (or JSON body) that names no user. */
export function lacksUser(rawBody: string): boolean {
  let body: unknown;
  try {
    const form = new URLSearchParams(rawBody);
    const payload = form.get('payload');
    body = JSON.parse(payload ?? rawBody);
  } catch {
    return false;
  }
  if (typeof body !== 'object' || body === null) return false;
  const shape = body as { type?: unknown; user?: { id?: unknown }; user_id?: unknown };
  const interactive = typeof shape.type === 'string' && /^(block_actions|view_submission|view_closed|shortcut|message_action|block_suggestion)$/.test(shape.type);
  return interactive && typeof shape.user?.id !== 'string';
}

export async function processEventErrorHandler(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  const raw = (args.request as { rawBody?: Buffer }).rawBody;
  if (!args.response.headersSent && raw && lacksUser(raw.toString('utf8'))) {
    args.logger.warn('refused an interactive payload without a user (400)');
    args.response.writeHead(400);
    args.response.end();
    return true;
  }
  return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
}
