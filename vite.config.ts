// Builds the renderer (React app in renderer/) into dist/renderer/, which serve mode and the Electron
// custom protocol both load. `base: './'` keeps every asset URL relative so the same build works from
// http://127.0.0.1:PORT/, app://… and file://. The production page carries a strict CSP meta tag
// (no inline script); the dev server skips it because React refresh injects an inline preamble.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // React style attributes (column widths, positions) need inline styles; no inline script.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // frame-ancestors only works as a header (the hosts send it); in a meta tag Chromium ignores it with an error.
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'audit-viewer-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

// `npm run dev:renderer` against a running `serve`: AUDIT_API=http://127.0.0.1:PORT proxies /api there
// (the page still needs `#token=…` from serve's READY line in its URL).
const apiTarget = process.env['AUDIT_API'];

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: apiTarget ? { proxy: { '/api': { target: apiTarget, changeOrigin: false } } } : {},
});
