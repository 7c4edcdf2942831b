// The desktop build without an Electron binary: bundles main, the preload and every worker with
// esbuild, then checks what can be checked in Node — the preload is one CommonJS file that requires
// only `electron` and exposes only auditApi{call, subscribe}; the bundled engine workers (found and
// rewritten by the build) create a case, import a real corpus and answer a query.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { buildElectron } from '../../../scripts/buildElectron.ts';
import { corporaDir, repoRoot, tempDir } from '../../helpers/tmp.ts';

const out = join(repoRoot, 'dist', `.test-electron-${process.pid}`);
let files: string[] = [];
before(async () => { files = await buildElectron(out); });
after(() => rmSync(out, { recursive: true, force: true }));

test('the build writes main, the preload and each worker entry', () => {
  for (const f of ['main.js', 'preload.cjs', 'queryWorker.mjs', 'writerWorker.mjs', 'exportWorker.mjs', 'parseWorker.mjs', 'package.json']) {
    assert.ok(existsSync(join(out, f)), f);
  }
  assert.ok(files.includes('parseWorker.mjs'), 'a worker spawned by a worker was found too');
  const main = readFileSync(join(out, 'main.js'), 'utf8');
  assert.doesNotMatch(main, /new URL\(["']\.\/\w+\.ts["']/, 'no worker URL still points at a .ts source');
});

test('the preload is one CommonJS file that requires only electron and exposes only auditApi', () => {
  const code = readFileSync(join(out, 'preload.cjs'), 'utf8');
  const required: string[] = [];
  const exposed: [string, unknown][] = [];
  const listeners: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.push([k, v]) },
    ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on: (ch: string) => listeners.push(ch), removeListener: () => {}, send: () => {} },
    webUtils: { getPathForFile: () => '' },
  };
  const sandbox = {
    require: (m: string) => { required.push(m); if (m !== 'electron') throw new Error(`sandboxed preload cannot require ${m}`); return electron; },
    module: { exports: {} }, exports: {},
    addEventListener: () => {}, dispatchEvent: () => true, CustomEvent: class {},
  };
  runInNewContext(code, { ...sandbox, globalThis: sandbox });
  assert.deepEqual([...new Set(required)], ['electron']);
  assert.deepEqual(exposed.map(([k]) => k), ['auditApi']);
  assert.deepEqual(Object.keys(exposed[0]![1] as object).sort(), ['call', 'subscribe']);
  assert.ok(code.length < 50_000, `preload is ${code.length} bytes: zod/schemas must not be bundled into it`);
  assert.doesNotMatch(code, /\bzod\b|node:/);
});

function runWorker(file: string, workerData: unknown, first?: unknown): Promise<{ kind: string; value?: unknown; ok?: boolean; error?: unknown }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(pathToFileURL(join(out, file)), { workerData });
    w.on('message', (m: { kind: string }) => {
      if (m.kind === 'progress') return;
      if (m.kind === 'ready' && first) { w.postMessage(first); return; }
      void w.terminate();
      resolve(m);
    });
    w.on('error', reject);
  });
}

test('the bundled workers create a case, import a real corpus and answer a query', async () => {
  const casePath = join(tempDir(), 'bundle.avcase');
  assert.equal((await runWorker('writerWorker.mjs', { kind: 'init', casePath })).kind, 'done');
  const imported = await runWorker('writerWorker.mjs', { kind: 'import', casePath, paths: [join(corporaDir, 'okta')] });
  assert.equal(imported.kind, 'done', JSON.stringify(imported));
  assert.deepEqual((imported.value as { sources: { status: string }[] }).sources.map((s) => s.status), ['complete']);
  const reply = await runWorker('queryWorker.mjs', { casePath, appVersion: 'test' }, { id: 1, method: 'case.info', request: {} });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.ok((reply.value as { totals: { events: number } }).totals.events > 0);
});
