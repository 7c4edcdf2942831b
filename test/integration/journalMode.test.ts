// The journal-mode rule (electron/engine/db/journalMode.ts) as a person meets it: a case the CLI or
// the app has closed is a plain rollback-journal file that opens read-only anywhere (read-only
// media included); while something has it open it is in WAL mode, so readers keep working during
// an import; a reader left open keeps the case in WAL mode and keeps seeing every import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { basename, join } from 'node:path';
import { openCase } from '../../electron/engine/db/openCase.ts';
import { closeCase } from '../../electron/engine/db/journalMode.ts';
import { createCaseService } from '../../electron/engine/service/caseService.ts';
import { createDispatch } from '../../electron/engine/hosts/dispatch.ts';
import type { ProgressEvent } from '../../shared/contract.ts';
import { corporaDir, repoRoot, tempDir } from '../helpers/tmp.ts';

const dir = tempDir('av-journal-');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function importOk(casePath: string, ...paths: string[]): void {
  const r = cli('import', '--case', casePath, ...paths);
  assert.equal(r.code, 0, r.err);
}

/** The mode the file itself records (header bytes 18–19: 1 rollback journal, 2 WAL). */
function fileMode(casePath: string): 'rollback' | 'wal' {
  const fd = openSync(casePath, 'r');
  try {
    const b = Buffer.alloc(2);
    readSync(fd, b, 0, 2, 18);
    if (b[0] === 1 && b[1] === 1) return 'rollback';
    if (b[0] === 2 && b[1] === 2) return 'wal';
    throw new Error(`unexpected header bytes ${b[0]} ${b[1]}`);
  } finally {
    closeSync(fd);
  }
}

/** Files next to the case (`-wal`, `-shm`, `-journal`, …). */
const beside = (casePath: string) => readdirSync(join(casePath, '..')).filter((n) => n.startsWith(`${basename(casePath)}-`)).sort();

const count = (db: ReturnType<typeof openCase>) => db.prepare('SELECT count(*) FROM events').pluck().get() as number;

test('a case closed by the CLI is a rollback-journal file, after a first import (bulk load) and after one into a case with content', () => {
  const casePath = join(dir, 'closed.sqlite');
  importOk(casePath, join(corporaDir, 'okta'));
  assert.equal(fileMode(casePath), 'rollback');
  assert.deepEqual(beside(casePath), [], 'no -wal or -shm left beside it');
  importOk(casePath, join(corporaDir, 'slack-audit'));
  assert.equal(fileMode(casePath), 'rollback');
  assert.deepEqual(beside(casePath), []);
  const db = openCase(casePath, { readonly: true });
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'delete');
    assert.equal(count(db), 18);
  } finally {
    db.close();
  }
  // Writing puts WAL back at once.
  const w = openCase(casePath);
  assert.equal(fileMode(casePath), 'wal');
  closeCase(w);
  assert.equal(fileMode(casePath), 'rollback');
});

test('a reader left open: imports by another process still work, it sees them, and the case stays WAL until the reader is gone', () => {
  const casePath = join(dir, 'held.sqlite');
  importOk(casePath, join(corporaDir, 'okta'));

  // A reader opened on the closed (rollback-journal) case, idle while another process imports.
  const early = openCase(casePath, { readonly: true });
  assert.equal(count(early), 14);
  importOk(casePath, join(corporaDir, 'slack-audit'));
  assert.equal(count(early), 18, 'the reader sees the import');
  assert.equal(fileMode(casePath), 'rollback', 'an idle reader in rollback mode holds no lock, so the importer settled the mode');
  early.close();

  // A reader that has the case open in WAL mode (as the app's query workers do).
  const w = openCase(casePath);
  const reader = openCase(casePath, { readonly: true });
  assert.equal(count(reader), 18);
  closeCase(w);
  assert.equal(fileMode(casePath), 'wal', 'the reader holds the WAL: the writer left the mode alone');
  importOk(casePath, join(corporaDir, 'github-audit'));
  assert.equal(fileMode(casePath), 'wal', 'the importer in another process left it WAL too');
  const after = count(reader);
  assert.ok(after > 18, `the reader sees the import (${after} events)`);
  reader.close();

  // The next writer to close it, with nobody else there, settles it.
  closeCase(openCase(casePath));
  assert.equal(fileMode(casePath), 'rollback');
  assert.deepEqual(beside(casePath), []);
  const check = openCase(casePath, { readonly: true });
  try { assert.equal(count(check), after); } finally { check.close(); }
});

