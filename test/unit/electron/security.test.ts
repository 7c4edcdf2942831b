// The window's security settings and decisions, asserted from the pure functions main.ts applies:
// webPreferences, trusted IPC senders, navigation, the network kill switch, permissions, popups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP_CSP, APP_INDEX_URL, buildWindowOptions, isAllowedNavigation, isAllowedRequest, isAppUrl, isTrustedSender, permissionDecision, windowOpenDecision,
} from '../../../electron/main/security.ts';

test('the window is sandboxed, context-isolated, without Node, with web security, without webviews', () => {
  const o = buildWindowOptions('/app/dist/electron/preload.cjs');
  const w = o.webPreferences!;
  assert.equal(w.preload, '/app/dist/electron/preload.cjs');
  assert.equal(w.sandbox, true);
  assert.equal(w.contextIsolation, true);
  assert.equal(w.nodeIntegration, false);
  assert.equal(w.nodeIntegrationInWorker, false);
  assert.equal(w.nodeIntegrationInSubFrames, false);
  assert.equal(w.webSecurity, true);
  assert.equal(w.allowRunningInsecureContent, false);
  assert.equal(w.webviewTag, false);
  assert.equal(w.experimentalFeatures, false);
  assert.equal(w.navigateOnDragDrop, false);
  assert.equal(o.show, false, 'shown on ready-to-show');
  for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'enableRemoteModule']) assert.equal((w as Record<string, unknown>)[risky], undefined, risky);
});

test('the renderer is loaded from the app:// protocol, with a strict CSP', () => {
  assert.equal(APP_INDEX_URL, 'app://renderer/index.html');
  assert.match(APP_CSP, /default-src 'self'/);
  assert.match(APP_CSP, /script-src 'self'(;|$)/, 'no unsafe-inline or unsafe-eval for scripts');
  assert.match(APP_CSP, /object-src 'none'/);
  assert.doesNotMatch(APP_CSP, /unsafe-eval|https?:|\*/);
});

test('app URLs are exactly app://renderer/…', () => {
  assert.ok(isAppUrl('app://renderer/index.html'));
  assert.ok(isAppUrl('app://renderer/assets/x.js?v=1#a'));
  for (const u of ['app://renderer.evil/index.html', 'app://evil/index.html', 'app://user:pw@renderer/', 'https://renderer/index.html',
    'file:///app/dist/renderer/index.html', 'javascript:alert(1)', 'data:text/html,hi', 'not a url', '']) assert.ok(!isAppUrl(u), u);
});

test('only our window’s main frame, showing our renderer, may call the engine', () => {
  const ok = { url: 'app://renderer/index.html', isMainFrame: true, webContentsId: 7 };
  assert.ok(isTrustedSender(ok, 7));
  assert.ok(!isTrustedSender({ ...ok, isMainFrame: false }, 7), 'an iframe');
  assert.ok(!isTrustedSender({ ...ok, webContentsId: 8 }, 7), 'another webContents');
  assert.ok(!isTrustedSender({ ...ok, url: 'https://evil.example/' }, 7), 'a remote page');
  assert.ok(!isTrustedSender({ ...ok, url: 'file:///tmp/x.html' }, 7), 'a local file');
  assert.ok(!isTrustedSender({ ...ok, url: null }, 7), 'a destroyed frame');
  assert.ok(!isTrustedSender(ok, null), 'no window');
});

test('navigation never leaves the app; window.open is denied', () => {
  for (const u of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,<script>1</script>', 'app://other/x']) {
    assert.equal(isAllowedNavigation(u), false, u);
    assert.deepEqual(windowOpenDecision(u), { action: 'deny' });
  }
  assert.equal(isAllowedNavigation('app://renderer/index.html'), true);
});

test('the session is offline: no http, https, websockets, ftp or file requests', () => {
  for (const u of ['http://example.com/x.png', 'https://example.com/', 'ws://127.0.0.1:1/', 'wss://x/', 'ftp://x/', 'file:///etc/passwd', 'garbage'])
    assert.equal(isAllowedRequest(u), false, u);
  for (const u of ['app://renderer/assets/a.js', 'data:image/png;base64,AAAA', 'devtools://devtools/bundled/x.html', 'blob:app://renderer/uuid'])
    assert.equal(isAllowedRequest(u), true, u);
});

test('every permission request is denied', () => {
  for (const p of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'display-capture', 'unknown'])
    assert.equal(permissionDecision(p), false, p);
});
