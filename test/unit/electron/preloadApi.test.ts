// The preload's allowlist (makeAuditApi) with a recording IPC port: unknown methods never cross to
// main, known ones go on the one call channel, failures in transit become envelopes, and
// subscribers receive event payloads only (never the IPC event, which exposes the sender). And the
// menu relay: the DOM event it dispatches is the one the renderer listens for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAuditApi, type IpcPort } from '../../../electron/preload/auditApi.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../electron/preload/channels.ts';
import { relayMenuCommand } from '../../../electron/preload/menuRelay.ts';
import { METHODS } from '../../../shared/contract.ts';
import { MENU_DOM_EVENT, onMenuCommand, type MenuCommand } from '../../../shared/menuCommands.ts';

function port(answer: (...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: 'from main' })) {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc: IpcPort = {
    invoke: (channel, ...args) => { invoked.push([channel, ...args]); return answer(channel, ...args); },
    on: (channel, l) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel)!.add(l); },
    removeListener: (channel, l) => { listeners.get(channel)?.delete(l); },
  };
  const emit = (channel: string, payload: unknown) => { for (const l of listeners.get(channel) ?? []) l({ sender: 'SECRET-SENDER', ports: [] }, payload); };
  return { ipc, invoked, emit, count: (ch: string) => listeners.get(ch)?.size ?? 0 };
}

test('the API exposes exactly call and subscribe', () => {
  assert.deepEqual(Object.keys(makeAuditApi(port().ipc)).sort(), ['call', 'subscribe']);
});

test('methods outside the contract never reach main', async () => {
  const p = port();
  const api = makeAuditApi(p.ipc) as unknown as { call(m: unknown, r: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }> };
  for (const m of ['shell.openExternal', '__proto__', 'constructor', 'toString', '', 'x'.repeat(100_000), 42, null, undefined, {}, ['case.info']]) {
    const r = await api.call(m, {});
    assert.equal(r.ok, false);
    assert.equal(r.error!.code, 'bad_request');
    assert.ok(r.error!.message.length < 120);
  }
  assert.deepEqual(p.invoked, []);
});

test('every contract method goes to main on the one call channel, and the answer comes back', async () => {
  const p = port();
  const api = makeAuditApi(p.ipc);
  for (const m of METHODS) assert.deepEqual(await api.call(m, { any: 'thing' } as never), { ok: true, value: 'from main' });
  assert.deepEqual(p.invoked.map((c) => c[0]), METHODS.map(() => CALL_CHANNEL));
  assert.deepEqual(p.invoked.map((c) => c[1]), METHODS);
});

test('a failure in transit is answered as an internal error envelope, not a rejection', async () => {
  const api = makeAuditApi(port(async () => { throw new Error('An object could not be cloned.'); }).ipc);
  const r = await api.call('case.info', {});
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'internal');
});

test('subscribers get the event payload only, and unsubscribe detaches', () => {
  const p = port();
  const api = makeAuditApi(p.ipc);
  const got: unknown[][] = [];
  const off = api.subscribe((...args: unknown[]) => { got.push(args); });
  p.emit(EVENT_CHANNEL, { type: 'import.progress', payload: { records: 1 } });
  assert.deepEqual(got, [[{ type: 'import.progress', payload: { records: 1 } }]]);
  assert.ok(!JSON.stringify(got).includes('SECRET-SENDER'));
  off();
  assert.equal(p.count(EVENT_CHANNEL), 0);
  assert.throws(() => api.subscribe('not a function' as never), TypeError);
});

// Menu commands: what the preload dispatches on window is exactly what the renderer's listener
// (shared onMenuCommand, used by renderer/app/useMenuCommands.ts) accepts. Node's own EventTarget
// and CustomEvent stand in for the page's window.
function pageWindow() {
  const target = new EventTarget();
  const dispatched: { type: string; detail: unknown }[] = [];
  const w = {
    CustomEvent,
    dispatchEvent: (e: unknown) => { const ev = e as CustomEvent; dispatched.push({ type: ev.type, detail: ev.detail }); return target.dispatchEvent(ev); },
  };
  const received: MenuCommand[] = [];
  const off = onMenuCommand(target as unknown as Parameters<typeof onMenuCommand>[0], (c) => received.push(c));
  return { w, dispatched, received, off };
}

test('every menu command main sends reaches the renderer’s listener as the same command', () => {
  const p = pageWindow();
  const commands: MenuCommand[] = [
    { command: 'export' },
    { command: 'import', importId: '3f1c2a9e-8b7d-4c6e-9f00-1a2b3c4d5e6f' },
    { command: 'theme', theme: 'dark' },
  ];
  for (const c of commands) assert.equal(relayMenuCommand(p.w, c), true);
  assert.deepEqual(p.received, commands);
  assert.deepEqual(p.dispatched.map((d) => d.type), commands.map(() => MENU_DOM_EVENT));
  assert.equal(MENU_DOM_EVENT, 'audit-viewer:menu', 'the event name the page listens for');
  // A string detail: an object made in the preload's isolated world is not readable by the page.
  for (const d of p.dispatched) assert.equal(typeof d.detail, 'string');
  p.off();
  relayMenuCommand(p.w, { command: 'export' });
  assert.equal(p.received.length, commands.length, 'unsubscribed listeners hear nothing');
});

test('malformed menu payloads are not relayed, and forged page events are ignored', () => {
  const p = pageWindow();
  for (const bad of ['export', null, 42, [], {}, { command: 'quit' }, { command: 'export', extra: 1 }, { command: 'import' },
    { command: 'import', importId: '../../etc' }, { command: 'import', importId: 'x'.repeat(65) }, { command: 'theme', theme: 'neon' },
    { command: '__proto__' }, JSON.parse('{"command":"export","__proto__":{"x":1}}')]) {
    assert.equal(relayMenuCommand(p.w, bad), false, JSON.stringify(bad));
  }
  assert.deepEqual(p.dispatched, []);
  // The page's listener checks too: any script in the page can dispatch the DOM event itself.
  for (const detail of [{ command: 'export' }, 'export', '{"command":"theme","theme":"x"}', '{', 'x'.repeat(10_000)]) {
    p.w.dispatchEvent(new CustomEvent(MENU_DOM_EVENT, { detail }));
  }
  assert.deepEqual(p.received, []);
});
