// The app:// protocol: serves the built renderer to the window from disk (or the asar), with the
// CSP and the same path jail as serve mode. `appResponse` decides (pure, unit-tested);
// `registerAppProtocol` wires it into Electron.
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { NOT_BUILT_PAGE, contentTypeFor, rendererBuilt, resolveStaticPath } from '../engine/hosts/staticFiles.ts';
import { SECURITY_HEADERS } from '../engine/hosts/httpGuards.ts';
import { APP_HOST, APP_SCHEME } from './security.ts';

export type AppResponse =
  | { status: 200; headers: Record<string, string>; file: string }
  | { status: 200 | 404 | 405; headers: Record<string, string>; body: string };

export function appResponse(url: string, method: string, rendererDir: string): AppResponse {
  const headers = { ...SECURITY_HEADERS };
  const text = (status: 404 | 405, body: string): AppResponse => ({ status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body });
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'Only GET is served.');
  let u: URL;
  try { u = new URL(url); } catch { return text(404, 'Not found.'); }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return text(404, 'Not found.');
  if (!rendererBuilt(rendererDir)) {
    if (u.pathname === '/' || u.pathname === '/index.html') return { status: 200, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' }, body: NOT_BUILT_PAGE };
    return text(404, 'Not found.');
  }
  const file = resolveStaticPath(rendererDir, u.pathname);
  if (!file) return text(404, 'Not found.');
  return { status: 200, headers: { ...headers, 'Content-Type': contentTypeFor(file) }, file };
}

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const r = appResponse(request.url, request.method, rendererDir);
    if ('file' in r) {
      try {
        return new Response(await readFile(r.file), { status: 200, headers: r.headers });
      } catch {
        return new Response('Not found.\n', { status: 404, headers: { ...r.headers, 'Content-Type': 'text/plain; charset=utf-8' } });
      }
    }
    return new Response(r.body, { status: r.status, headers: r.headers });
  });
}
