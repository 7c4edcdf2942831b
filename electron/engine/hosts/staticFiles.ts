// Serves the built renderer (dist/renderer) and nothing else: URL paths are resolved inside that
// folder and refused when they (or a symlink in them) lead outside it. Shared by serve mode's HTTP
// host and the Electron app:// protocol, so both apply the same rule and the same content types.
import { realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names inside `root`, or null when it is malformed, escapes the root (`..`,
 * encoded separators, absolute paths, a symlink pointing out) or is not a regular file.
 * `/` means index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try { decoded = decodeURIComponent(urlPath); } catch { return null; }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '' || decoded.endsWith('/')) decoded += 'index.html';
  let realRoot: string;
  try { realRoot = realpathSync(root); } catch { return null; }
  const candidate = resolve(realRoot, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  if (!inside(realRoot, candidate)) return null;
  try {
    const real = realpathSync(candidate);
    if (!inside(realRoot, real) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export function rendererBuilt(root: string): boolean {
  try { return statSync(join(root, 'index.html')).isFile(); } catch { return false; }
}

function inside(root: string, p: string): boolean {
  return p.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** Shown instead of the app when dist/renderer has not been built: no script, nothing to load. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Audit Viewer — renderer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.5">
<h1>The Audit Viewer window has not been built yet</h1>
<p>The server and the case are running, but the folder <code>dist/renderer</code> holds no <code>index.html</code>.</p>
<p>Build it with <code>npm run build:renderer</code>, then reload this page.</p>
</body></html>
`;
