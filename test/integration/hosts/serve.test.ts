// Serve mode end to end over 127.0.0.1: the real `serve` command as a child process on a real case
// (built by importing two real corpora at start), its READY line, every admission rule (token, Host,
// Origin, JSON, size), real API calls, an import with progress over SSE, the static-file jail, and
// the absence of CORS headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { corporaDir, tempDir } from '../../helpers/tmp.ts';
import { api, eventStream, rawRequest, startServe, type RawResponse, type ServeProcess } from './serveProcess.ts';

const dir = tempDir('av-serve-');
const casePath = join(dir, 'case.sqlite');
const renderer = join(dir, 'renderer');
const SECRET = 'secret-outside-the-renderer-folder';
const seen: RawResponse[] = [];
let s: ServeProcess;

before(async () => {
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Audit Viewer</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(renderer, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'link.txt'));
  s = await startServe(['--case', casePath, '--renderer', renderer, join(corporaDir, 'okta'), join(corporaDir, 'slack-audit')]);
  // Wait for the start-up import: the stream replays a running import, case.info shows a finished one.
  const stream = eventStream(s.port, `/api/events?token=${s.token}`);
  await stream.opened;
  const info = await api(s, 'case.info', {});
  if ((info.json as { value: { sources: unknown[] } }).value.sources.length < 2) await stream.until((e) => e.type === 'import.done');
  stream.close();
});

after(async () => {
  await s?.stop();
});

async function call(method: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await api(s, method, body, headers);
  seen.push(r);
  return r;
}

async function raw(opts: Parameters<typeof rawRequest>[1]) {
  const r = await rawRequest(s.port, opts);
  seen.push(r);
  return r;
}

test('serve prints exactly one READY line with a loopback URL carrying the token in the fragment', () => {
  assert.match(s.stdout(), /^READY http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}\n$/);
});

test('a real case.info call with the token returns the imported sources', async () => {
  const r = await call('case.info', {});
  assert.equal(r.status, 200);
  const v = (r.json as { ok: true; value: { sources: { path: string; format: string; status: string }[]; totals: { events: number } } }).value;
  const paths = v.sources.map((x) => x.path);
  assert.ok(paths.some((p) => p.startsWith(join(corporaDir, 'okta'))), `okta missing from ${paths.join(', ')}`);
  assert.ok(paths.some((p) => p.startsWith(join(corporaDir, 'slack-audit'))), `slack missing from ${paths.join(', ')}`);
  assert.ok(v.totals.events > 0);
  assert.match(String(r.headers['cache-control']), /no-store/);
});

