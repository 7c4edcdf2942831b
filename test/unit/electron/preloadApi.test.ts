// The preload's allowlist (makeAuditApi) with a recording IPC port: unknown methods never cross to
// main, known ones go on the one call channel, failures in transit become envelopes, and
// subscribers receive event payloads only (never the IPC event, which exposes the sender).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAuditApi, type IpcPort } from '../../../electron/preload/auditApi.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../electron/preload/channels.ts';
import { METHODS } from '../../../shared/contract.ts';

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
