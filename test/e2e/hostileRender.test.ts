// Issue 7 §4 in a real browser, self-contained (no shared e2e helpers): a case whose every text field
// carries markup and script payloads — `<script>`, `<img src=x onerror=…>`, `javascript:` URLs,
// `<svg onload>`, a remote stylesheet — is imported with the CLI and served with `serve`; Chromium
// (playwright-core) searches for the payload rows and opens one in detail. A probe then confirms the
// payloads show as text and that nothing ran: no dialog, no global set by a payload, no injected
// element or handler, no request to any host but the serve origin, no CSP violation (the CSP would
// block a payload that got into the DOM, so a violation means markup was injected). Skips, saying
// why, when Chromium or the built renderer (`npm run build:renderer`) is missing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowserContext, Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'electron', 'cli.ts');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const RENDERER = join(ROOT, 'dist', 'renderer', 'index.html');

// The page's globals as this file uses them (the test runs in Node; these exist in the browser).
declare const window: { __pwned?: unknown; __csp: string[] };
declare const document: {
  querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null; tagName: string }>;
  addEventListener(type: string, fn: (e: { violatedDirective: string; blockedURI: string; sourceFile: string; lineNumber: number; sample: string }) => void): void;
  body: { innerText: string };
};

/** Each would run, load or navigate if it were ever parsed as markup; each names the same marker word. */
const PAYLOADS = [
  '<script>window.__pwned="script"</script> pwnmark',
  '<img src=x onerror="window.__pwned=\'img\'"> pwnmark',
  '"><svg onload="window.__pwned=\'svg\'"> pwnmark',
  'javascript:window.__pwned="js-url" pwnmark',
  '<a href="javascript:window.__pwned=\'link\'">pwnmark</a>',
  '<iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe> pwnmark',
  '<link rel=stylesheet href="http://evil.example/x.css"><img src="http://evil.example/beacon.gif"> pwnmark',
  '<body onload="window.__pwned=\'body\'"><details open ontoggle="window.__pwned=\'toggle\'"> pwnmark',
];

function why(): string | null {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH)`;
  if (!existsSync(RENDERER)) return `the renderer is not built (${RENDERER} missing): run npm run build:renderer`;
  return null;
}

const skip = why();

describe('hostile archive rendered in Chromium through serve', { skip: skip ?? false, timeout: 180_000 }, () => {
  let dir: string;
  let serve: ChildProcess | null = null;
  let serveErr = '';
  let url = '';
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const foreignRequests: string[] = [];
  const consoleCsp: string[] = [];
  const pageErrors: string[] = [];
  const popups: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'av-hostile-render-'));
    const archive = join(dir, 'hostile.jsonl');
    writeFileSync(archive, PAYLOADS.map((p, i) => JSON.stringify({
      id: `${p}#${i}`, timestamp: `2024-07-0${i + 1}T10:00:00Z`, actor: p, action: p, status: p, category: p, description: p,
      target: p, entity: p, entity_type: p, user_agent: p, system: p, [p]: p,
    })).join('\n') + '\n');
    const casePath = join(dir, 'case.sqlite');
    const imp = spawnSync(process.execPath, [CLI, 'import', '--case', casePath, '--format', 'generic', archive], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(imp.status, 0, imp.stderr);

    serve = spawn(process.execPath, [CLI, 'serve', '--case', casePath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    serve.stderr!.setEncoding('utf8').on('data', (d: string) => { serveErr += d; });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no READY line from serve in 60 s\n${serveErr}`)), 60_000);
      createInterface({ input: serve!.stdout! }).on('line', (line) => {
        const m = /^READY (\S+)$/.exec(line.trim());
        if (m) { clearTimeout(timer); resolve(m[1]!); }
      });
      serve!.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}) before READY\n${serveErr}`)); });
    });
    const origin = new URL(url).origin;

    const { chromium } = await import('playwright-core');
    const profile = join(dir, 'profile');
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      viewport: { width: 1440, height: 900 },
      timezoneId: 'UTC',
    });
    // Runs before the page's own scripts (and outside its CSP): records every CSP violation event.
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => { window.__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`); });
    });
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol === 'data:' || u.protocol === 'blob:') return;
      if (u.origin !== origin) foreignRequests.push(r.url());
    });
    context.on('page', (p) => { if (page && p !== page) popups.push(p.url()); });
    page = context.pages()[0] ?? await context.newPage();
    page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => { if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) consoleCsp.push(m.text()); });

    await page.goto(url);
    await page.waitForSelector('.app[data-state="ready"]', { timeout: 60_000 });
  }, { timeout: 150_000 });

  after(async () => {
    await context?.close().catch(() => undefined);
    if (serve && serve.exitCode === null) {
      const exited = new Promise((r) => serve!.once('exit', r));
      serve.kill('SIGTERM');
      const killer = setTimeout(() => serve!.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, { timeout: 30_000 });

  it('finds the payload rows and shows every payload as text in the grid', { timeout: 60_000 }, async () => {
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('pwnmark');
    await box.press('Enter');
    await page.waitForFunction(() => {
      const g = document.querySelectorAll('[role="grid"]')[0];
      return g?.getAttribute('data-query') === 'pwnmark' && g.getAttribute('data-state') === 'ready';
    }, undefined, { timeout: 30_000 });
    assert.equal(await page.getByRole('grid').getAttribute('data-total'), String(PAYLOADS.length));
    const text = await page.evaluate(() => document.body.innerText);
    for (const p of PAYLOADS) assert.ok(text.includes(p.trim()), `payload shown as text: ${p}`);
  });

  it('opens a payload row in detail and shows it as text there too', { timeout: 60_000 }, async () => {
    await page.locator('.grid-body [role="row"]').first().dblclick();
    const detail = page.locator('.detail-body[data-state="ready"]');
    await detail.waitFor({ timeout: 30_000 });
    const text = (await detail.textContent()) ?? '';
    assert.ok(PAYLOADS.some((p) => text.includes(p.trim())), 'a payload appears verbatim in the detail');
  });

  it('ran nothing: no dialog, no payload global, no injected element or handler, no foreign request, no CSP violation', { timeout: 60_000 }, async () => {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no payload set window.__pwned');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(popups, [], 'no window was opened');
    assert.deepEqual(foreignRequests, [], 'no request left for a host other than the serve origin');
    // zod runs jitless (shared/contract.ts), so our own bundle triggers no CSP report: any violation counts.
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
    assert.deepEqual(consoleCsp, [], 'no CSP violation in the console');
    assert.deepEqual(pageErrors, []);
    const injected = await page.evaluate(() => ({
      iframes: document.querySelectorAll('iframe').length,
      externalImages: Array.from(document.querySelectorAll('img')).filter((i) => !/^(data:|blob:|\/)/.test(i.getAttribute('src') ?? '')).length,
      stylesheetLinks: Array.from(document.querySelectorAll('link')).filter((l) => /evil/.test(l.getAttribute('href') ?? '')).length,
      handlers: document.querySelectorAll('[onerror],[onload],[onclick],[ontoggle],[onmouseover]').length,
      jsLinks: Array.from(document.querySelectorAll('a[href]')).filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
      inlineScripts: Array.from(document.querySelectorAll('script')).filter((s) => !s.getAttribute('src')).length,
    }));
    assert.deepEqual(injected, { iframes: 0, externalImages: 0, stylesheetLinks: 0, handlers: 0, jsLinks: 0, inlineScripts: 0 });
  });
});

if (skip) {
  // node:test prints the describe's skip; say it on stdout too, so a CI log shows why at a glance.
  console.log(`hostileRender: skipped — ${skip}`);
}
