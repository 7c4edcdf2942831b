// Driving the workspace the way a person does, with readiness read from the DOM (data-state) and
// never from sleeps; plus screenshots of the states worth looking at.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ROOT, startServe, type Served } from './serve.ts';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import type { PageDocument } from './pageDom.ts';

declare const document: PageDocument;

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/**
 * Saves a screenshot of a state worth looking at, after checking that the workspace still fits the
 * window: nothing in it is wider than the window, and it has not scrolled sideways (cut-off text
 * on the left was once what a long query explanation left behind).
 */
export async function shot(page: Page, name: string): Promise<void> {
  const fit = await page.evaluate(() => {
    const app = document.querySelector('.app');
    return app ? { scrollWidth: app.scrollWidth, clientWidth: app.clientWidth, scrollLeft: app.scrollLeft } : null;
  });
  if (fit) assert.deepEqual(fit, { scrollWidth: fit.clientWidth, clientWidth: fit.clientWidth, scrollLeft: 0 }, `${name}: the workspace fits the window`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Waits until the grid shows `query` (exactly, as committed) with what is on screen loaded. */
export async function gridSettled(page: Page, query: string, timeout = 30_000): Promise<{ state: string; total: number }> {
  const handle = await page.waitForFunction((q) => {
    const g = document.querySelector('[role="grid"]');
    if (!g || g.getAttribute('data-query') !== q) return null;
    const state = g.getAttribute('data-state');
    if (state !== 'ready' && state !== 'empty' && state !== 'error') return null;
    return { state, total: Number(g.getAttribute('data-total') || '0') };
  }, query, { timeout, polling: 'raf' });
  return (await handle.jsonValue()) as { state: string; total: number };
}

export async function openWorkspace(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.app[data-state="ready"]');
  await gridSettled(page, '');
}

/** Types a query in the search box and runs it (Enter), then waits for the grid. */
export async function search(page: Page, query: string): Promise<{ state: string; total: number }> {
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill(query);
  await box.press('Enter');
  return gridSettled(page, query.trim());
}

/** The committed query, as the grid shows it. */
export async function currentQuery(page: Page): Promise<string> {
  return (await page.getByRole('grid').getAttribute('data-query')) ?? '';
}

/** Waits for the query to change from `before`, then for the grid to settle on the new one. */
export async function queryChangedFrom(page: Page, before: string): Promise<string> {
  // Wrapped in an object: waitForFunction waits for a truthy value, and the empty query is ''.
  const handle = await page.waitForFunction((b) => {
    const q = document.querySelector('[role="grid"]')?.getAttribute('data-query');
    return q !== undefined && q !== null && q !== b ? { q } : null;
  }, before, { polling: 'raf' });
  const { q } = (await handle.jsonValue()) as { q: string };
  await gridSettled(page, q);
  return q;
}

/** Cell texts of the rendered rows (header excluded), by column header name. */
export async function visibleRows(page: Page): Promise<Record<string, string>[]> {
  return page.evaluate(() => {
    const headers = Array.from(document.querySelectorAll('[role="columnheader"]')).map((h) => h.getAttribute('data-column') ?? '');
    return Array.from(document.querySelectorAll('.grid-body [role="row"]')).map((r) => {
      const cells = Array.from(r.querySelectorAll('[role="gridcell"]'));
      const out: Record<string, string> = { index: r.getAttribute('data-index') ?? '', id: r.getAttribute('data-event-id') ?? '' };
      cells.forEach((c, i) => { out[headers[i]!] = c.textContent ?? ''; });
      return out;
    });
  });
}

/** A served case with a browser page on its workspace, collecting the page's uncaught errors. */
export interface Workspace { served: Served; browser: LaunchedBrowser; page: Page; pageErrors: string[]; close(): Promise<void> }

export async function startWorkspace(casePath: string, archives: string[] = []): Promise<Workspace> {
  const served = await startServe(casePath, archives);
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await openWorkspace(page, served.url);
  return { served, browser, page, pageErrors, close: async () => { await browser.close(); await served.stop(); } };
}

/** The first two records of the Okta sample with two broken lines between them (`junk` the second). */
export function writeOktaWithBrokenLines(path: string, junk: string): void {
  const okta = readFileSync(join(ROOT, '..', 'shared', 'corpora', 'okta', 'system-log.ndjson'), 'utf8').split('\n').filter(Boolean);
  writeFileSync(path, [okta[0], '{"broken json', junk, okta[1]].join('\n') + '\n');
}
