/** Messages between the page and the loading worker. */
import type { WireColumns, WireData } from './wire';
import type { DataErrorCode } from './errors';

export type WorkerRequest =
  | { readonly type: 'decode'; readonly text: string; readonly url: string }
  | { readonly type: 'details'; readonly url: string; readonly expected: { count: number; generatedAt?: string } };

export type WorkerReply =
  | { readonly type: 'data'; readonly data: WireData }
  | { readonly type: 'error'; readonly code: DataErrorCode; readonly message: string }
  | { readonly type: 'details'; readonly details: WireColumns | null };
