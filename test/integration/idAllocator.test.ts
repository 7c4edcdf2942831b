// Time-keyed ids: rowid order must be time order to the millisecond, whatever order events arrive
// in, across imports, and when one millisecond holds more events than its block (spill).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { IdAllocator } from '../../electron/engine/import/idAllocator.ts';
import { tempDir } from '../helpers/tmp.ts';

function insertAll(db: CaseDb, times: (number | null)[]): void {
  const ids = new IdAllocator(db);
  const ins = db.prepare(`INSERT INTO events (id, ts, ts_flag, source_id, record_no, event_index, line, byte_offset, outcome, detail, has_changes, dkey)
    VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), ?, 0, 1, ?, 0, 1, 0, 0, '{}', 0, randomblob(12))`);
  db.transaction(() => times.forEach((ms, i) => { const { sec, seq } = ids.next(ms); ins.run(sec, seq, ms, i + 1); }))();
}

function ordered(db: CaseDb): (number | null)[] {
  return db.prepare('SELECT ts FROM events ORDER BY id').pluck().all() as (number | null)[];
}

const sorted = (xs: (number | null)[]) => [...xs].sort((a, b) => (a ?? -Infinity) - (b ?? -Infinity));

test('out-of-order milliseconds within one second come out in time order, across two imports', () => {
  const db = openCase(join(tempDir(), 'ids.sqlite'));
  db.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i','p','file','1','complete','now')").run();
  const base = Date.UTC(2026, 1, 10, 16, 19, 37);
  const first = [base + 769, base + 73, base + 608, null, base + 999, base + 0, base - 1];
  insertAll(db, first);
  assert.deepEqual(ordered(db), sorted(first));
  const second = [base + 500, base + 73, base + 1000, null];
  insertAll(db, second); // a new allocator: the case is no longer empty
  assert.deepEqual(ordered(db), sorted([...first, ...second]));
  db.close();
});

test('more events in one millisecond than its block holds spill forward without collisions or disorder', () => {
  const db = openCase(join(tempDir(), 'spill.sqlite'));
  db.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i','p','file','1','complete','now')").run();
  const base = Date.UTC(2025, 0, 1);
  const times = [base + 1, ...Array.from({ length: 3000 }, () => base), base + 1, base + 2];
  insertAll(db, times);
  const got = ordered(db);
  assert.equal(got.length, times.length);
  // The burst at ms 0 spills over the ms 1 and 2 blocks: ids stay unique (no PK error above), and
  // events of ms 1/2 placed after the burst still sort after it.
  assert.equal(got[got.length - 1], base + 2);
  assert.equal(got.filter((t) => t === base).length, 3000);
  db.close();
});
