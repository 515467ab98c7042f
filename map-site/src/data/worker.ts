/**
 * The loading worker (built as worker.js): parses a large data file the page downloaded (one
 * string, copied in one piece) — and on
 * request fetches and parses the map format's details file — off the page's thread, and posts
 * columns back (positions, codes and string offsets as transferred typed arrays), so the page
 * stays responsive while a very large network loads.
 */
import { decodeMapDetails } from './columns';
import { decodeData } from './decode';
import { DataError } from './errors';
import { fetchJson } from './fetch-data';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { packColumns, transferablesOf } from './wire';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
};

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'decode') {
    try {
      const data = packColumns(decodeData(request.text, request.url));
      scope.postMessage({ type: 'data', data }, transferablesOf(data));
    } catch (error) {
      const known = error instanceof DataError;
      scope.postMessage({ type: 'error', code: known ? error.code : 'format',
        message: known ? error.message : 'Something went wrong while reading the listings.' }, []);
    }
    return;
  }
  const decoded = decodeMapDetails(await fetchJson(request.url), request.expected);
  const details = decoded ? packColumns(decoded) : null;
  scope.postMessage({ type: 'details', details }, details ? transferablesOf(details) : []);
}

scope.onmessage = (event) => { void handle(event.data); };
