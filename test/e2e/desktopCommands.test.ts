// What the desktop shell asks of the page, driven in Chromium against the real `serve`: there is no
// preload here, so each test does what the preload does — dispatches the DOM event it dispatches
// (name and detail from shared/menuCommands.ts, the same codec the preload uses), or takes a drop in
// the capture phase — and, for imports, starts the import through the API the way main does. The
// page must open the Export dialog, follow the menu's theme, and show an import main started with
// its progress, Cancel and per-source summary; a plain browser drop must still open the path form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Responses } from '../../shared/contract.ts';
import { MENU_DOM_EVENT, encodeMenuCommand, type MenuCommand } from '../../shared/menuCommands.ts';
import { generateLines } from '../../bench/generate.ts';
import { chromiumMissing } from './helpers/browser.ts';
import { apiCall, type Served } from './helpers/serve.ts';
import { shot, startWorkspace, writeOktaWithBrokenLines, type Workspace } from './helpers/app.ts';
import type { PageDocument } from './helpers/pageDom.ts';

declare const document: PageDocument;

/** Why the suite cannot run here (no Chromium), or null: the reason is the skip's message. */
const skip = chromiumMissing();

/** In-page: a drag event carrying made-up files, on an element as a person's drop is (it bubbles to window). */
function dragScript(type: 'dragenter' | 'drop', names: string[]): string {
  return `(() => {
    const dt = new DataTransfer();
    for (const n of ${JSON.stringify(names)}) dt.items.add(new File(['{}'], n, { type: 'application/json' }));
    document.querySelector('.centre').dispatchEvent(new DragEvent(${JSON.stringify(type)}, { dataTransfer: dt, bubbles: true, cancelable: true }));
  })()`;
}

describe('commands from the desktop shell', { skip: skip ?? false }, () => {
  let dir: string;
  let served: Served;
  let page: Page;
  let ws: Workspace;
  /** Exactly what the preload dispatches for a command main sent. */
  const menu = (c: MenuCommand) => page.evaluate(`window.dispatchEvent(new CustomEvent(${JSON.stringify(MENU_DOM_EVENT)}, { detail: ${JSON.stringify(encodeMenuCommand(c))} }))`);
  /** Starts an import the way main does for a drop or File ▸ Import: straight through the API. */
  const importAsMain = async (paths: string[]) => (await apiCall<Responses['import.start']>(served, 'import.start', { paths })).importId;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-viewer-e2e-desktop-'));
    ws = await startWorkspace(join(dir, 'case.sqlite'));
    ({ served, page } = ws);
  });

  after(async () => {
    await ws?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('in a browser, a drop still opens the path form naming the dropped files', async () => {
    await page.evaluate(dragScript('dragenter', ['okta-export.json']));
    await page.locator('.app.drop-target').waitFor();
    await page.evaluate(dragScript('drop', ['okta-export.json']));
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByText(/Dropped: okta-export\.json\. A browser does not reveal where a dropped file lives/).waitFor();
    assert.ok(await dialog.getByLabel('Files, folders or archives on this machine (one per line)').isVisible());
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('a drop the desktop preload took (capture phase, preventDefault) is not the page’s: no path form', async () => {
    await page.evaluate(`window.addEventListener('drop', (e) => e.preventDefault(), { capture: true, once: true })`);
    await page.evaluate(dragScript('dragenter', ['taken.json']));
    await page.locator('.app.drop-target').waitFor();
    await page.evaluate(dragScript('drop', ['taken.json']));
    // The drop handler clears the drop highlight in the same update in which it would open the form.
    await page.locator('.app:not(.drop-target)').waitFor();
    assert.equal(await page.locator('dialog[open]').count(), 0, 'no dialog opened for a drop main imports');
  });

  it('File ▸ Export… opens the Export dialog on the current view', async () => {
    await menu({ command: 'export' });
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Save to (a path on this machine; a manifest is written beside it)').waitFor();
    await shot(page, '30-menu-export');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('View ▸ Theme in the menu wins over the page’s own earlier choice', async () => {
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('radio', { name: 'Light' }).click();
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
    await menu({ command: 'theme', theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
    await page.getByRole('button', { name: 'Theme' }).click();
    assert.ok(await page.getByRole('radio', { name: 'Dark' }).isChecked(), 'the page’s own switch shows the menu’s choice');
    await page.keyboard.press('Escape');
    await menu({ command: 'theme', theme: 'system' });
  });

  it('an import main started shows in the Import dialog with its progress figures, and Cancel stops it', async () => {
    // 150k generated CloudTrail events (~190 MB): long enough to watch, cancelled before it ends.
    const big = join(dir, 'trail-150k.jsonl');
    writeFileSync(big, [...generateLines({ format: 'cloudtrail', events: 150_000, seed: 11 })].join('\n') + '\n');
    const importId = await importAsMain([big]);
    await menu({ command: 'import', importId });
    const dialog = page.getByRole('dialog', { name: 'Import' });
    const progress = dialog.locator('.import-progress[data-state="running"]');
    await progress.waitFor();
    await progress.getByText(/about .+ left/).waitFor({ timeout: 60_000 });
    const figures = await progress.textContent() ?? '';
    assert.match(figures, new RegExp(`Reading ${big.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), 'the file being read');
    assert.match(figures, /of \d+(\.\d)? MiB/, 'bytes of the file');
    assert.match(figures, /\d read · \d[\d,]* imported/, 'records');
    assert.match(figures, /records\/s · [\d.]+ (B|KiB|MiB|GiB)\/s/, 'rate');
    await shot(page, '31-main-import-progress');
    await dialog.getByRole('button', { name: 'Cancel import' }).click();
    await dialog.locator('.import-done').waitFor({ timeout: 60_000 });
    assert.match(await dialog.locator('.import-done').textContent() ?? '', /Import cancelled/, `serve's log:\n${served.stderr().slice(-3000)}`);
    const status = await apiCall<Responses['import.status']>(served, 'import.status', { importId });
    assert.equal(status.state, 'cancelled', 'Cancel reached the import main started');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('an import main started that ended before the page heard of it still shows its summary and rejects', async () => {
    const file = join(dir, 'okta-with-broken-lines.ndjson');
    writeOktaWithBrokenLines(file, '<b>not a record</b>');
    const importId = await importAsMain([file]);
    // As at launch, when main imports the files it was given while the window is still loading.
    for (let s = await apiCall<Responses['import.status']>(served, 'import.status', { importId }); s.state === 'running';) {
      s = await apiCall<Responses['import.status']>(served, 'import.status', { importId });
    }
    await menu({ command: 'import', importId });
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.locator('.import-done[data-state="done"]').waitFor();
    assert.match(await dialog.getByRole('status').first().textContent() ?? '', /Import finished/);
    const row = dialog.locator('.import-summary tbody tr', { hasText: file });
    assert.deepEqual((await row.locator('td.num').allTextContents()), ['4', '2', '0', '2 — view'], 'records, imported, duplicates, rejected');
    await shot(page, '32-main-import-summary');
    await row.getByRole('button', { name: '2 — view' }).click();
    const rejects = await dialog.locator('.rejects-table').textContent() ?? '';
    assert.match(rejects, /broken json/);
    assert.match(rejects, /<b>not a record<\/b>/, 'raw text shown as text');
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The workspace refreshed for the new events, as after an import started from the dialog.
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('data-total') === '2');
  });

  it('raised no page errors', () => {
    assert.deepEqual(ws.pageErrors, []);
  });
});
