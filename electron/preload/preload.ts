// The preload (bundled to one CommonJS file, sandboxed): exposes window.auditApi = { call,
// subscribe } and nothing else, imports dropped files through main, and relays menu commands to
// the page as a DOM event. Channel names and the IPC objects never reach the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { makeAuditApi } from './auditApi.ts';
import { installDropImport } from './dropImport.ts';
import { DROP_CHANNEL, MENU_CHANNEL } from './channels.ts';
import { relayMenuCommand } from './menuRelay.ts';

contextBridge.exposeInMainWorld('auditApi', makeAuditApi(ipcRenderer as unknown as Parameters<typeof makeAuditApi>[0]));

const w = globalThis as unknown as {
  addEventListener: Parameters<typeof installDropImport>[0]['addEventListener'];
  dispatchEvent(e: unknown): boolean;
  CustomEvent: new (type: string, init: { detail: string }) => unknown;
};
installDropImport(w, (f) => webUtils.getPathForFile(f as Parameters<typeof webUtils.getPathForFile>[0]), (paths) => ipcRenderer.send(DROP_CHANNEL, paths));

ipcRenderer.on(MENU_CHANNEL, (_e, command: unknown) => { relayMenuCommand(w, command); });
