// Test helper: runs the real `serve` command as a child process, waits for its READY line, and
// gives raw HTTP helpers (node:http, so tests can send any Host header and any body).
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/tmp.ts';

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  stdout: () => string;
  stderr: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

export const SERVE_ENTRY = join(repoRoot, 'electron', 'engine', 'hosts', 'serveCommand.ts');

export function startServe(args: string[], timeoutMs = 20_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [SERVE_ENTRY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`serve did not print READY in ${timeoutMs} ms. stderr:\n${err}`)); }, timeoutMs);
    const onData = () => {
      const m = /^READY (http:\/\/127\.0\.0\.1:(\d+)\/#token=(\S+))\n/m.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        child, url: m[1]!, port: Number(m[2]), token: m[3]!,
        stdout: () => out, stderr: () => err,
        stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); return exited; },
      });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}) before READY. stderr:\n${err}`)); });
  });
}

export interface RawResponse { status: number; headers: Record<string, string | string[] | undefined>; body: string }

export function rawRequest(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A JSON API call with the token (unless overridden in headers). */
export async function api(s: { port: number; token: string }, method: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse & { json: unknown }> {
  const r = await rawRequest(s.port, {
    method: 'POST', path: `/api/${method}`, body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}`, ...headers },
  });
  let json: unknown = null;
  try { json = JSON.parse(r.body); } catch { /* left null: the test says what it expected */ }
  return { ...r, json };
}

/** Opens the SSE stream and collects parsed events; `until` waits for one matching a predicate. */
export function eventStream(port: number, path: string) {
  const events: { type: string; payload: Record<string, unknown> }[] = [];
  const waiters: { pred: (e: { type: string; payload: Record<string, unknown> }) => boolean; resolve: () => void }[] = [];
  let status = 0;
  let close = () => {};
  let headers: Record<string, string | string[] | undefined> = {};
  const opened = new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { accept: 'text/event-stream' } }, (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      let buf = '';
      res.setEncoding('utf8').on('data', (d: string) => {
        buf += d;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (!data) continue;
          const e = JSON.parse(data) as { type: string; payload: Record<string, unknown> };
          events.push(e);
          for (const w of [...waiters]) if (w.pred(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
    close = () => req.destroy();
  });
  return {
    events,
    opened,
    status: () => status,
    headers: () => headers,
    close: () => close(),
    until(pred: (e: { type: string; payload: Record<string, unknown> }) => boolean, timeoutMs = 20_000): Promise<void> {
      if (events.some(pred)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`)), timeoutMs);
        waiters.push({ pred, resolve: () => { clearTimeout(t); resolve(); } });
      });
    },
  };
}
