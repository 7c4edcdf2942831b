// Covers the workspace details workspace.test.ts leaves out, in Chromium against the real `serve`:
// recent queries in the search box; the date presets (Today, This week, This month, Older, Custom…)
// and the counts they give; saved filter presets (saved, kept over a reload, applied) and the
// built-in "In progress"; facets cut short ("Show more" on the corpora, and "partial" + "Compute in
// full" on a large case); an entity's state at a chosen time; the Export dialog's options (JSON Lines
// = the raw records, the BOM, a named time zone, chosen columns) and cancelling a large export; the
// theme following the OS; relative time on hover and the grid's colour coding.
//
// The case is the sample corpora (read in place from ../shared/corpora) plus two small files this
// test writes: Okta-shaped events stamped today, yesterday, 10 and 40 days ago (the corpora are too
// old for Today/This week), and a back-office CSV shaped like test/fixtures/seeds with every status.
// A second, large case (300k generated back-office rows, imported with the CLI) is built only for
// the facet time budget and the export cancel. Nothing here adds a test hook to the product: the
// facet budget (1.5 s by default, not exposed in the UI) is met honestly, by a slow raw-field query
// (five wildcard raw paths, each parsing every record) over more events than one chunk holds.
// Readiness is read from the DOM (data-state), never from sleeps; screenshots go to
// test-results/screenshots/rd-*.png.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { EXPORT_COLUMNS, type CountResult, type FacetResult, type PageResult } from '../../shared/contract.ts';
import { writeEvents } from '../../bench/generate.ts';
import { chromiumMissing, launchChromium, type LaunchedBrowser } from './helpers/browser.ts';
import { apiCall, ROOT, startServe, type Served } from './helpers/serve.ts';
import { gridSettled, openWorkspace, queryChangedFrom, search, shot, visibleRows } from './helpers/app.ts';
import type { PageDocument, PageElement } from './helpers/pageDom.ts';

declare const document: PageDocument;
declare const localStorage: { getItem(key: string): string | null };
declare function getComputedStyle(el: PageElement): { backgroundColor: string; color: string };

const CORPORA = join(ROOT, '..', 'shared', 'corpora');
const CLI = join(ROOT, 'electron', 'cli.ts');
const DAY = 86_400_000;
const skip = chromiumMissing() ?? (existsSync(join(ROOT, 'dist', 'renderer', 'index.html')) ? null : 'the renderer is not built: run npm run build:renderer');

// ---------- helpers ----------

function cli(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
}

/** Imports paths into a case with the CLI and checks every activity file came in complete. */
function importWithCli(casePath: string, paths: string[]): void {
  const out = JSON.parse(cli(['import', '--case', casePath, ...paths, '--json'])) as { sources: { path: string; status: string }[] };
  const bad = out.sources.filter((s) => s.status !== 'complete' && s.status !== 'skipped');
  assert.deepEqual(bad, [], 'every source imports');
}

/** The generated Okta-shaped events, by what their stamp is relative to the clock. */
interface Stamped { label: string; time: number }

function recentOktaEvents(now: number): Stamped[] {
  const todayStart = Math.floor(now / DAY) * DAY;
  return [
    // Half way through today so far: today whatever the hour the test runs at.
    { label: 'today', time: Math.floor((todayStart + now) / 2) },
    { label: 'yesterday', time: now - DAY },
    { label: '10 days ago', time: now - 10 * DAY },
    { label: '40 days ago', time: now - 40 * DAY },
  ];
}

