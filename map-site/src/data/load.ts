/**
 * Loads the configured data into a Dataset. The fetching and parsing run in a worker when one can
 * start (worker.js beside app.js); when none can (no Worker, the script missing or blocked), the
 * page does the same work itself. Either way every failure is a DataError.
 *
 * The map format publishes each listing's details apart: `Loaded.details()` fetches them once,
 * when a popup, a search or a download first needs them, and adds them to the listings.
 */
import { attachDetails, datasetOf, decodeMapDetails, type ColumnarData, type Columns } from './columns';
import { decodeData } from './decode';
import { DataError } from './errors';
import { fetchData, fetchJson } from './fetch-data';
import type { Dataset } from './listing';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { timed } from '../timing';
import { unpackColumns } from './wire';

export interface Loaded {
  readonly dataset: Dataset;
  /** 'worker' or 'page': where the parsing ran. */
  readonly via: 'worker' | 'page';
  /** Resolves once every listing carries all its published properties; at once unless the details are published apart. */
  details(): Promise<void>;
}

export interface LoadOptions {
  readonly fetchImpl?: typeof fetch;
  /** Starts the worker, or returns null to parse on the page. */
  readonly startWorker?: () => Worker | null;
}

/** Replies from a worker, or null when the worker itself failed (its script missing, blocked or broken). */
function ask(worker: Worker, request: WorkerRequest): Promise<WorkerReply | null> {
  return new Promise((done) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => done(event.data);
    worker.onerror = (event) => { event.preventDefault(); done(null); };
    worker.onmessageerror = () => done(null);
    worker.postMessage(request);
  });
}

function startDefaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('worker.js', document.baseURI));
  } catch {
    return null;
  }
}

export async function loadDataset(url: string, options: LoadOptions = {}): Promise<Loaded> {
  const absolute = new URL(url, typeof document === 'undefined' ? undefined : document.baseURI).href;
  const worker = options.fetchImpl ? null : (options.startWorker ?? startDefaultWorker)();
  let data: ColumnarData | null = null;
  let via: Loaded['via'] = 'page';
  if (worker) {
    const reply = await ask(worker, { type: 'load', url: absolute });
    if (reply?.type === 'error') {
      worker.terminate();
      throw new DataError(reply.code, reply.message);
    }
    if (reply?.type === 'data') {
      const wire = reply.data;
      data = timed('unpack', () => unpackColumns(wire, wire.count));
      via = 'worker';
    } else {
      worker.terminate();
    }
  }
  if (!data) {
    const { text, url: from } = await fetchData(absolute, options.fetchImpl);
    performance.mark('dcc:fetched');
    data = decodeData(text, from);
  }
  const columnar = data;
  const dataset = timed('listings', () => datasetOf(columnar));
  const detailsUrl = data.detailsUrl;
  const expected = { count: data.count, ...(data.generatedAt ? { generatedAt: data.generatedAt } : {}) };
  let pending: Promise<void> | null = null;
  const fetchDetails = async (): Promise<Columns | null> => {
    if (!detailsUrl) return null;
    if (via === 'worker' && worker) {
      const reply = await ask(worker, { type: 'details', url: detailsUrl, expected });
      worker.terminate();
      if (reply?.type === 'details') return reply.details && unpackColumns(reply.details, expected.count);
    }
    return decodeMapDetails(await fetchJson(detailsUrl, options.fetchImpl), expected);
  };
  if (!detailsUrl) worker?.terminate();
  return {
    dataset,
    via,
    details: () => (pending ??= fetchDetails().then((details) => { if (details) attachDetails(dataset, details); })),
  };
}
