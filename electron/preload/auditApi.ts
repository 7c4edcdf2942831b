// window.auditApi, built from an IPC port (pure, so the allowlist is unit-tested without Electron):
// `call` refuses names outside the contract before anything crosses to main (main checks again),
// and always resolves to a result envelope; `subscribe` hands the page progress events only —
// never the IPC event object, which would expose the sender.
import { isMethod } from '../../shared/contract.ts';
import type { AuditApi, ProgressEvent, Result } from '../../shared/contract.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.ts';

export interface IpcPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}

export function makeAuditApi(ipc: IpcPort): AuditApi {
  const call = async (method: unknown, request: unknown): Promise<Result<unknown>> => {
    if (!isMethod(method)) {
      const name = typeof method === 'string' ? JSON.stringify(method.slice(0, 60)) : `(a ${typeof method})`;
      return { ok: false, error: { code: 'bad_request', message: `Unknown method ${name}.` } };
    }
    try {
      return (await ipc.invoke(CALL_CHANNEL, method, request)) as Result<unknown>;
    } catch (e) {
      // invoke rejects when main's handler threw or the request could not be cloned.
      return { ok: false, error: { code: 'internal', message: `The call to ${method} failed in transit (a bug): ${e instanceof Error ? e.message : String(e)}` } };
    }
  };
  const subscribe = (listener: (event: ProgressEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    const handler = (_event: unknown, payload: unknown) => { listener(payload as ProgressEvent); };
    ipc.on(EVENT_CHANNEL, handler);
    return () => { ipc.removeListener(EVENT_CHANNEL, handler); };
  };
  return { call, subscribe } as AuditApi;
}
