// Runs the real `serve` command on a case (a child process, as a person would) and hands back the
// URL from its single READY line. Stopping it is SIGTERM to that one child.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface Served {
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** The CLI's serve command when the CLI has it, else the serve module run directly. */
function serveEntry(): string[] {
  const cli = join(ROOT, 'electron', 'cli.ts');
  try {
    if (/['"]serve['"]/.test(readFileSync(cli, 'utf8'))) return [cli, 'serve'];
  } catch { /* fall through */ }
  return [join(ROOT, 'electron', 'engine', 'hosts', 'serveCommand.ts')];
}

export async function startServe(casePath: string, archives: string[] = [], timeoutMs = 60_000): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [...serveEntry(), '--case', casePath, ...archives], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env },
  });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => { err += d; if (err.length > 200_000) err = err.slice(-100_000); });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no READY line within ${timeoutMs} ms.\n${err}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^READY (\S+)$/.exec(line.trim());
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}) before READY.\n${err}`)); });
  });

  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: new URLSearchParams(u.hash.slice(1)).get('token') ?? '',
    stderr: () => err,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(kill); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

/** One API call the way the renderer makes it (for test set-up and cross-checks). */
export async function apiCall<T>(served: Served, method: string, body: unknown): Promise<T> {
  const res = await fetch(`${served.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
    body: JSON.stringify(body),
  });
  const r = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!r.ok) throw new Error(`${method} failed: ${r.error?.message}`);
  return r.value as T;
}
