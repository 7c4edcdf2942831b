// The Electron IPC host: the window's calls arrive on one channel and go through the same dispatch
// as serve mode, after main's own checks (trusted sender frame, method in the contract, the IPC
// policy's dialogs). Progress events go back on the event channel; dropped files on the drop channel.
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { isMethod } from '../../shared/contract.ts';
import type { ProgressEvent, Result } from '../../shared/contract.ts';
import type { Dispatch } from '../engine/hosts/dispatch.ts';
import { CALL_CHANNEL, DROP_CHANNEL, EVENT_CHANNEL } from '../preload/channels.ts';
import { isTrustedSender, type SenderInfo } from './security.ts';
import type { PolicyOutcome } from './ipcPolicy.ts';

export interface IpcHostDeps {
  /** The dispatch of the case open now (it changes when another case is opened). */
  dispatch(): Dispatch;
  /** Our window's webContents id, or null while there is none. */
  windowContentsId(): number | null;
  policy(method: string, request: unknown): Promise<PolicyOutcome>;
  onDrop(paths: string[]): void;
}

export function senderOf(event: IpcMainEvent | IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null, webContentsId: event.sender.id };
}

export function registerIpcHost(ipcMain: IpcMain, deps: IpcHostDeps): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(senderOf(event), deps.windowContentsId())) {
      return { ok: false, error: { code: 'bad_request', message: 'Calls are accepted only from the Audit Viewer window.' } };
    }
    if (!isMethod(method)) return deps.dispatch()(method, request); // answers bad_request, naming it safely
    const outcome = await deps.policy(method, request);
    if (!outcome.ok) return { ok: false, error: outcome.error };
    return deps.dispatch()(method, outcome.request);
  });
  const onDrop = (event: IpcMainEvent, paths: unknown) => {
    if (!isTrustedSender(senderOf(event), deps.windowContentsId())) return;
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > 10_000) return;
    if (!paths.every((p): p is string => typeof p === 'string' && p.length > 0 && p.length <= 4096)) return;
    deps.onDrop(paths);
  };
  ipcMain.on(DROP_CHANNEL, onDrop);
  return () => { ipcMain.removeHandler(CALL_CHANNEL); ipcMain.off(DROP_CHANNEL, onDrop); };
}

/** Forwards progress events to the window while it is alive. */
export function forwardEvents(contents: () => WebContents | null): (e: ProgressEvent) => void {
  return (e) => {
    const wc = contents();
    if (wc && !wc.isDestroyed()) wc.send(EVENT_CHANNEL, e);
  };
}
