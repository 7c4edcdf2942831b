// Applies security.ts's decisions to Electron objects: every webContents (navigation, redirects,
// new windows, webviews) and the session (permissions, devices, the network kill switch).
import type { Session, WebContents } from 'electron';
import { isAllowedNavigation, isAllowedRequest, permissionDecision, windowOpenDecision } from './security.ts';

export function hardenWebContents(wc: WebContents): void {
  wc.on('will-navigate', (e) => { if (!isAllowedNavigation(e.url)) e.preventDefault(); });
  wc.on('will-frame-navigate', (e) => { if (!isAllowedNavigation(e.url)) e.preventDefault(); });
  wc.on('will-redirect', (e) => { if (!isAllowedNavigation(e.url)) e.preventDefault(); });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
}

export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
}
