/**
 * The loading worker (built as worker.js): fetches and parses the data file — and on request the
 * map format's details file — off the page's thread, and posts columns back (positions and codes
 * as transferred typed arrays), so the page stays responsive while 50k listings arrive.
 */
import { decodeMapDetails } from './columns';
import { decodeData } from './decode';
import { DataError } from './errors';
import { fetchData, fetchJson } from './fetch-data';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { packColumns, transferablesOf } from './wire';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
};

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'load') {
    try {
      const { text, url } = await fetchData(request.url);
      const data = packColumns(decodeData(text, url));
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
