/**
 * A small static server for the built site: `npm start` (the demo) and the browser tests use it.
 * `/data/*` comes from `dataDir` when given, so the bot's published folder serves as the map's
 * data without copying. Paths are resolved and must stay inside their root: `..`, encoded
 * slashes and NUL bytes get 400/404, never a file outside. A file with a precompressed copy beside
 * it (`x.br`, `x.gz`, as the bot publishes the map's data) is sent as that copy, with
 * Content-Encoding, to a client whose Accept-Encoding takes it, unless the copy is older than the file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export interface ServeMapOptions {
  readonly siteDir: string;
  readonly dataDir?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

export interface MapServer {
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: { readonly [ext: string]: string } = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
};

export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a URL path names inside root, or null when the path is malformed or leaves root. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = resolve(root);
  const target = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  return target === base || target.startsWith(base + sep) ? target : null;
}

/** Preference order: brotli is the smaller. */
const ENCODINGS: readonly (readonly [token: string, suffix: string])[] = [['br', '.br'], ['gzip', '.gz']];

/** Content codings the request accepts (RFC 9110 §12.5.3): listed, and not with q=0. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';').map((piece) => piece.trim());
    const q = params.find((param) => param.startsWith('q='));
    if (token && !(q && Number(q.slice(2)) === 0)) accepted.add(token);
  }
  return accepted;
}

async function precompressed(file: string, modified: number, header: string | undefined):
  Promise<{ path: string; size: number; encoding: string } | null> {
  const accepted = acceptedEncodings(header);
  for (const [token, suffix] of ENCODINGS) {
    if (!accepted.has(token)) continue;
    try {
      const info = await stat(file + suffix);
      if (info.isFile() && info.mtimeMs >= modified) return { path: file + suffix, size: info.size, encoding: token };
    } catch {
      // No copy in this coding: try the next.
    }
  }
  return null;
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

async function handle(options: ServeMapOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'Method not allowed');
    return;
  }
  const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
  const fromData = options.dataDir !== undefined && rawPath.startsWith('/data/');
  const root = fromData ? (options.dataDir as string) : options.siteDir;
  let file = resolveInside(root, fromData ? rawPath.slice('/data'.length) : rawPath);
  if (!file) {
    send(res, 400, 'Bad request');
    return;
  }
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) throw new Error('not a file');
    const copy = await precompressed(file, info.mtimeMs, req.headers['accept-encoding']);
    res.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Length': String(copy ? copy.size : info.size),
      ...(copy ? { 'Content-Encoding': copy.encoding } : {}),
      Vary: 'Accept-Encoding',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(copy ? copy.path : file).on('error', () => res.destroy()).pipe(res);
  } catch {
    send(res, 404, 'Not found');
  }
}

export async function serveMap(options: ServeMapOptions): Promise<MapServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(options, req, res).catch(() => send(res, 500, 'Server error'));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => done());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    close: () => new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}
