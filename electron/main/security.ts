// The desktop window's security decisions as pure functions, so each is asserted by a unit test
// (docs/SECURITY.md): the window's webPreferences, which frames may call the engine, where a page
// may navigate, which requests may leave the renderer, and what permissions it gets (none).
// Type-only imports from electron: this module loads in plain Node for the tests.
import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../engine/hosts/httpGuards.ts';

/** The renderer is served from this origin by the app:// protocol handler (appProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Same policy as serve mode: no inline script, nothing remote, no plugins, never framed. */
export const APP_CSP = CONTENT_SECURITY_POLICY;

export function buildWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 720,
    minHeight: 480,
    show: false, // shown on ready-to-show: no white flash
    title: 'Audit Viewer',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A file dropped outside our handler must not navigate the window to file://.
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** True when a URL is our renderer (app://renderer/…), the only content a window may show. */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try { u = new URL(url); } catch { return false; }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

export interface SenderInfo {
  /** The sending frame's URL; null when the frame is gone. */
  url: string | null;
  /** True when the frame is its page's main frame (no parent). */
  isMainFrame: boolean;
  /** The webContents the message came from. */
  webContentsId: number;
}

/**
 * Only our window's main frame, showing our renderer, may call the engine. A subframe (an iframe
 * some hostile content managed to create) or any other webContents is refused.
 */
export function isTrustedSender(sender: SenderInfo, windowWebContentsId: number | null): boolean {
  return windowWebContentsId !== null && sender.webContentsId === windowWebContentsId
    && sender.isMainFrame && sender.url !== null && isAppUrl(sender.url);
}

/** Navigation away from the app is never allowed (links in archive content included). */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * The network kill switch for the session: the app is offline by design, so any http(s), ws(s),
 * ftp or file request from a renderer is cancelled. app:// (our files), data: (inline images the
 * CSP already allows) and devtools are left alone.
 */
export function isAllowedRequest(url: string): boolean {
  let u: URL;
  try { u = new URL(url); } catch { return false; }
  return u.protocol === `${APP_SCHEME}:` || u.protocol === 'data:' || u.protocol === 'devtools:' || u.protocol === 'blob:';
}

/** Camera, microphone, notifications, geolocation, clipboard, HID, serial…: the answer is always no. */
export function permissionDecision(_permission: string): false {
  return false;
}

/** window.open / target=_blank: denied, and never handed to the OS (shell.openExternal) either. */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}
