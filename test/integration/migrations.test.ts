// The case file: migrations, and the clear errors for files that are not (usable) cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync, chmodSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCase, APP_ID } from '../../electron/engine/db/openCase.ts';
import { migrations, latestVersion } from '../../electron/engine/db/migrations/index.ts';
import { AppError } from '../../shared/errors.ts';
import { tempDir } from '../helpers/tmp.ts';

function code(fn: () => unknown): string {
  try { fn(); } catch (e) { assert.ok(e instanceof AppError, `expected AppError, got ${e}`); return e.code; }
  assert.fail('expected an error');
}

test('migration registry is ordered and contiguous from 1', () => {
  migrations.forEach((m, i) => assert.equal(m.version, i + 1));
  assert.equal(latestVersion, migrations.length);
});

test('migration 1 creates the case schema in a new file, marks it, and is idempotent', () => {
  const path = join(tempDir(), 'c.sqlite');
  const db = openCase(path);
  assert.equal(db.pragma('user_version', { simple: true }), latestVersion);
  assert.equal(db.pragma('application_id', { simple: true }), APP_ID);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table') ORDER BY name").pluck().all() as string[];
  for (const t of ['events', 'facts', 'fts', 'meta', 'raw_blocks', 'rejects', 'sources', 'terms']) assert.ok(tables.includes(t), `missing table ${t}`);
  assert.equal(db.prepare("SELECT type FROM sqlite_schema WHERE name = 'raw'").pluck().get(), 'view', 'raw records are read through the raw view');
  db.close();
  const again = openCase(path);
  assert.equal(again.pragma('user_version', { simple: true }), latestVersion);
  again.close();
});

test('time-keyed ids above 2^53 survive the round trip exactly', () => {
  const db = openCase(join(tempDir(), 'c.sqlite'));
  db.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i','p','file','1','complete','now')").run();
  db.prepare(`INSERT INTO events (id, ts_flag, source_id, record_no, event_index, line, byte_offset, outcome, detail, has_changes, dkey)
    VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), 0, 1, 1, 0, 1, 0, 0, '{}', 0, x'00')`).run(1_700_000_000, 12345);
  const id = db.prepare('SELECT CAST(id AS TEXT) FROM events').pluck().get();
  assert.equal(id, (1_700_000_000n * 1048576n + 12345n).toString());
  db.close();
});

test('a case written by a newer version is refused with a clear message, and left untouched', () => {
  const path = join(tempDir(), 'c.sqlite');
  openCase(path).close();
  const raw = new Database(path);
  raw.pragma(`user_version = ${latestVersion + 1}`);
  raw.close();
  assert.equal(code(() => openCase(path)), 'case_newer');
  assert.equal(code(() => openCase(path, { readonly: true })), 'case_newer');
  const check = new Database(path, { readonly: true });
  assert.equal(check.pragma('user_version', { simple: true }), latestVersion + 1);
  check.close();
});

test('files that are not cases are refused: garbage, another app\'s SQLite database', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'garbage.sqlite'), 'this is not a database, just text '.repeat(200));
  assert.equal(code(() => openCase(join(dir, 'garbage.sqlite'))), 'case_corrupt');
  const other = new Database(join(dir, 'other.sqlite'));
  other.exec('CREATE TABLE customers (id INTEGER)');
  other.close();
  assert.equal(code(() => openCase(join(dir, 'other.sqlite'))), 'case_corrupt');
});

test('a read-only case file cannot be opened for writing, but opens read-only', { skip: process.getuid?.() === 0 ? 'root ignores file permissions, so a read-only file is still writable here' : false }, () => {
  const dir = tempDir();
  const path = join(dir, 'ro.sqlite');
  openCase(path).close();
  chmodSync(path, 0o444);
  assert.equal(code(() => openCase(path)), 'read_only');
  const ro = openCase(path, { readonly: true });
  assert.equal(ro.prepare('SELECT count(*) FROM events').pluck().get(), 0);
  ro.close();
});

test('a missing case opened read-only is not_found', () => {
  assert.equal(code(() => openCase(join(tempDir(), 'nope.sqlite'), { readonly: true })), 'not_found');
});

test('a truncated (damaged) case is reported as corrupt, not a crash', () => {
  const dir = tempDir();
  const path = join(dir, 'c.sqlite');
  const db = openCase(path);
  db.exec('INSERT INTO meta VALUES (\'k\', \'' + 'x'.repeat(100_000) + '\')');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const damaged = join(dir, 'damaged.sqlite');
  copyFileSync(path, damaged);
  const buf = readFileSync(damaged);
  buf.fill(0xff, 0, 100); // destroy the header
  writeFileSync(damaged, buf);
  assert.equal(code(() => openCase(damaged)), 'case_corrupt');
});
