// The app:// protocol's answers: the renderer's files with content types and the CSP, nothing
// outside the renderer folder, nothing for other hosts, and a plain page when it is not built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { appResponse } from '../../../electron/main/appProtocol.ts';
import { APP_CSP } from '../../../electron/main/security.ts';
import { tempDir } from '../../helpers/tmp.ts';

const dir = tempDir();
const renderer = join(dir, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
writeFileSync(join(renderer, 'assets', 'a.js'), '1');
writeFileSync(join(dir, 'secret.txt'), 'secret');
symlinkSync(join(dir, 'secret.txt'), join(renderer, 'assets', 'out.txt'));

test('our files, with their content type and the CSP', () => {
  const r = appResponse('app://renderer/index.html', 'GET', renderer);
  assert.ok('file' in r && r.file.endsWith('index.html'));
  assert.equal(r.headers['Content-Security-Policy'], APP_CSP);
  assert.match(r.headers['Content-Type']!, /^text\/html/);
  const root = appResponse('app://renderer/', 'GET', renderer);
  assert.ok('file' in root && root.file.endsWith('index.html'));
  const js = appResponse('app://renderer/assets/a.js', 'GET', renderer);
  assert.match(js.headers['Content-Type']!, /^text\/javascript/);
});

test('nothing outside the renderer folder, nothing for another host or scheme, GET only', () => {
  for (const url of ['app://renderer/../secret.txt', 'app://renderer/%2e%2e/secret.txt', 'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/assets/out.txt', 'app://renderer/%00', 'app://other/index.html', 'file:///etc/passwd', 'app://renderer/nope.js']) {
    const r = appResponse(url, 'GET', renderer);
    assert.equal(r.status, 404, url);
    assert.ok(!('file' in r), url);
  }
  assert.equal(appResponse('app://renderer/index.html', 'POST', renderer).status, 405);
});

test('a renderer that is not built gets a page saying how to build it', () => {
  const r = appResponse('app://renderer/index.html', 'GET', join(dir, 'missing'));
  assert.ok('body' in r);
  assert.equal(r.status, 200);
  assert.match(r.body, /npm run build:renderer/);
  assert.doesNotMatch(r.body, /<script/);
});
