// Archive text is hostile: a case whose every text field carries markup and script payloads must show
// them as literal text — in the grid, the facets, the detail pane and the raw record — and run none
// of them (no script side effects, no dialogs, no injected elements). The archive is generated here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { apiCall, ROOT, startServe, type Served } from './helpers/serve.ts';
import { gridSettled, openWorkspace, search, shot } from './helpers/app.ts';
import type { PageDocument } from './helpers/pageDom.ts';

declare const document: PageDocument;
declare const window: { __pwned?: unknown };

const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"><svg onload="window.__pwned=3">',
  'javascript:window.__pwned=4',
  '<a href="javascript:window.__pwned=5">click me</a>',
  '{{constructor.constructor(\'window.__pwned=6\')()}}',
  '<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
  '=HYPERLINK("http://evil.example/","x")',
];

/** Okta System Log records (the corpus's first record as a template) with payloads in every text field. */
function hostileArchive(): string {
  const template = JSON.parse(readFileSync(join(ROOT, '..', 'shared', 'corpora', 'okta', 'system-log.ndjson'), 'utf8').split('\n')[0]!) as Record<string, unknown>;
  return PAYLOADS.map((p, i) => {
    const r = structuredClone(template);
    r['uuid'] = `hostile-${i}`;
    r['published'] = `2026-03-0${(i % 9) + 1}T10:00:00.000Z`;
    r['displayMessage'] = p;
    r['eventType'] = `user.session.${p}`;
    // Each record its own actor id: the case keeps one display name per actor id.
    r['actor'] = { ...(r['actor'] as object), id: `hostile-actor-${i}`, displayName: p, alternateId: p };
    r['target'] = [{ alternateId: p, detailEntry: null, displayName: p, id: `t-${i}`, type: p }];
    r['outcome'] = { reason: p, result: 'FAILURE' };
    return JSON.stringify(r);
  }).join('\n') + '\n';
}

const skip = chromiumMissing();

describe('hostile archive text', { skip: skip ?? false }, () => {
  let dir: string;
  let served: Served;
  let browser: LaunchedBrowser;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-viewer-hostile-'));
    const archive = join(dir, 'hostile-okta.ndjson');
    writeFileSync(archive, hostileArchive());
    served = await startServe(join(dir, 'case.sqlite'), [archive]);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(served.url);
    await page.waitForSelector('.app[data-state="ready"]');
    // The archive is imported at serve start; the grid refreshes when the import is done.
    await page.waitForFunction((n) => document.querySelector('[role="grid"]')?.getAttribute('data-total') === String(n), PAYLOADS.length, { timeout: 60_000 }).catch(async () => {
      await page.reload();
      await openWorkspace(page, served.url);
    });
    await gridSettled(page, '');
  });

  after(async () => {
    await browser?.close();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows every payload as literal text in the grid and the facets', async () => {
    assert.equal(await page.getByRole('grid').getAttribute('data-total'), String(PAYLOADS.length));
    for (const p of PAYLOADS) {
      await page.getByRole('grid').getByText(p, { exact: true }).first().waitFor();
      await page.getByRole('region', { name: 'Actor facet' }).getByText(p, { exact: true }).waitFor();
    }
    await shot(page, '20-hostile-text-grid');
  });

  it('shows them as text in the detail pane and the raw record', async () => {
    const row = page.locator('.grid-body [role="row"]').first();
    await row.dblclick();
    const details = page.getByRole('region', { name: 'Details' });
    await details.locator('.detail-body[data-state="ready"]').waitFor();
    const text = await details.textContent() ?? '';
    assert.ok(PAYLOADS.some((p) => text.includes(p)), 'a payload appears verbatim in the detail');
    await details.getByRole('button', { name: 'Show as text' }).click();
    await details.locator('.raw-text').waitFor();
    await shot(page, '21-hostile-text-detail');
  });

  it('searching for a payload finds it and highlights it as text', async () => {
    const q = 'actor:"<script>window.__pwned=2</script>"';
    const { total } = await search(page, q);
    const api = await apiCall<{ total: number }>(served, 'events.count', { query: q });
    assert.equal(total, api.total, `grid ${total}, API ${api.total}, grid query ${await page.getByRole('grid').getAttribute('data-query')}`);
    assert.equal(total, 1);
  });

  it('ran nothing: no script side effects, no dialogs, no injected elements', async () => {
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      iframe: document.querySelectorAll('iframe').length,
      svgOutsideTimeline: Array.from(document.querySelectorAll('svg')).filter((s) => !(s.getAttribute('class') ?? '').includes('timeline-svg')).length,
      scripts: Array.from(document.querySelectorAll('script')).filter((s) => !(s.getAttribute('src') ?? '').includes('assets/')).length,
      links: document.querySelectorAll('a[href]').length,
    }));
    assert.deepEqual(injected, { img: 0, iframe: 0, svgOutsideTimeline: 0, scripts: 0, links: 0 });
  });
});
