// The loopback host's admission rules one by one (token, Host, Origin, content type), and the
// in-process host serving the "not built" page when dist/renderer is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  allowedHostHeaders, hostAllowed, isJsonContentType, isLoopbackHost, makeToken, originAllowed, tokenFromHeaders, tokenMatches,
} from '../../../electron/engine/hosts/httpGuards.ts';
import { startHttpHost } from '../../../electron/engine/hosts/httpHost.ts';
import { createDispatch } from '../../../electron/engine/hosts/dispatch.ts';
import { createCaseService } from '../../../electron/engine/service/caseService.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { rawRequest } from './serveProcess.ts';

test('tokens: 256 random bits, from Bearer or x-audit-token, compared exactly', () => {
  const t = makeToken();
  assert.match(t, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(t, makeToken());
  assert.equal(tokenFromHeaders({ authorization: `Bearer ${t}` }), t);
  assert.equal(tokenFromHeaders({ authorization: `bearer   ${t}  ` }), t);
  assert.equal(tokenFromHeaders({ 'x-audit-token': t }), t);
  assert.equal(tokenFromHeaders({ authorization: `Basic ${t}` }), null);
  assert.equal(tokenFromHeaders({}), null);
  assert.ok(tokenMatches(t, t));
  for (const bad of [null, '', t.slice(1), `${t}x`, t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase()]) assert.ok(!tokenMatches(bad, t), String(bad));
});

test('Host header: only our own address and port', () => {
  const allowed = allowedHostHeaders('127.0.0.1', 4321);
  for (const h of ['127.0.0.1:4321', 'localhost:4321', 'LOCALHOST:4321']) assert.ok(hostAllowed(h, allowed), h);
  for (const h of [undefined, '', '127.0.0.1', '127.0.0.1:4322', 'evil.example:4321', 'localhost.evil.example:4321', '127.0.0.2:4321', '[::1]:4321'])
    assert.ok(!hostAllowed(h, allowed), String(h));
  assert.ok(hostAllowed('[::1]:80', allowedHostHeaders('::1', 80)));
  assert.ok(hostAllowed('192.168.1.5:80', allowedHostHeaders('192.168.1.5', 80)));
  assert.ok(!hostAllowed('evil.example:80', allowedHostHeaders('192.168.1.5', 80)));
});

test('Origin: absent (non-browser) or ours; anything else refused', () => {
  const allowed = allowedHostHeaders('127.0.0.1', 4321);
  assert.ok(originAllowed(undefined, allowed));
  assert.ok(originAllowed('http://127.0.0.1:4321', allowed));
  for (const o of ['null', 'http://evil.example', 'https://127.0.0.1:4321', 'http://127.0.0.1:4321/x', 'file://']) assert.ok(!originAllowed(o, allowed), o);
});

test('content type: application/json, optionally utf-8', () => {
  for (const ok of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) assert.ok(isJsonContentType(ok), ok);
  for (const bad of [undefined, '', 'text/plain', 'application/json-patch+json', 'application/jsonx', 'application/json; charset=latin1', 'multipart/form-data'])
    assert.ok(!isJsonContentType(bad), String(bad));
});

test('loopback names', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) assert.ok(!isLoopbackHost(h), h);
});

test('without a built renderer the page says how to build it, and the API still works', async () => {
  const service = createCaseService({ casePath: join(tempDir(), 'nb.avcase') });
  const host = await startHttpHost({ dispatch: createDispatch(service.handlers), subscribe: service.events.subscribe, rendererDir: join(tempDir(), 'none') });
  try {
    const page = await rawRequest(host.port, { path: '/' });
    assert.equal(page.status, 200);
    assert.match(page.body, /npm run build:renderer/);
    assert.equal((await rawRequest(host.port, { path: '/assets/x.js' })).status, 404);
    const info = await rawRequest(host.port, { method: 'POST', path: '/api/case.info', body: '{}', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` } });
    assert.equal((JSON.parse(info.body) as { ok: boolean }).ok, true);
  } finally {
    await host.close();
    await service.close();
  }
});

test('a client that goes away before the answer aborts the call it made; one that waits gets its answer', async () => {
  let seen: AbortSignal | undefined;
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  // The dispatch is the host's input here: what is tested is the HTTP side's wiring of the signal.
  const dispatch = async (method: unknown, _body: unknown, signal?: AbortSignal) => {
    if (method === 'case.info') { seen = signal; await held; }
    return { ok: true as const, value: { method } };
  };
  const host = await startHttpHost({ dispatch, subscribe: () => () => undefined, rendererDir: join(tempDir(), 'none') });
  try {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${host.token}` };
    const gaveUp = new AbortController();
    const call = fetch(`http://127.0.0.1:${host.port}/api/case.info`, { method: 'POST', headers, body: '{}', signal: gaveUp.signal });
    while (!seen) await new Promise((r) => setTimeout(r, 5));
    assert.equal(seen.aborted, false);
    gaveUp.abort();
    await assert.rejects(call);
    const aborted = new Promise<void>((r) => { if (seen!.aborted) r(); else seen!.addEventListener('abort', () => r()); });
    await aborted;
    release();
    const waited = await rawRequest(host.port, { method: 'POST', path: '/api/sources.list', body: '{}', headers });
    assert.deepEqual(JSON.parse(waited.body), { ok: true, value: { method: 'sources.list' } });
  } finally {
    await host.close();
  }
});
