// The loopback HTTP host for serve mode: the built renderer as static files, `POST /api/<method>`
// (JSON in, the result envelope out) through the same dispatch as Electron IPC, and progress events
// over SSE at `GET /api/events`. Every request passes the Host check (DNS rebinding); every API
// request needs the per-run token. No CORS headers are ever sent. See docs/SECURITY.md.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { ProgressEvent } from '../../../shared/contract.ts';
import type { Dispatch } from './dispatch.ts';
import {
  MAX_BODY_BYTES, SECURITY_HEADERS, allowedHostHeaders, hostAllowed, hostPort, isJsonContentType, makeToken, originAllowed,
  tokenFromHeaders, tokenMatches,
} from './httpGuards.ts';
import { NOT_BUILT_PAGE, contentTypeFor, rendererBuilt, resolveStaticPath } from './staticFiles.ts';

export interface HttpHostOptions {
  dispatch: Dispatch;
  subscribe: (listener: (e: ProgressEvent) => void) => () => void;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token (tests); a fresh random one per run otherwise. */
  token?: string;
}

export interface HttpHost {
  port: number;
  token: string;
  /** The address to open: the token travels in the fragment, which never reaches a server log or a Referer. */
  url: string;
  close(): Promise<void>;
}

/** A body this many bytes over the limit is not drained any more: the connection is cut. */
const DRAIN_LIMIT = 16 * MAX_BODY_BYTES;
const SSE_PING_MS = 20_000;

export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? makeToken();
  const streams = new Set<ServerResponse>();
  let allowed = new Set<string>();

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    handle(req, res).catch((e: unknown) => {
      process.stderr.write(`audit-viewer: serve: request failed (a bug): ${e instanceof Error ? e.stack : String(e)}\n`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The server failed to answer (a bug; details were logged).' } });
      else res.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, allowed)) {
      // 421: this server is not the one the page thinks it is talking to (a rebinding attempt or a proxy).
      return sendText(res, 421, 'Misdirected request: this server only answers to its own loopback address.');
    }
    let url: URL;
    try { url = new URL(req.url ?? '/', 'http://localhost'); } catch { return sendText(res, 400, 'Bad request URL.'); }

    if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, url.pathname);
    res.setHeader('Cache-Control', 'no-store');

    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendError(res, 405, 'Use GET for the event stream.', { Allow: 'GET' });
      // EventSource cannot set headers, so this one endpoint also takes the token in the query.
      const given = url.searchParams.get('token') ?? tokenFromHeaders(req.headers);
      if (!tokenMatches(given, token)) return sendError(res, given === null ? 401 : 403, 'A valid token is required.');
      return openEventStream(req, res);
    }

    if (req.method !== 'POST') return sendError(res, 405, 'API calls are POST requests with a JSON body.', { Allow: 'POST' });
    const given = tokenFromHeaders(req.headers);
    if (given === null) return sendError(res, 401, 'A token is required (Authorization: Bearer <token>); it is in the address serve printed.');
    if (!tokenMatches(given, token)) return sendError(res, 403, 'The token is not valid for this server run.');
    if (!originAllowed(req.headers.origin, allowed)) return sendError(res, 403, 'Cross-origin requests are refused.');
    if (!isJsonContentType(req.headers['content-type'])) return sendError(res, 415, 'The request body must be JSON (Content-Type: application/json).');

    const body = await readBody(req, res);
    if (body === null) return;
    let parsed: unknown;
    try { parsed = body.length === 0 ? undefined : JSON.parse(body); } catch { return sendError(res, 400, 'The request body is not valid JSON.'); }
    let method: string;
    try { method = decodeURIComponent(url.pathname.slice('/api/'.length)); } catch { method = url.pathname; }
    // A client that goes away before the answer (the page dropped a call it no longer wants) stops it.
    const gone = new AbortController();
    res.on('close', () => { if (!res.writableFinished) gone.abort(); });
    const result = await opts.dispatch(method, parsed, gone.signal);
    let text: string;
    try { text = JSON.stringify(result); } catch (e) {
      process.stderr.write(`audit-viewer: serve: ${method} returned something JSON cannot carry (a bug): ${e instanceof Error ? e.stack : String(e)}\n`);
      text = JSON.stringify({ ok: false, error: { code: 'internal', message: `The answer to ${method} could not be encoded (a bug; details were logged).` } });
    }
    sendBody(res, 200, 'application/json; charset=utf-8', text);
  }

  /** The body as text, or null after answering 413 (too large). */
  function readBody(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > DRAIN_LIMIT) {
      // Not worth draining: answer, then cut the connection once the answer is out.
      res.on('finish', () => req.destroy());
      sendError(res, 413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { Connection: 'close' });
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY_BYTES) chunks.push(c);
        else if (size > DRAIN_LIMIT) req.destroy();
      });
      req.on('end', () => {
        if (size > MAX_BODY_BYTES) {
          sendError(res, 413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`, { Connection: 'close' });
          resolve(null);
        } else resolve(Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', reject);
      req.on('close', () => { if (!req.complete) resolve(null); });
    });
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n: connected\n\n');
    streams.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), SSE_PING_MS);
    ping.unref();
    const unsubscribe = opts.subscribe((e) => { res.write(`data: ${JSON.stringify(e)}\n\n`); });
    const end = () => { clearInterval(ping); unsubscribe(); streams.delete(res); };
    req.on('close', end);
    res.on('error', end);
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Only GET and HEAD are served here.', { Allow: 'GET, HEAD' });
    if (!rendererBuilt(opts.rendererDir)) {
      if (pathname === '/' || pathname === '/index.html') return sendBody(res, 200, 'text/html; charset=utf-8', req.method === 'HEAD' ? '' : NOT_BUILT_PAGE);
      return sendText(res, 404, 'Not found.');
    }
    const file = resolveStaticPath(opts.rendererDir, pathname);
    if (!file) return sendText(res, 404, 'Not found.');
    // index.html names hashed assets: always revalidate it; the assets themselves never change.
    res.writeHead(200, { 'Content-Type': contentTypeFor(file), 'Cache-Control': file.endsWith('.html') ? 'no-cache' : 'max-age=31536000, immutable' });
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostHeaders(host, port);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  return {
    port,
    token,
    url: `http://${hostPort(shownHost, port)}/#token=${token}`,
    close: () => new Promise<void>((resolve) => {
      for (const s of streams) s.end();
      streams.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function sendBody(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  sendBody(res, status, 'text/plain; charset=utf-8', `${text}\n`, headers);
}

/** Refusals on the API keep the envelope's shape, so a client handles them like any other error. */
function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error: { code: 'bad_request', message } }, headers);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}