function writeRecentOkta(path: string, events: Stamped[]): void {
  const lines = events.map((e, i) => JSON.stringify({
    uuid: `review-probe-${i}`,
    published: new Date(e.time).toISOString(),
    eventType: 'user.session.start',
    version: '0',
    displayMessage: `Probe stamped ${e.label}`,
    actor: { id: 'probe0001', type: 'User', alternateId: 'preset.probe@example.com', displayName: 'Preset Probe' },
    client: { ipAddress: '192.0.2.10' },
    outcome: { result: 'SUCCESS' },
  }));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Back-office rows (the seeds' CSV shape) with every status and the action kinds the colours tell apart. */
const BACKOFFICE_ROWS = [
  { event: 'Contact created · Dana Lee', action: 'Contact created', status: 'SUCCESS', tone: 'create', statusTone: 'success' },
  { event: 'Contact deleted · Dana Lee', action: 'Contact deleted', status: 'WARNING', tone: 'delete', statusTone: 'warning' },
  { event: 'Contact updated · Sam Ortiz', action: 'Contact updated', status: 'SUCCESS', tone: 'update', statusTone: 'success' },
  { event: 'SYNC_SQUARE_STOCK', action: 'SYNC_SQUARE_STOCK', status: 'IN_PROGRESS', tone: 'neutral', statusTone: 'progress' },
  { event: 'SYNC_SQUARE_STOCK', action: 'SYNC_SQUARE_STOCK', status: 'FAILED', tone: 'auth', statusTone: 'failure' },
] as const;

function writeBackOffice(path: string): void {
  const head = 'ID,Time,Type,Actor,Event,Status,Entity Type,Entity ID,Before,After,Metadata,Error';
  const rows = BACKOFFICE_ROWS.map((r, i) => {
    const job = r.event.startsWith('SYNC');
    return [`act_review_${i}`, `2026-03-09T1${i}:00:00Z`, job ? 'BACKGROUND_JOB' : 'USER_ACTION', job ? 'system' : 'Riley Park', r.event, r.status,
      job ? '' : 'contact', job ? '' : `con_70${i}`, '', '', job ? '"{""job_id"": ""job_1""}"' : '', r.status === 'FAILED' ? 'SquareApiError: 429 Too Many Requests' : ''].join(',');
  });
  writeFileSync(path, `${[head, ...rows].join('\r\n')}\r\n`);
}

/** Monday 00:00 UTC of the week holding `ms`, as YYYY-MM-DD. */
function mondayOf(ms: number): string {
  const day = Math.floor(ms / DAY) * DAY;
  return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
}

async function count(served: Served, query: string): Promise<number> {
  return (await apiCall<CountResult>(served, 'events.count', { query })).total;
}

/** A count that is not a lower bound: a capped count walk goes on from where it stopped when asked again. */
async function countInFull(served: Served, query: string): Promise<CountResult> {
  for (let i = 0; i < 30; i++) {
    const c = await apiCall<CountResult>(served, 'events.count', { query });
    if (!c.capped) return c;
  }
  throw new Error(`the count of ${query} stayed capped`);
}

/** The value names a facet lists, in order. */
async function facetTexts(facet: Locator): Promise<string[]> {
  return facet.locator('.facet-values .facet-text').allTextContents();
}

/** Waits for a facet to show settled counts (not loading) with at least one value and no "partial" flag. */
async function facetComplete(page: Page, field: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((f) => {
    const s = document.querySelector(`section.facet[data-field="${f}"]`);
    return s !== null && s.getAttribute('data-state') === 'ready' && s.querySelector('.facet-flag') === null
      && s.querySelectorAll('.facet-values li').length > 0;
  }, field, { timeout, polling: 'raf' });
}

/** Opens the Export dialog from the toolbar. */
async function openExport(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.locator('.export-form').waitFor();
  return dialog;
}

/** The CSV's lines without the line ends (papaparse writes CRLF). */
function csvLines(text: string): string[] {
  return text.split('\r\n').filter((l) => l !== '');
}

// ---------- the suite ----------

describe('review details on the sample corpora', { skip: skip ?? false, timeout: 300_000 }, () => {
  let dir: string;
  let casePath: string;
  let served: Served;
  let browser: LaunchedBrowser;
  let page: Page;
  let stamps: Stamped[];
  const pageErrors: string[] = [];
  const oktaFile = 'review-recent-okta.jsonl';
  const backofficeFile = 'review-backoffice.csv';

  // The large case, built once on first use (facets cut short, export cancel), in a second tab. A
  // tab in the background gets its animation frames throttled, and both gridSettled (raf polling)
  // and Playwright's "stable" check wait on frames: each test brings the tab it drives to the front.
  let large: Promise<{ served: Served; page: Page; casePath: string }> | null = null;
  const largeCase = () => large ??= (async () => {
    const csv = join(dir, 'large-backoffice.csv');
    await writeEvents({ format: 'backoffice-csv', events: 300_000, seed: 11, start: '2025-01-01T00:00:00Z', days: 30 }, csv);
    const path = join(dir, 'large.sqlite');
    importWithCli(path, [csv]);
    rmSync(csv, { force: true });
    const s = await startServe(path);
    const p = await browser.context.newPage();
    p.on('pageerror', (e) => pageErrors.push(`large case: ${e.message}`));
    await openWorkspace(p, s.url);
    return { served: s, page: p, casePath: path };
  })();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-viewer-review-'));
    stamps = recentOktaEvents(Date.now());
    writeRecentOkta(join(dir, oktaFile), stamps);
    writeBackOffice(join(dir, backofficeFile));
    casePath = join(dir, 'case.sqlite');
    importWithCli(casePath, [CORPORA, join(dir, oktaFile), join(dir, backofficeFile)]);
    served = await startServe(casePath);
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await openWorkspace(page, served.url);
  });

  after(async () => {
    const l = large ? await large.catch(() => null) : null;
    await browser?.close();
    await l?.served.stop();
    await served?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('offers the last searches as recent queries, newest first, and runs the one chosen', async () => {
    const first = 'system:okta';
    const second = 'system:jira category:fields';
    await search(page, first);
    await search(page, second);
    // The box lists recent searches when it is empty (useCompletions), most recent first.
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('');
    const suggestions = page.getByRole('listbox', { name: 'Suggestions' });
    await suggestions.waitFor();
    const labels = await suggestions.locator('.completion-recent .completion-label').allTextContents();
    assert.deepEqual(labels.slice(0, 2), [second, first]);
    await shot(page, 'rd-01-recent-queries');

    await suggestions.getByRole('option', { name: `${first} recent` }).click();
    const { total } = await gridSettled(page, first);
    assert.equal(await box.inputValue(), first);
    assert.equal(total, await count(served, first));

    // They are kept over a reload (localStorage); running one again moves it to the top.
    await page.reload();
    await page.waitForSelector('.app[data-state="ready"]');
    await gridSettled(page, '');
    await box.focus();
    await suggestions.waitFor();
    assert.deepEqual((await suggestions.locator('.completion-recent .completion-label').allTextContents()).slice(0, 2), [first, second]);
    await box.press('Escape');
  });

  it('puts each date preset\'s range into the query and counts the same rows as the API', async () => {
    const now = Date.now();
    const todayStart = Math.floor(now / DAY) * DAY;
    const monday = mondayOf(now);
    const month = new Date(now).toISOString().slice(0, 7);
    const generatedFrom = (from: number, to = Infinity) => stamps.filter((s) => s.time >= from && s.time < to).length;
    const dates = page.getByRole('region', { name: 'Date facet' });
    const presets = dates.getByRole('group', { name: 'Date range' });
    await search(page, '');

    // Expected clause text and how many of the generated events fall in it (computed from the clock
    // here, in UTC like the browser); the grid must show exactly the API's count of the same text.
    const cases: { button: string; clause: string; generated: number }[] = [
      { button: 'Today', clause: 'after:today', generated: generatedFrom(todayStart) },
      { button: 'This week', clause: `after:${monday}`, generated: generatedFrom(Date.parse(`${monday}T00:00:00Z`)) },
      { button: 'This month', clause: `after:${month}`, generated: generatedFrom(Date.parse(`${month}-01T00:00:00Z`)) },
      // More than a month ago: the 40-day-old event, not the 10-day-old one (a month is ≥ 28 days).
      { button: 'Older', clause: 'before:-1mo', generated: 1 },
    ];
    let previous = '';
    for (const c of cases) {
      await presets.getByRole('button', { name: c.button, exact: true }).click();
      const q = await queryChangedFrom(page, previous);
      assert.equal(q, c.clause, `${c.button} writes its clause`);
      assert.equal(await page.getByRole('searchbox', { name: 'Search' }).inputValue(), c.clause);
      assert.equal(await presets.getByRole('button', { name: c.button, exact: true }).getAttribute('aria-pressed'), 'true');
      const total = Number(await page.getByRole('grid').getAttribute('data-total'));
      assert.equal(total, await count(served, q), `${c.button}: the grid counts what the API counts`);
      assert.equal(await count(served, `${q} source:${oktaFile}`), c.generated, `${c.button}: the generated events in range`);
      if (c.button === 'Today' || c.button === 'This week') assert.ok(total > 0, `${c.button} has rows`);
      await shot(page, `rd-02-date-${c.button.toLowerCase().replace(' ', '-')}`);
      previous = q;
    }

    // Custom…: yesterday, from its 00:00:00 up to (not including) today's, in the UTC inputs.
    const from = new Date(todayStart - DAY).toISOString().slice(0, 19);
    const to = new Date(todayStart).toISOString().slice(0, 19);
    await presets.getByRole('button', { name: 'Custom…' }).click();
    await dates.getByLabel('From').fill(from);
    await dates.getByLabel('Before').fill(to);
    await shot(page, 'rd-02-date-custom-form');
    await dates.getByRole('button', { name: 'Apply range' }).click();
    const custom = await queryChangedFrom(page, previous);
    assert.equal(custom, `after:${from}.000Z before:${to}.000Z`);
    assert.equal(await presets.getByRole('button', { name: 'Custom…' }).getAttribute('aria-pressed'), 'true');
    assert.equal(Number(await page.getByRole('grid').getAttribute('data-total')), await count(served, custom));
    assert.equal(await count(served, `${custom} source:${oktaFile}`), generatedFrom(todayStart - DAY, todayStart));
    for (const r of (await apiCall<PageResult>(served, 'events.page', { query: custom, from: 0, to: 100 })).rows) {
      assert.ok(r.time !== null && r.time >= todayStart - DAY && r.time < todayStart, 'rows inside the custom range');
    }
    await shot(page, 'rd-02-date-custom');

    await presets.getByRole('button', { name: 'Any time' }).click();
    assert.equal(await queryChangedFrom(page, custom), '');
  });

  it('saves the current search as a filter preset that survives a reload, and applies the built-in "In progress"', async () => {
    const q = 'system:okta outcome:failure';
    await search(page, q);
    const saved = page.getByRole('region', { name: 'Saved filters' });
    await saved.getByRole('button', { name: 'Save current search…' }).click();
    await saved.getByRole('textbox', { name: 'Name for this filter' }).fill('Okta failures');
    await saved.getByRole('button', { name: 'Save', exact: true }).click();
    const chip = saved.getByRole('button', { name: 'Okta failures', exact: true });
    assert.equal(await chip.getAttribute('aria-pressed'), 'true', 'the saved preset is the current search');
    await shot(page, 'rd-03-preset-saved');

    // A reload starts from an empty search; the preset is still listed and applies its query.
    await page.reload();
    await page.waitForSelector('.app[data-state="ready"]');
    await gridSettled(page, '');
    await chip.waitFor();
    assert.equal(await chip.getAttribute('aria-pressed'), 'false');
    assert.equal(await chip.getAttribute('title'), q);
    await chip.click();
    assert.equal(await queryChangedFrom(page, ''), q);
    const total = Number(await page.getByRole('grid').getAttribute('data-total'));
    assert.equal(total, await count(served, q));
    assert.ok(total > 0);
    for (const r of await visibleRows(page)) assert.equal(r['system'], 'okta');
    await shot(page, 'rd-03-preset-applied');

    // The built-in "In progress" includes outcome in_progress (a checked box in the Outcome facet).
    await search(page, '');
    const inProgress = saved.getByRole('button', { name: 'In progress', exact: true });
    await inProgress.click();
    const ip = await queryChangedFrom(page, '');
    assert.equal(ip, 'outcome:in_progress');
    assert.equal(await inProgress.getAttribute('aria-pressed'), 'true');
    const ipTotal = Number(await page.getByRole('grid').getAttribute('data-total'));
    assert.equal(ipTotal, await count(served, ip));
    assert.ok(ipTotal > 0, 'the back-office IN_PROGRESS row at least');
    assert.equal(await page.getByRole('region', { name: 'Outcome facet' }).getByRole('checkbox', { name: /^in_progress \d/ }).isChecked(), true);
    const badges = await page.locator('.grid-body [role="row"] .cell-status .badge').evaluateAll((bs) => bs.map((b) => b.className));
    assert.ok(badges.length > 0 && badges.every((c) => c.includes('status-progress')), `in-progress badges: ${badges.join(' | ')}`);
    await shot(page, 'rd-03-preset-in-progress');
    await inProgress.click();
    assert.equal(await queryChangedFrom(page, ip), '');

    // Forgetting the saved preset takes it off the list.
    await saved.getByRole('button', { name: 'Forget Okta failures' }).click();
    await chip.waitFor({ state: 'detached' });
  });

  it('says when a facet is cut short and computes more on demand', async () => {
    // Only the top 8 values are listed: the Actor facet of the corpora has far more.
    await search(page, '');
    const actor = page.getByRole('region', { name: 'Actor facet' });
    await facetComplete(page, 'actor');
    const top = await apiCall<FacetResult[]>(served, 'facets.list', { query: '', fields: ['actor'], limit: 8 });
    assert.equal(top[0]!.truncated, true, 'the corpora have more than 8 actors');
    assert.equal((await facetTexts(actor)).length, 8);
    assert.match(await actor.locator('.facet-note').first().textContent() ?? '', new RegExp(`${top[0]!.other.toLocaleString('en-US')} in other values`));
    await actor.getByRole('button', { name: 'Show more' }).click();
    await actor.getByRole('button', { name: 'Show fewer' }).waitFor();
    await facetComplete(page, 'actor');
    const more = await apiCall<FacetResult[]>(served, 'facets.list', { query: '', fields: ['actor'], limit: 50 });
    const shown = await facetTexts(actor);
    assert.ok(shown.length > 8, `more values listed (${shown.length})`);
    assert.equal(shown.length, more[0]!.values.length);
    assert.equal(await actor.getByRole('button', { name: 'Show more' }).count(), 0, 'no second "Show more" past the larger limit');
    await shot(page, 'rd-04-facet-show-more');
    await actor.getByRole('button', { name: 'Show fewer' }).click();
    await page.waitForFunction(() => document.querySelectorAll('section.facet[data-field="actor"] .facet-values li').length === 8);

    // Counting stopped at its time budget: a slow query (five raw paths with wildcards, each a JSON
    // parse of every record) over 300k events, counted in chunks, stops after a few and says so.
    const big = await largeCase();
    await big.page.bringToFront();
    const slow = 'Metadata.note:*fail* OR Before.status:*LEAD* OR After.status:*LEAD* OR Metadata.trigger:*manual* OR Metadata.payload.description:*cron*';
    const { total } = await search(big.page, slow);
    assert.ok(total > 0);
    const action = big.page.getByRole('region', { name: 'Action facet' });
    await action.getByText('partial', { exact: true }).waitFor({ timeout: 60_000 });
    await big.page.getByRole('contentinfo', { name: 'Status' }).getByText('facets cut short').waitFor();
    assert.match(await action.getByText('partial', { exact: true }).getAttribute('title') ?? '', /time budget/);
    await shot(big.page, 'rd-04-facet-partial');
    await action.getByRole('button', { name: 'Compute in full' }).click();
    await facetComplete(big.page, 'action', 90_000);
    const full = await apiCall<FacetResult[]>(big.served, 'facets.list', { query: slow, fields: ['action'], limit: 8, budgetMs: 60_000 });
    assert.equal(full[0]!.timedOut, false);
    const listed = await action.locator('.facet-values input[type="checkbox"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(listed, full[0]!.values.map((v) => `${v.label && v.label !== v.value ? v.label : v.value} ${v.count.toLocaleString('en-US')}`));
    // In full, the facet accounts for every match. The grid's count has a budget of its own and may
    // be a lower bound on this query (count.ts, `capped`), so compare with an uncapped count.
    const counted = await countInFull(big.served, slow);
    assert.ok(total <= counted.total);
    assert.equal(full[0]!.values.reduce((n, v) => n + v.count, 0) + full[0]!.other + full[0]!.missing, counted.total, 'full counts add up to the matches');
    // The other facets still say they are partial: only the one asked for was computed in full.
    await big.page.getByRole('region', { name: 'Actor facet' }).getByText('partial', { exact: true }).waitFor();
    await shot(big.page, 'rd-04-facet-computed-in-full');
    await search(big.page, '');
    await page.bringToFront();
  });

  it('shows an entity\'s state at a chosen time from its recorded changes', async () => {
    // Jira field-configuration scheme 10015 (test-audit-cloud.log, lines 69–77): its "Field
    // Configuration" went Field Layout for PEN (10:58:10.265) → PEN-10050 (10:58:10.473) →
    // PEN-10051 (10:58:11.132) → PEN-10052 (10:58:11.410) on 2021-11-18, Issue Type Default → Task → Epic → Subtask.
    await search(page, 'system:jira entity_type:SCHEME entity:10015');
    const row = page.locator('.grid-body [role="row"].has-changes').first();
    await row.dblclick();
    const details = page.getByRole('region', { name: 'Details' });
    await details.locator('.detail-body[data-state="ready"]').waitFor();
    await details.getByRole('button', { name: 'Entity history' }).click();
    const history = details.locator('.entity-history[data-state="ready"]');
    await history.waitFor();
    assert.equal(await details.locator('.history-list li').count(), 5, 'created and four updates');

    const stateAt = async (input: string): Promise<Record<string, string>> => {
      await details.getByLabel('At (UTC)').fill(input);
      await details.getByRole('heading', { name: `State at ${input.replace('T', ' ')}.000 UTC` }).waitFor();
      await history.waitFor();
      return Object.fromEntries(await details.locator('.state-table tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th')?.textContent ?? '', tr.querySelector('td')?.textContent ?? ''])));
    };

    // Between the change to PEN-10050 and the one to PEN-10051: the earlier value.
    const between = await stateAt('2021-11-18T10:58:11');
    assert.equal(between['Field Configuration'], 'PEN-10050');
    assert.equal(between['Issue Type'], 'Task');
    assert.equal(between['Name'], 'Field Configuration Scheme for Project PEN');
    assert.equal(await details.locator('.history-list li.after-at').count(), 2, 'the two later events are marked as after the time');
    assert.equal(await history.locator('.note').count(), 0, 'every field is known by then');
    await shot(page, 'rd-05-entity-state-between');

    // Before the scheme was created (10:58:10.146): the first later change's before-value where it
    // has one, and the fields the creation set named as unknown.
    const before = await stateAt('2021-11-18T10:58:10');
    assert.equal(before['Field Configuration'], 'Default Field Configuration');
    assert.equal(before['Issue Type'], 'Default');
    assert.equal(before['Name'], undefined);
    assert.match(await history.locator('.note').textContent() ?? '', /Unknown at this time.*Description, Name/);
    await shot(page, 'rd-05-entity-state-before-creation');

    const later = await stateAt('2021-11-18T10:58:12');
    assert.equal(later['Field Configuration'], 'PEN-10052');
    assert.equal(later['Issue Type'], 'Subtask');
    assert.equal(await details.locator('.history-list li.after-at').count(), 0);
    await shot(page, 'rd-05-entity-state-later');
    await details.getByRole('button', { name: 'Close details' }).click();
    await details.waitFor({ state: 'detached' });
  });

  it('exports through the dialog: JSON Lines, BOM, time zone, columns, and a cancel that leaves nothing complete', async () => {
    // JSON Lines gives the raw records: the same bytes as the CLI's, and the corpus file's records.
    const jq = 'system:jira';
    await search(page, jq);
    let dialog = await openExport(page);
    await dialog.getByRole('radio', { name: /JSON Lines/ }).check();
    const uiJsonl = join(dir, 'jira-ui.jsonl');
    await dialog.getByLabel(/Save to/).fill(uiJsonl);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.locator('.export-done[data-state="done"]').waitFor({ timeout: 60_000 });
    await shot(page, 'rd-06-export-jsonl-done');
    await dialog.getByRole('button', { name: 'Done' }).click();
    const cliJsonl = join(dir, 'jira-cli.jsonl');
    cli(['export', '--case', casePath, '--query', jq, '--out', cliJsonl, '--format', 'jsonl']);
    const exported = readFileSync(uiJsonl, 'utf8');
    assert.equal(exported, readFileSync(cliJsonl, 'utf8'));
    const canon = (lines: string[]) => lines.filter(Boolean).map((l) => JSON.stringify(JSON.parse(l))).sort();
    const corpus = readFileSync(join(CORPORA, 'atlassian-jira-audit', 'test-audit-cloud.log'), 'utf8').split('\n');
    assert.deepEqual(canon(exported.split('\n')), canon(corpus), 'every Jira record, as the file has it');
    const jm = JSON.parse(readFileSync(`${uiJsonl}.manifest.json`, 'utf8')) as { format: string; complete: boolean; rows: number };
    assert.deepEqual([jm.format, jm.complete, jm.rows], ['jsonl', true, await count(served, jq)]);

    // CSV with a BOM, times in New York, and five chosen columns (in the dialog's column order).
    const cq = 'source:system-log.ndjson';
    await search(page, cq);
    dialog = await openExport(page);
    await dialog.getByRole('radio', { name: /CSV/ }).check();
    const wanted = ['time', 'action', 'status', 'actor', 'ip'];
    const columns = dialog.getByRole('group', { name: 'Columns' });
    for (const c of EXPORT_COLUMNS) await columns.getByRole('checkbox', { name: c, exact: true }).setChecked(wanted.includes(c));
    await dialog.getByRole('checkbox', { name: /byte order mark/ }).check();
    await dialog.getByRole('combobox', { name: /Time zone for the time column/ }).selectOption('America/New_York');
    const uiCsv = join(dir, 'okta-ui.csv');
    await dialog.getByLabel(/Save to/).fill(uiCsv);
    await shot(page, 'rd-06-export-csv-options');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.locator('.export-done[data-state="done"]').waitFor({ timeout: 60_000 });
    assert.match(await dialog.locator('.export-done').textContent() ?? '', /America\/New_York/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const bytes = readFileSync(uiCsv);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with a UTF-8 BOM');
    const lines = csvLines(bytes.subarray(3).toString('utf8'));
    assert.equal(lines[0], 'time (America/New_York),action,status,actor,ip', 'the chosen columns, the zone named');
    const apiRows = (await apiCall<PageResult>(served, 'events.page', { query: cq, from: 0, to: 100 })).rows;
    assert.equal(lines.length - 1, apiRows.length);
    lines.slice(1).forEach((l, i) => {
      const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) ([+-]\d\d:\d\d),/.exec(l);
      assert.ok(m && (m[3] === '-05:00' || m[3] === '-04:00'), `a New York time: ${l}`);
      assert.equal(Date.parse(`${m[1]}T${m[2]}${m[3]}`), apiRows[i]!.time, 'the same instant as the event');
    });
    const cliCsv = join(dir, 'okta-cli.csv');
    cli(['export', '--case', casePath, '--query', cq, '--out', cliCsv, '--bom', '--tz', 'America/New_York', '--columns', wanted.join(',')]);
    assert.ok(bytes.equals(readFileSync(cliCsv)), 'the same bytes as the CLI with the same options');

    // Cancel while a large export runs: the dialog says so, and nothing at the target looks complete
    // (the product writes to a .partial-<pid> name and renames only at the end; no manifest).
    const big = await largeCase();
    await big.page.bringToFront();
    await search(big.page, '');
    const target = join(dir, 'large-export.csv');
    dialog = await openExport(big.page);
    // Every column, the raw record too: what a reviewer handing over a full copy would pick.
    for (const box of await dialog.getByRole('group', { name: 'Columns' }).getByRole('checkbox').all()) await box.check();
    await dialog.getByLabel(/Save to/).fill(target);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const progress = dialog.locator('.export-progress[data-state="running"]');
    await progress.getByText(/[\d,]+ of 300,000 rows/).waitFor({ timeout: 30_000 });
    await shot(big.page, 'rd-06-export-running');
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    const done = dialog.locator('.export-done');
    await done.waitFor({ timeout: 30_000 });
    assert.equal(await done.getAttribute('data-state'), 'cancelled', 'cancelled before it finished');
    assert.match(await done.getByRole('status').textContent() ?? '', /Export cancelled/);
    await shot(big.page, 'rd-06-export-cancelled');
    assert.equal(existsSync(target), false, 'no file at the target path');
    assert.equal(existsSync(`${target}.manifest.json`), false, 'no manifest');
    const left = readdirSync(dir).filter((f) => f.startsWith(basename(target)));
    assert.deepEqual(left, [], 'no partial file left behind either');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.bringToFront();
  });

  it('follows the OS colour scheme until a theme is chosen', async () => {
    const dark = await launchChromium({ colorScheme: 'dark' });
    try {
      const p = await dark.context.newPage();
      p.on('pageerror', (e) => pageErrors.push(`dark: ${e.message}`));
      await openWorkspace(p, served.url);
      const look = () => p.evaluate(() => ({
        theme: document.documentElement.dataset['theme'],
        stored: localStorage.getItem('auditViewer.theme'),
        background: getComputedStyle(document.querySelector('body')!).backgroundColor,
      }));
      assert.deepEqual(await look(), { theme: 'dark', stored: null, background: 'rgb(20, 23, 28)' }, 'dark with no choice made');
      await shot(p, 'rd-07-theme-os-dark');

      const choose = async (name: string) => {
        await p.getByRole('button', { name: 'Theme' }).click();
        await p.getByRole('radio', { name }).click();
      };
      await choose('Light');
      assert.deepEqual(await look(), { theme: 'light', stored: 'light', background: 'rgb(246, 247, 249)' }, 'an explicit choice wins over the OS');
      await p.reload();
      await p.waitForSelector('.app[data-state="ready"]');
      assert.equal((await look()).theme, 'light', 'and is remembered');
      await shot(p, 'rd-07-theme-light-chosen');

      await choose('Follow the system');
      assert.deepEqual(await look(), { theme: 'dark', stored: null, background: 'rgb(20, 23, 28)' });
      // Following means following: the OS switching to light switches the app.
      await p.emulateMedia({ colorScheme: 'light' });
      await p.waitForFunction(() => document.documentElement.dataset['theme'] === 'light');
      await p.close();
    } finally {
      await dark.close();
    }
  });

  it('shows relative time on hover and colours actions and statuses', async () => {
    // The hover title's first line is the time relative to now (Intl's words for whole units).
    await search(page, `source:${oktaFile}`);
    const expected: Record<string, RegExp> = {
      today: /^(\d+ (seconds?|minutes?|hours?) ago|now)$/,
      yesterday: /^yesterday$/,
      '10 days ago': /^last week$/,
      '40 days ago': /^last month$/,
    };
    for (const [label, re] of Object.entries(expected)) {
      const time = page.locator('.grid-body [role="row"]', { hasText: `Probe stamped ${label}` }).locator('.cell-time .time');
      await time.hover();
      const title = (await time.getAttribute('title')) ?? '';
      assert.match(title.split('\n')[0]!, re, `${label}: ${title}`);
      assert.match(title, /Source text: \d{4}-\d\d-\d\dT/, 'and the source\'s own text');
    }
    await shot(page, 'rd-08-relative-time-hover');

    // Colour coding on the back-office rows: every status, created / deleted / updated / failed.
    await search(page, `source:${backofficeFile}`);
    const rows = page.locator('.grid-body [role="row"]');
    assert.equal(await rows.count(), BACKOFFICE_ROWS.length);
    const seen = await rows.evaluateAll((rs) => rs.map((r) => ({
      action: r.querySelector('.cell-action .action')?.textContent ?? '',
      actionClass: r.querySelector('.cell-action .action')?.className ?? '',
      status: r.querySelector('.cell-status .badge')?.textContent ?? '',
      statusClass: r.querySelector('.cell-status .badge')?.className ?? '',
    })));
    for (const want of BACKOFFICE_ROWS) {
      const got = seen.find((s) => s.action === want.action && s.status === want.status);
      assert.ok(got, `a row ${want.action} ${want.status}`);
      assert.ok(got.actionClass.split(' ').includes(`tone-${want.tone}`), `${want.action} (${want.status}): ${got.actionClass}`);
      assert.ok(got.statusClass.split(' ').includes(`status-${want.statusTone}`), `${want.status}: ${got.statusClass}`);
    }
    // The tones are different colours on screen, not only different class names.
    const colours = await page.evaluate(() => Object.fromEntries(['create', 'delete', 'update', 'auth'].map((t) =>
      [t, getComputedStyle(document.querySelector(`.grid-body .tone-${t}`)!).color])));
    assert.equal(new Set(Object.values(colours)).size, 4, `four distinct action colours: ${JSON.stringify(colours)}`);
    await shot(page, 'rd-08-colour-coding');

    // An authentication failure from the Okta corpus reads as auth (amber) with a failure badge.
    await search(page, 'source:system-log.ndjson outcome:failure');
    const fail = await page.locator('.grid-body [role="row"]').first().evaluate((r) => ({
      action: r.querySelector('.cell-action .action')?.className ?? '',
      badge: r.querySelector('.cell-status .badge')?.className ?? '',
      status: r.querySelector('.cell-status .badge')?.textContent ?? '',
    }));
    assert.ok(fail.action.includes('tone-auth'), fail.action);
    assert.ok(fail.badge.includes('status-failure'), fail.badge);
    assert.match(fail.status, /^(FAILURE|DENY)$/);
    await shot(page, 'rd-08-auth-failure');
    await search(page, '');
  });

  it('raised no page errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
