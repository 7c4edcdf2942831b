// The Electron IPC host's checks, with Electron's ipcMain and events stood in by plain objects and
// the real case service behind it: untrusted senders are refused before dispatch, unknown methods
// get bad_request, the policy runs before dispatch, and drops from our window start an import.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { IpcMain } from 'electron';
import { registerIpcHost } from '../../../electron/main/ipcHost.ts';
import { CALL_CHANNEL, DROP_CHANNEL } from '../../../electron/preload/channels.ts';
import { createCaseService } from '../../../electron/engine/service/caseService.ts';
import { createDispatch } from '../../../electron/engine/hosts/dispatch.ts';
import type { Result } from '../../../shared/contract.ts';
import { corporaDir, tempDir } from '../../helpers/tmp.ts';

const service = createCaseService({ casePath: join(tempDir(), 'ipc.avcase') });
const dispatch = createDispatch(service.handlers);
after(() => service.close());

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, Handler>();
const ipcMain = {
  handle: (ch: string, fn: Handler) => { handlers.set(ch, fn); },
  removeHandler: (ch: string) => { handlers.delete(ch); },
  on: (ch: string, fn: Handler) => { handlers.set(ch, fn); },
  off: (ch: string) => { handlers.delete(ch); },
} as unknown as IpcMain;

const WINDOW = 7;
const policyCalls: string[] = [];
const drops: string[][] = [];
const unregister = registerIpcHost(ipcMain, {
  dispatch: () => dispatch,
  windowContentsId: () => WINDOW,
  policy: async (method, request) => {
    policyCalls.push(method);
    return method === 'export.start' ? { ok: false, error: { code: 'cancelled', message: 'Export cancelled: no file was chosen.' } } : { ok: true, request };
  },
  onDrop: (paths) => drops.push(paths),
});

function event(over: { id?: number; url?: string | null; sub?: boolean } = {}) {
  const url = over.url === undefined ? 'app://renderer/index.html' : over.url;
  return { sender: { id: over.id ?? WINDOW }, senderFrame: url === null ? null : { url, parent: over.sub ? {} : null } };
}
const call = (ev: unknown, method: unknown, request: unknown) => handlers.get(CALL_CHANNEL)!(ev, method, request) as Promise<Result<unknown>>;

test('our window’s main frame gets real answers from the case', async () => {
  const r = await call(event(), 'case.info', {});
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal((r.value as { path: string }).path, service.casePath);
});

test('other senders are refused before anything runs', async () => {
  policyCalls.length = 0;
  for (const ev of [event({ sub: true }), event({ id: 8 }), event({ url: 'https://evil.example/' }), event({ url: null }), event({ url: 'file:///tmp/x.html' })]) {
    const r = await call(ev, 'import.start', { paths: ['/etc'] });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'bad_request');
    assert.match(!r.ok ? r.error.message : '', /only from the Audit Viewer window/);
  }
  assert.deepEqual(policyCalls, [], 'the policy (and its dialogs) never ran');
});

test('unknown methods and bad requests are bad_request; the policy runs before dispatch', async () => {
  const unknown = await call(event(), 'shell.openExternal', { url: 'https://x' });
  assert.equal(!unknown.ok && unknown.error.code, 'bad_request');
  const bad = await call(event(), 'events.page', { from: -1 });
  assert.equal(!bad.ok && bad.error.code, 'bad_request');
  const exp = await call(event(), 'export.start', { path: '/tmp/x.csv' });
  assert.deepEqual(exp, { ok: false, error: { code: 'cancelled', message: 'Export cancelled: no file was chosen.' } });
});

test('drops are accepted only from our window, and only as a list of path strings', () => {
  const drop = handlers.get(DROP_CHANNEL)!;
  drop(event(), [join(corporaDir, 'okta')]);
  drop(event({ sub: true }), ['/etc/passwd']);
  drop(event({ id: 9 }), ['/etc/passwd']);
  for (const bad of ['/etc/passwd', [1, 2], [], [''], null, [{ toString: () => '/x' }]]) drop(event(), bad);
  assert.deepEqual(drops, [[join(corporaDir, 'okta')]]);
});

test('unregister removes the channels', () => {
  unregister();
  assert.equal(handlers.size, 0);
});
