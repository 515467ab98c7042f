/**
 * Loads the configured data into a Dataset. The page downloads the file itself, as soon as
 * app.js starts (boot.ts). A file of up to `workerAbove` characters is parsed on the page: at 50k
 * listings a worker's start-up and the hand-over of its results cost more than the parsing it
 * spares the page. A larger file is parsed in a worker (worker.js beside app.js) so the page stays
 * responsive; when no worker can start (no Worker, the script missing or blocked) the page parses
 * it after all. Either way every failure is a DataError.
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
  /** Files of more characters than this (about bytes) are parsed in the worker. */
  readonly workerAbove: number;
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

/** Columns from the worker, or null when no worker could do it; a DataError when the file itself is bad. */
async function decodeInWorker(worker: Worker, text: string, url: string): Promise<ColumnarData | null> {
  // The text is copied in one block: if the worker fails, the page still has it to parse.
  const reply = await ask(worker, { type: 'decode', text, url });
  if (reply?.type === 'error') {
    worker.terminate();
    throw new DataError(reply.code, reply.message);
  }
  if (reply?.type !== 'data') {
    worker.terminate();
    return null;
  }
  const wire = reply.data;
  return timed('unpack', () => unpackColumns(wire, wire.count));
}

export async function loadDataset(url: string, options: LoadOptions): Promise<Loaded> {
  const absolute = new URL(url, typeof document === 'undefined' ? undefined : document.baseURI).href;
  const { text, url: from } = await fetchData(absolute, options.fetchImpl);
  performance.mark('dcc:fetched');
  const worker = text.length > options.workerAbove ? (options.startWorker ?? startDefaultWorker)() : null;
  let data = worker ? await decodeInWorker(worker, text, from) : null;
  const via: Loaded['via'] = data ? 'worker' : 'page';
  data ??= timed('decode', () => decodeData(text, from));
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
  if (!detailsUrl && via === 'worker') worker?.terminate();
  return {
    dataset,
    via,
    details: () => (pending ??= fetchDetails().then((details) => { if (details) attachDetails(dataset, details); })),
  };
}