/** Copies a case, with its rollback journal, while a rollback-mode transaction has changed its file. */
function hotJournalCopy(casePath: string, copy: string): void {
  const db = new Database(casePath);
  try {
    db.pragma('cache_size = 4'); // a tiny cache spills the change into the file before COMMIT
    db.exec('BEGIN');
    db.prepare("UPDATE events SET detail = detail || ' '").run();
    db.exec("CREATE TABLE pad (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO pad SELECT zeroblob(200) FROM n;");
    copyFileSync(casePath, copy);
    copyFileSync(`${casePath}-journal`, `${copy}-journal`);
    db.exec('ROLLBACK');
  } finally {
    db.close();
  }
}

function openService(casePath: string) {
  const service = createCaseService({ casePath });
  const events: ProgressEvent[] = [];
  service.events.subscribe((e) => events.push(e));
  const importDone = (id: string) => new Promise<void>((resolve) => {
    const seen = () => events.some((e) => e.type === 'import.done' && e.payload.progress?.importId === id);
    if (seen()) return resolve();
    const off = service.events.subscribe(() => { if (seen()) { off(); resolve(); } });
  });
  return { service, dispatch: createDispatch(service.handlers), importDone };
}

test('the app keeps its case in WAL mode while it has it open, and leaves it a rollback-journal file when it closes', async () => {
  const casePath = join(dir, 'app.sqlite');
  importOk(casePath, join(corporaDir, 'okta'));
  const { service, dispatch, importDone } = openService(casePath);
  try {
    await service.ready;
    const r = await dispatch('import.start', { paths: [join(corporaDir, 'slack-audit')] });
    assert.ok(r.ok, JSON.stringify(r));
    await importDone((r.value as { importId: string }).importId);
    const info = await dispatch('case.info', {});
    assert.ok(info.ok && (info.value as { totals: { events: number } }).totals.events === 18, JSON.stringify(info));
    assert.equal(fileMode(casePath), 'wal', 'its readers hold the case open in WAL mode');
  } finally {
    await service.close();
  }
  assert.equal(fileMode(casePath), 'rollback');
  assert.deepEqual(beside(casePath), []);
});

test('the app views a case on a read-only file system, and refuses to import into it clearly', { timeout: 60_000 }, async (t) => {
  if (process.getuid?.() !== 0) { t.skip('needs root to mount a read-only tmpfs'); return; }
  const mnt = join(dir, 'ro');
  mkdirSync(mnt);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt], { encoding: 'utf8' });
  if (mounted.status !== 0) { t.skip(`cannot mount a tmpfs here: ${mounted.stderr.trim()}`); return; }
  try {
    const casePath = join(mnt, 'evidence.sqlite');
    importOk(casePath, join(corporaDir, 'okta'));
    // A copy taken while a writer in rollback-journal mode was mid-transaction: a hot journal.
    const hot = join(mnt, 'hot.sqlite');
    hotJournalCopy(casePath, hot);
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', mnt]).status, 0);
    assert.throws(() => openCase(hot, { readonly: true }), (e: { code?: string; message?: string }) =>
      e.code === 'read_only' && /was being written when its writer stopped.*Copy the case with hot\.sqlite-journal to a writable folder/.test(e.message ?? ''));
    const { service, dispatch } = openService(casePath);
    try {
      await service.ready;
      const info = await dispatch('case.info', {});
      assert.ok(info.ok, JSON.stringify(info));
      assert.equal((info.value as { totals: { events: number } }).totals.events, 14);
      const page = await dispatch('events.page', { from: 0, to: 3 });
      assert.ok(page.ok && (page.value as { rows: unknown[] }).rows.length === 3, JSON.stringify(page));
      const imp = await dispatch('import.start', { paths: [join(corporaDir, 'slack-audit')] });
      assert.equal(!imp.ok && imp.error.code, 'read_only');
      assert.match(!imp.ok ? imp.error.message : '', /read-only.*Copy it somewhere writable/);
    } finally {
      await service.close();
    }
    assert.deepEqual(beside(casePath), []);
  } finally {
    if (spawnSync('umount', [mnt]).status !== 0) spawnSync('umount', ['-l', mnt]);
  }
});
