// A reviewer's session on the sample corpora, end to end in Chromium against the real `serve`: import
// through the UI (with a file that has broken lines, to see its rejects), search with qualifiers,
// include and exclude facet values, brush the timeline, open a detail with a diff, open an entity
// history, export and compare the CSV with the CLI's, and review with the keyboard. Readiness is
// read from the DOM (data-state), never from sleeps. Screenshots go to test-results/screenshots/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CountResult, FacetResult, PageResult } from '../../shared/contract.ts';
import { chromiumMissing } from './helpers/browser.ts';
import { apiCall, ROOT, type Served } from './helpers/serve.ts';
import { generateLines } from '../../bench/generate.ts';
import { currentQuery, gridSettled, queryChangedFrom, search, shot, startWorkspace, visibleRows, writeOktaWithBrokenLines, type Workspace } from './helpers/app.ts';
import type { PageDocument } from './helpers/pageDom.ts';

declare const document: PageDocument;

const CORPORA = join(ROOT, '..', 'shared', 'corpora');
const skip = chromiumMissing();

describe('review workspace on the sample corpora', { skip: skip ?? false }, () => {
  let dir: string;
  let served: Served;
  let page: Page;
  let ws: Workspace;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-viewer-e2e-'));
    // An Okta export with two broken lines between good ones: its rejects must be viewable.
    writeOktaWithBrokenLines(join(dir, 'okta-with-broken-lines.ndjson'), '<html>not a record</html>');
    ws = await startWorkspace(join(dir, 'case.sqlite'));
    ({ served, page } = ws);
  });

  after(async () => {
    await ws?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts empty and says how to import', async () => {
    assert.equal(await page.getByRole('grid').getAttribute('data-state'), 'empty');
    await page.getByText('This case has no events yet.').waitFor();
    await shot(page, '00-empty-case');
  });

  it('imports archives through the Import dialog and shows per-source results with rejects', async () => {
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByLabel('Files, folders or archives on this machine (one per line)').fill(`${CORPORA}\n${join(dir, 'okta-with-broken-lines.ndjson')}`);
    await shot(page, '01-import-dialog');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.locator('.import-done[data-state="done"]').waitFor({ timeout: 120_000 });
    await shot(page, '02-import-summary');

    const rows = await dialog.locator('.import-summary tbody tr').allTextContents();
    assert.ok(rows.length >= 12, `a line per source (got ${rows.length})`);
    assert.ok(rows.some((r) => r.includes('cloudtrail')), 'CloudTrail sources listed');

    await dialog.getByRole('button', { name: /2 — view/ }).click();
    const rejects = dialog.locator('.rejects-table tbody tr');
    await rejects.first().waitFor();
    const text = await dialog.locator('.rejects-table').textContent();
    assert.match(text ?? '', /broken json/);
    assert.match(text ?? '', /<html>not a record<\/html>/, 'raw text shown as text');
    await shot(page, '03-import-rejects');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const info = await apiCall<{ totals: { events: number } }>(served, 'case.info', {});
    await page.waitForFunction((n) => document.querySelector('[role="grid"]')?.getAttribute('data-total') === String(n), info.totals.events);
    const settled = await gridSettled(page, '');
    assert.equal(settled.state, 'ready');
    assert.ok(info.totals.events > 300);
    await shot(page, '04-all-events');
  });

  it('follows a longer import with progress figures, and cancels it', async () => {
    // 150k generated CloudTrail events (~190 MB): long enough to watch, cancelled before it ends.
    const big = join(dir, 'trail-150k.jsonl');
    writeFileSync(big, [...generateLines({ format: 'cloudtrail', events: 150_000, seed: 7 })].join('\n') + '\n');
    await page.getByRole('button', { name: 'Import…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await dialog.getByRole('button', { name: 'Import more' }).click();
    await dialog.getByLabel('Files, folders or archives on this machine (one per line)').fill(big);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const progress = dialog.locator('.import-progress[data-state="running"]');
    await progress.waitFor();
    await progress.getByText(/\d read ·/).waitFor({ timeout: 60_000 });
    const figures = await progress.textContent() ?? '';
    assert.match(figures, /records\/s/);
    assert.match(figures, /of \d+(\.\d)? MiB/, 'bytes of the file');
    await dialog.getByRole('button', { name: 'Cancel import' }).click();
    await shot(page, '02a-import-progress');
    await dialog.locator('.import-done').waitFor({ timeout: 60_000 });
    assert.match(await dialog.getByRole('status').first().textContent() ?? '', /cancelled/i);
    await dialog.getByRole('button', { name: 'Close' }).click();
    const info = await apiCall<{ sources: { path: string; status: string }[] }>(served, 'case.info', {});
    assert.ok(!info.sources.some((s) => s.path === big && s.status === 'complete'), 'the cancelled source is not complete');
  });

  it('searches with qualifiers, explains the query and marks a syntax error in place', async () => {
    const q = 'system:okta action:user.*';
    const { total } = await search(page, q);
    const expected = await apiCall<CountResult>(served, 'events.count', { query: q });
    assert.equal(total, expected.total);
    assert.ok(total > 0);
    for (const r of await visibleRows(page)) {
      assert.equal(r['system'], 'okta');
      assert.match(r['action']!, /^user\./);
    }
    assert.match(await page.getByTestId('query-explanation').textContent() ?? '', /okta/);
    await shot(page, '05-search-qualifiers');

    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('actor:(alice OR');
    await box.press('Enter');
    await page.locator('.search-error').waitFor();
    assert.equal(await box.getAttribute('aria-invalid'), 'true');
    assert.equal(await currentQuery(page), q, 'an invalid query does not replace the results');
    await page.locator('.tok-err').first().waitFor();
    await shot(page, '06-search-error');
    await box.fill('');
    await box.press('Enter');
    await gridSettled(page, '');
  });

  it('the status bar shows the count of the current query only: "Counting…" until it arrives, never the last query’s', async () => {
    const status = page.getByTestId('match-count');
    await search(page, 'system:okta');
    const okta = await apiCall<CountResult>(served, 'events.count', { query: 'system:okta' });
    await page.waitForFunction((n) => document.querySelector('[data-testid="match-count"]')?.textContent?.startsWith(`${n} matching`), okta.total.toLocaleString('en-US'));
    // Hold the next count back: until it is answered there is no number for the new query.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => { release = r; });
    const passed: Promise<void>[] = [];
    await page.route('**/api/events.count', (route) => { const p = held.then(() => route.continue()); passed.push(p); return p; });
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('system:slack');
    await box.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="match-count"]')?.textContent?.startsWith('Counting…'));
    assert.doesNotMatch(await status.textContent() ?? '', new RegExp(`^${okta.total} matching`));
    release();
    await Promise.all(passed);
    await page.unroute('**/api/events.count');
    const slack = await apiCall<CountResult>(served, 'events.count', { query: 'system:slack' });
    await page.waitForFunction((n) => document.querySelector('[data-testid="match-count"]')?.textContent?.startsWith(`${n} matching`), slack.total.toLocaleString('en-US'));
    assert.notEqual(slack.total, okta.total);
    await search(page, ''); // the next tests start from the whole case
  });

  it('offers qualifier and value completions', async () => {
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('sys');
    await page.getByRole('option', { name: /system:/ }).click();
    assert.equal(await box.inputValue(), 'system:');
    await page.getByRole('option', { name: /^okta/ }).waitFor();
    await shot(page, '07-completions');
    await page.getByRole('option', { name: /^okta/ }).click();
    assert.equal(await box.inputValue(), 'system:okta ');
    await box.press('Escape');
    await box.press('Escape');
  });

  it('includes and excludes facet values, keeping the query text in step', async () => {
    const system = page.getByRole('region', { name: 'System facet' });
    await system.getByRole('checkbox', { name: /^okta \d/ }).click();
    assert.equal(await queryChangedFrom(page, ''), 'system:okta');
    assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), 'system:okta');
    for (const r of await visibleRows(page)) assert.equal(r['system'], 'okta');
    await system.locator('[data-state="ready"]').or(system).first().waitFor();

    // A second value in the same facet: both included (OR), and the facet still lists the others.
    await system.getByRole('checkbox', { name: /^github \d/ }).click();
    const both = await queryChangedFrom(page, 'system:okta');
    assert.equal(both, 'system:(okta OR github)');
    for (const r of await visibleRows(page)) assert.ok(r['system'] === 'okta' || r['system'] === 'github');

    // Exclude a value of another facet with its ⊘ button.
    const outcome = page.getByRole('region', { name: 'Outcome facet' });
    await outcome.getByRole('button', { name: 'Exclude success' }).click();
    const excluded = await queryChangedFrom(page, both);
    assert.equal(excluded, 'system:(okta OR github) -outcome:success');
    const expected = await apiCall<CountResult>(served, 'events.count', { query: excluded });
    assert.equal(Number(await page.getByRole('grid').getAttribute('data-total')), expected.total);
    assert.equal(await outcome.getByRole('button', { name: 'Exclude success' }).getAttribute('aria-pressed'), 'true');
    await shot(page, '08-facets-include-exclude');

    // Alt+click on a value's box excludes it instead (here: takes github out of the include, excludes it).
    await system.getByRole('checkbox', { name: /^github \d/ }).click({ modifiers: ['Alt'] });
    const altExcluded = await queryChangedFrom(page, excluded);
    assert.equal(altExcluded, 'system:okta -outcome:success -system:github');

    // Date presets write the time clause into the same text.
    const dates = page.getByRole('group', { name: 'Date range' });
    await dates.getByRole('button', { name: 'Older' }).click();
    assert.equal(await queryChangedFrom(page, altExcluded), 'system:okta -outcome:success -system:github before:-1mo');
    assert.equal(await dates.getByRole('button', { name: 'Older' }).getAttribute('aria-pressed'), 'true');
    await dates.getByRole('button', { name: 'Any time' }).click();
    assert.equal(await queryChangedFrom(page, 'system:okta -outcome:success -system:github before:-1mo'), altExcluded);

    // The "Failures" preset checks outcome failure and warning.
    await search(page, '');
    await page.getByRole('button', { name: 'Failures' }).click();
    assert.equal(await queryChangedFrom(page, ''), 'outcome:(failure OR warning)');
    assert.equal(await page.getByRole('region', { name: 'Outcome facet' }).getByRole('checkbox', { name: /^failure \d/ }).isChecked(), true);
    await search(page, '');
  });

  it('brushes the timeline to narrow the time range', async () => {
    const svg = page.locator('.timeline-svg');
    await page.locator('.timeline[data-state="ready"]').waitFor();
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
    await page.getByTestId('timeline-hover').waitFor();
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 8 });
    await shot(page, '09-timeline-brushing');
    await page.mouse.up();
    const q = await queryChangedFrom(page, '');
    const m = /^after:(\S+) before:(\S+)$/.exec(q);
    assert.ok(m, `query holds the range: ${q}`);
    const from = Date.parse(m[1]!);
    const to = Date.parse(m[2]!);
    assert.ok(from < to);
    const first = await apiCall<PageResult>(served, 'events.page', { query: q, from: 0, to: 50 });
    for (const r of first.rows) assert.ok(r.time !== null && r.time >= from && r.time < to, 'rows inside the brushed range');
    await page.locator('.timeline[data-state="ready"]').waitFor();
    await shot(page, '10-timeline-brushed');
    await page.getByRole('button', { name: 'Clear time range' }).click();
    await gridSettled(page, '');
  });

  it('opens an event with changes and shows the before/after diff both ways', async () => {
    await search(page, 'system:google_workspace');
    const row = page.locator('.grid-body [role="row"].has-changes').first();
    await row.click();
    await page.getByRole('grid').press('Enter');
    const details = page.getByRole('region', { name: 'Details' });
    await details.locator('.detail-body[data-state="ready"]').waitFor();
    assert.equal(await details.locator('.detail-body').getAttribute('data-event-id'), await row.getAttribute('data-event-id'));
    const diff = details.getByTestId('changes-diff');
    await diff.locator('.diff-table').waitFor();
    assert.ok(await diff.locator('.diff-table tbody tr').count() >= 1);
    assert.match(await details.locator('.provenance').textContent() ?? '', /[0-9a-f]{64}/, 'SHA-256 of the source shown');
    await shot(page, '11-detail-diff-side-by-side');
    await diff.getByRole('button', { name: 'Inline' }).click();
    await diff.locator('.diff-inline').waitFor();
    assert.ok(await diff.locator('ins, del').count() >= 1, 'insertions or deletions marked');
    await shot(page, '12-detail-diff-inline');
  });

  it('opens the history of the event\'s entity', async () => {
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('button', { name: 'Entity history' }).click();
    await details.locator('.entity-history[data-state="ready"]').waitFor();
    assert.ok(await details.locator('.history-list li').count() >= 1);
    await details.getByText(/^State /).first().waitFor();
    await shot(page, '13-entity-history');
    await details.getByRole('button', { name: 'Close details' }).click();
    await details.waitFor({ state: 'detached' });
  });

  it('exports the query to CSV with the same bytes as the CLI export', async () => {
    const q = 'system:okta';
    await search(page, q);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const uiCsv = join(dir, 'from-ui.csv');
    await dialog.getByLabel(/Save to/).fill(uiCsv);
    const count = await apiCall<CountResult>(served, 'events.count', { query: q });
    // The dialog says how many rows the file will hold before it is written.
    await dialog.getByTestId('export-count').filter({ hasText: ` · ${count.total} events` }).waitFor();
    await shot(page, '14-export-dialog');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.locator('.export-done[data-state="done"]').waitFor({ timeout: 60_000 });
    await shot(page, '15-export-done');
    const rows = Number((await dialog.getByTestId('export-rows').textContent())!.replace(/,/g, ''));
    assert.equal(rows, count.total);
    await dialog.getByRole('button', { name: 'Done' }).click();

    const cliCsv = join(dir, 'from-cli.csv');
    execFileSync(process.execPath, [join(ROOT, 'electron', 'cli.ts'), 'export', '--case', join(dir, 'case.sqlite'), '--query', q, '--out', cliCsv], { cwd: ROOT, stdio: 'pipe' });
    assert.equal(readFileSync(uiCsv, 'utf8'), readFileSync(cliCsv, 'utf8'));
    const manifest = JSON.parse(readFileSync(`${uiCsv}.manifest.json`, 'utf8')) as { rows: number; complete: boolean; query: string };
    assert.equal(manifest.rows, rows);
    assert.equal(manifest.complete, true);
    assert.equal(manifest.query, q);
  });

  it('reviews with the keyboard: j/k and arrows move, Enter opens, Esc closes, / searches', async () => {
    await search(page, '');
    const grid = page.getByRole('grid');
    await page.locator('.grid-body [role="row"][data-index="0"]').click();
    await grid.press('j');
    await grid.press('j');
    await grid.press('ArrowDown');
    await grid.press('k');
    const selected = page.locator('.grid-body [role="row"][aria-selected="true"]');
    assert.equal(await selected.getAttribute('data-index'), '2');
    await grid.press('Enter');
    const details = page.getByRole('region', { name: 'Details' });
    await details.locator('.detail-body[data-state="ready"]').waitFor();
    assert.equal(await details.locator('.detail-body').getAttribute('data-event-id'), await selected.getAttribute('data-event-id'));
    // With the pane open, moving the selection moves the detail with it.
    await grid.press('j');
    await page.waitForFunction(() => document.querySelector('.detail-body')?.getAttribute('data-event-id')
      === document.querySelector('.grid-body [role="row"][aria-selected="true"]')?.getAttribute('data-event-id'));
    await shot(page, '16-keyboard-detail-follows');
    await grid.press('Escape');
    await details.waitFor({ state: 'detached' });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Search');
    await grid.focus();
    await grid.press('End');
    const total = Number(await grid.getAttribute('data-total'));
    await page.locator(`.grid-body [role="row"][aria-selected="true"][aria-rowindex="${total + 1}"]`).waitFor();
  });

  it('shows times in the chosen zone, UTC by default', async () => {
    await gridSettled(page, '');
    const firstTime = async () => (await visibleRows(page))[0]!['time']!;
    const utc = await firstTime();
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
    await page.waitForFunction((t) => document.querySelector('.grid-body [role="row"] .cell-time')?.textContent !== t, utc);
    const tokyo = await firstTime();
    assert.equal(Date.parse(`${tokyo.replace(' ', 'T')}Z`) - Date.parse(`${utc.replace(' ', 'T')}Z`), 9 * 3600_000);
    await page.getByRole('combobox', { name: 'Time zone' }).selectOption('UTC');
  });

  it('sorts by a column header', async () => {
    const header = page.getByRole('columnheader', { name: /System/ });
    await header.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('[role="grid"]')?.getAttribute('data-state') === 'ready'
      && document.querySelector('[role="columnheader"][aria-sort="ascending"]')?.textContent?.startsWith('System'));
    await gridSettled(page, '');
    const systems = (await visibleRows(page)).map((r) => r['system']!);
    assert.deepEqual(systems, [...systems].sort((a, b) => a.localeCompare(b)));
    await page.getByRole('columnheader', { name: /Time/ }).getByRole('button').click();
  });

  it('chooses, resizes and reorders columns', async () => {
    const headers = () => page.locator('[role="columnheader"]').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-column')));
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Category' }).uncheck();
    assert.ok(!(await headers()).includes('category'));
    await page.getByRole('checkbox', { name: 'Category' }).check();
    assert.ok((await headers()).includes('category'));
    await page.getByRole('button', { name: 'Columns' }).click();

    const actor = page.getByRole('columnheader', { name: /Actor/ });
    const before = (await actor.boundingBox())!.width;
    const handle = (await page.getByRole('separator', { name: 'Resize Actor column' }).boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    const after = (await actor.boundingBox())!.width;
    assert.ok(Math.abs(after - before - 80) <= 2, `resized by 80 px (${before} → ${after})`);

    await actor.dragTo(page.getByRole('columnheader', { name: /System/ }));
    const order = await headers();
    assert.ok(order.indexOf('actor') < order.indexOf('system'), `actor moved before system: ${order.join(',')}`);
    const cells = await visibleRows(page);
    assert.ok(cells.length > 0 && cells.every((r) => r['actor'] !== undefined));
    await shot(page, '17a-columns-rearranged');
  });

  it('shows the summary dashboard for the current query', async () => {
    await page.getByRole('tab', { name: 'Summary' }).click();
    await page.locator('.summary[data-state="ready"]').waitFor();
    const failures = await apiCall<CountResult>(served, 'events.count', { query: 'outcome:(failure OR warning)' });
    assert.match(await page.getByRole('region', { name: 'Failures' }).textContent() ?? '', new RegExp(failures.total.toLocaleString('en-US')));
    // Every distinct actor is counted, not just the top ones listed.
    const [actors] = await apiCall<FacetResult[]>(served, 'facets.list', { query: '', fields: ['actor'] });
    assert.ok(actors!.distinct > 10, `more actors than the top list shows (${actors!.distinct})`);
    assert.equal(await page.getByRole('region', { name: 'Active actors' }).locator('.kpi-value').textContent(), actors!.distinct.toLocaleString('en-US'));
    await shot(page, '17b-summary');
    await page.getByRole('tab', { name: 'Events' }).click();
    await gridSettled(page, '');
  });

  it('switches to the dark theme', async () => {
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('radio', { name: 'Dark' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset['theme']), 'dark');
    await shot(page, '18-dark-theme');
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('radio', { name: 'Follow the system' }).click();
  });

  it('raised no page errors', () => {
    assert.deepEqual(ws.pageErrors, []);
  });
});