test('no token → 401, wrong token → 403, and no data either way', async () => {
  const none = await raw({ method: 'POST', path: '/api/case.info', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(none.status, 401);
  const wrong = await call('case.info', {}, { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
  assert.equal(wrong.status, 403);
  const wrongX = await raw({ method: 'POST', path: '/api/case.info', headers: { 'content-type': 'application/json', 'x-audit-token': 'nope' }, body: '{}' });
  assert.equal(wrongX.status, 403);
  const inQuery = await raw({ method: 'POST', path: `/api/case.info?token=${s.token}`, headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(inQuery.status, 401, 'only the event stream takes the token in the query');
  for (const r of [none, wrong, wrongX, inQuery]) {
    assert.ok(!r.body.includes('okta') && !r.body.includes('sources'), `leaked data: ${r.body}`);
    assert.equal((JSON.parse(r.body) as { ok: boolean }).ok, false);
  }
  const viaHeader = await call('case.info', {}, { authorization: '', 'x-audit-token': s.token });
  assert.equal(viaHeader.status, 200, 'x-audit-token is accepted too');
});

test('a foreign Host header is refused (DNS-rebinding guard), even with the token', async () => {
  for (const host of [`evil.example:${s.port}`, `127.0.0.1:${s.port + 1}`, 'localhost', `127.0.0.1.nip.io:${s.port}`]) {
    const apiCall = await call('case.info', {}, { host });
    assert.equal(apiCall.status, 421, host);
    assert.ok(!apiCall.body.includes('sources'));
    const page = await raw({ path: '/', headers: { host } });
    assert.equal(page.status, 421, host);
  }
  assert.equal((await call('case.info', {}, { host: `localhost:${s.port}` })).status, 200, 'localhost:PORT is ours');
});

test('a cross-origin browser request is refused even when it carries the token', async () => {
  const r = await call('case.info', {}, { origin: 'http://evil.example' });
  assert.equal(r.status, 403);
  assert.equal((await call('case.info', {}, { origin: `http://127.0.0.1:${s.port}` })).status, 200);
});

test('non-JSON bodies → 415, invalid JSON → 400, oversize → 413, other verbs → 405', async () => {
  const auth = { authorization: `Bearer ${s.token}` };
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']) {
    const r = await raw({ method: 'POST', path: '/api/case.info', headers: { ...auth, 'content-type': ct }, body: '{}' });
    assert.equal(r.status, 415, ct);
  }
  assert.equal((await raw({ method: 'POST', path: '/api/case.info', headers: auth, body: '{}' })).status, 415, 'no content type');
  assert.equal((await raw({ method: 'POST', path: '/api/case.info', headers: { ...auth, 'content-type': 'application/json' }, body: '{"a":' })).status, 400);
  const big = JSON.stringify({ query: 'x'.repeat(1024 * 1024) });
  const r413 = await raw({ method: 'POST', path: '/api/events.count', headers: { ...auth, 'content-type': 'application/json' }, body: big });
  assert.equal(r413.status, 413);
  // A declared body far beyond the limit is answered at once, without reading it.
  const early = await new Promise<string>((resolve, reject) => {
    const sock = connect(s.port, '127.0.0.1', () => {
      sock.write(`POST /api/case.info HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nAuthorization: Bearer ${s.token}\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n{`);
    });
    let got = '';
    sock.setEncoding('utf8').on('data', (d: string) => { got += d; }).on('close', () => resolve(got)).on('error', reject);
  });
  assert.match(early, /^HTTP\/1\.1 413 /);
  assert.equal((await raw({ path: '/api/case.info', headers: auth })).status, 405);
  assert.equal((await raw({ method: 'PUT', path: '/api/case.info', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' })).status, 405);
});

test('bad requests over HTTP come back as bad_request envelopes', async () => {
  const unknown = await call('case.drop', {});
  assert.equal(unknown.status, 200);
  assert.equal((unknown.json as { error: { code: string } }).error.code, 'bad_request');
  const proto = await call('__proto__', {});
  assert.equal((proto.json as { error: { code: string } }).error.code, 'bad_request');
  const wrong = await call('events.page', { from: 'zero', to: 1 });
  assert.equal((wrong.json as { error: { code: string } }).error.code, 'bad_request');
});

test('import.start of another corpus streams progress over SSE and import.status reaches done', async () => {
  const noToken = eventStream(s.port, '/api/events');
  await noToken.opened;
  assert.equal(noToken.status(), 401);
  noToken.close();

  const stream = eventStream(s.port, `/api/events?token=${s.token}`);
  await stream.opened;
  assert.equal(stream.status(), 200);
  assert.match(String(stream.headers()['content-type']), /^text\/event-stream/);
  const started = await call('import.start', { paths: [join(corporaDir, 'github-audit')] });
  const { importId } = (started.json as { value: { importId: string } }).value;
  assert.ok(importId);
  await stream.until((e) => e.type === 'import.done' && (e.payload['result'] as { importId?: string } | null)?.importId === importId);
  stream.close();
  assert.ok(stream.events.some((e) => e.type === 'import.progress' && e.payload['importId'] === importId), 'progress arrived');

  const status = await call('import.status', { importId });
  const v = (status.json as { value: { state: string; result: { sources: { status: string; records: number }[] } } }).value;
  assert.equal(v.state, 'done');
  assert.ok(v.result.sources.every((x) => x.status === 'complete' && x.records > 0), JSON.stringify(v.result.sources));
  const info = (await call('case.info', {})).json as { value: { sources: { path: string }[] } };
  assert.ok(info.value.sources.some((x) => x.path.startsWith(join(corporaDir, 'github-audit'))), 'the query side sees the new import');
  assert.equal(((await call('import.cancel', { importId })).json as { value: { cancelled: boolean } }).value.cancelled, false, 'a finished import cannot be cancelled');
  assert.equal(((await call('import.status', { importId: 'no-such-id' })).json as { error: { code: string } }).error.code, 'not_found');
});

test('static files: the renderer with correct types and security headers; nothing outside it', async () => {
  const page = await raw({ path: '/' });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.equal(page.headers['content-security-policy'], "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'");
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.equal(page.headers['referrer-policy'], 'no-referrer');
  assert.match(String((await raw({ path: '/assets/app.js' })).headers['content-type']), /^text\/javascript/);
  assert.match(String((await raw({ path: '/assets/app.css' })).headers['content-type']), /^text\/css/);
  for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/assets/link.txt',
    `/${'..%2f'.repeat(12)}etc%2fpasswd`, '/%00index.html', '/assets/%E0%A4%A', '/missing.js']) {
    const r = await raw({ path });
    assert.equal(r.status, 404, path);
    assert.ok(!r.body.includes(SECRET) && !r.body.includes('root:'), `${path} leaked a file`);
  }
  assert.equal((await raw({ method: 'POST', path: '/index.html', body: '' })).status, 405);
});

test('no response ever carries CORS headers, not even a preflight', async () => {
  const pre = await raw({ method: 'OPTIONS', path: '/api/case.info', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
  assert.notEqual(pre.status, 204);
  assert.notEqual(pre.status, 200);
  seen.push(pre);
  assert.ok(seen.length > 20);
  for (const r of seen) {
    for (const h of Object.keys(r.headers)) assert.ok(!h.startsWith('access-control-'), `${h} sent`);
  }
});

test('SIGTERM closes cleanly: exit code 0, and stdout never held more than the READY line', async () => {
  const code = await s.stop();
  assert.equal(code, 0);
  assert.equal(s.stdout().split('\n').filter(Boolean).length, 1);
});
