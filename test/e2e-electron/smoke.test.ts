// Electron smoke suite (Playwright `_electron`): launches the built desktop app on a real case,
// sees rows in the grid, and checks the security settings at runtime — webPreferences, no Node in
// the page, only auditApi exposed, navigation/popups/network denied. Runs wherever an Electron
// binary exists; elsewhere it is reported as SKIPPED with the reason, never as passed.
// Page-side checks are string expressions: this file typechecks without the DOM library.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import { findElectronBinary, REPO_ROOT } from '../../scripts/electronBinary.ts';
import { buildElectron } from '../../scripts/buildElectron.ts';
import { openCase } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { corporaDir, tempDir } from '../helpers/tmp.ts';

const bin = findElectronBinary();
const SKIP = bin.path ? false : `Electron smoke suite did not run: no Electron binary (${bin.reason})`;
if (SKIP) process.stdout.write(`${SKIP}\n`);

let app: ElectronApplication;
let page: Page;

before(async () => {
  if (SKIP) return;
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
    const r = spawnSync('npm', ['run', '-s', 'build:renderer'], { cwd: REPO_ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    assert.equal(r.status, 0, 'the renderer must build');
  }
  await buildElectron();
  const dir = tempDir('av-electron-');
  const casePath = join(dir, 'smoke.avcase');
  const db = openCase(casePath);
  try { await runImport(db, { paths: [join(corporaDir, 'okta'), join(corporaDir, 'slack-audit')] }); } finally { db.close(); }
  const { _electron } = await import('playwright-core');
  app = await _electron.launch({ executablePath: bin.path!, args: [join(REPO_ROOT, 'dist', 'electron'), '--user-data', join(dir, 'profile'), casePath] });
  page = await app.firstWindow();
  await page.waitForSelector('.app[data-state="ready"]', { timeout: 60_000 });
});

after(async () => { await app?.close(); });

test('launches on the case and shows its rows', { skip: SKIP }, async () => {
  assert.match(page.url(), /^app:\/\/renderer\//, 'loaded from the app protocol, not a remote URL or file');
  await page.waitForFunction('document.querySelector(\'[role="grid"]\')?.getAttribute("data-state") === "ready"', undefined, { timeout: 30_000 });
  assert.ok((await page.locator('.grid-body [role="row"]').count()) > 0, 'rows are visible');
  const info = (await page.evaluate('window.auditApi.call("case.info", {})')) as { ok: boolean; value: { totals: { events: number } } };
  assert.ok(info.ok && info.value.totals.events > 0);
});

test('webPreferences at runtime: sandboxed, isolated, no Node, web security, no webview', { skip: SKIP }, async () => {
  const prefs = (await app.evaluate(({ BrowserWindow }) => {
    const wc = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> };
    return wc.getLastWebPreferences?.() ?? null;
  })) as Record<string, unknown> | null;
  if (prefs) {
    assert.equal(prefs['sandbox'], true);
    assert.equal(prefs['contextIsolation'], true);
    assert.equal(prefs['nodeIntegration'], false);
    assert.equal(prefs['webSecurity'], true);
    assert.equal(prefs['webviewTag'], false);
  }
  // What the page itself can reach, whatever the API above reports.
  assert.deepEqual(await page.evaluate('[typeof require, typeof process, typeof module, typeof Buffer]'), ['undefined', 'undefined', 'undefined', 'undefined']);
  assert.deepEqual(await page.evaluate('Object.keys(window.auditApi).sort()'), ['call', 'subscribe']);
  const bad = (await page.evaluate('window.auditApi.call("shell.openExternal", {})')) as { ok: boolean; error: { code: string } };
  assert.equal(bad.error.code, 'bad_request');
});

test('navigation, popups and the network are denied', { skip: SKIP }, async () => {
  const before = page.url();
  await page.evaluate('location.href = "https://example.com/"; 1').catch(() => {});
  await page.evaluate('1'); // the page is still ours and responsive
  assert.equal(page.url(), before);
  assert.equal(await page.evaluate('window.open("https://example.com/") === null'), true);
  assert.equal(await page.evaluate('fetch("https://example.com/").then(() => "reached", () => "blocked")'), 'blocked');
});
