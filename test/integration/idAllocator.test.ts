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

test('a batch that outgrows the block cache never hands an id out twice (the cache is forgotten only between batches)', () => {
  const db = openCase(join(tempDir(), 'forget.sqlite'));
  db.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i','p','file','1','complete','now')").run();
  const ids = new IdAllocator(db, { maxCachedBlocks: 50 });
  const ins = db.prepare(`INSERT INTO events (id, ts, ts_flag, source_id, record_no, event_index, line, byte_offset, outcome, detail, has_changes, dkey)
    VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), ?, 0, 1, ?, 0, 1, 0, 0, '{}', 0, randomblob(12))`);
  const base = Date.UTC(2025, 3, 1);
  let n = 0;
  // As the writer does: a batch's ids first, then its rows, then settle(). Each batch touches more
  // distinct milliseconds than the cache holds and comes back to its first ones at the end.
  for (let batch = 0; batch < 4; batch++) {
    const times = Array.from({ length: 120 }, (_, i) => base + batch * 7 + (i % 80));
    const got = times.map((ms) => ({ ms, ...ids.next(ms) }));
    db.transaction(() => { for (const g of got) ins.run(g.sec, g.seq, g.ms, ++n); })();
    ids.settle();
  }
  assert.equal(db.prepare('SELECT count(*) FROM events').pluck().get(), 480);
  assert.deepEqual(ordered(db), sorted(db.prepare('SELECT ts FROM events').pluck().all() as number[]));
  db.close();
});
