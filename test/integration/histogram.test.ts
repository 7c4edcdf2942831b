// The timeline's counts: the whole case read from the per-minute counts kept at import (migration
// 2) must give exactly what counting the events gives, at every bucket size, and stay true as
// sources come and go; a case made before migration 2 gets its counts when it is opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCase, APP_ID, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { migration0001 } from '../../electron/engine/db/migrations/0001-initial.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { deleteSource } from '../../electron/engine/import/sourceStore.ts';
import { getHistogram } from '../../electron/engine/query/index.ts';
import { requestSchemas } from '../../shared/contract.ts';
import type { Histogram } from '../../shared/contract.ts';
import { corporaDir, tempDir } from '../helpers/tmp.ts';
import { writeEvents } from '../../bench/generate.ts';

let db: CaseDb;
/** A day of generated events: spans short enough for minute and hour buckets. */
let day: CaseDb;
const dir = tempDir();
const histogramOf = (c: CaseDb, query: string, buckets: number) => getHistogram(c, requestSchemas['histogram.get'].parse({ query, buckets }) as never) as Histogram;
const histogram = (query: string, buckets: number) => histogramOf(db, query, buckets);
/** Matches every event but is not the empty query, so it is counted from the events themselves. */
const EVERYTHING_BY_EVENTS = '-zzqxnotawordzz';

before(async () => {
  db = openCase(join(dir, 'h.sqlite'));
  await runImport(db, { paths: [join(corporaDir, 'okta'), join(corporaDir, 'aws-cloudtrail'), join(corporaDir, 'github-audit'), join(corporaDir, 'slack-audit')] });
  const file = join(dir, 'day.jsonl');
  await writeEvents({ format: 'cloudtrail', events: 3000, seed: 7, days: 1 }, file);
  day = openCase(join(dir, 'day.sqlite'));
  await runImport(day, { paths: [file] });
});
after(() => { db.close(); day.close(); });

test('the whole-case timeline equals the events counted one by one, at every bucket size', () => {
  const seen = new Set<string>();
  for (const [c, buckets] of [db, day].flatMap((c) => [2000, 500, 120, 30, 8, 2, 1].map((b) => [c, b] as const))) {
    const fast = histogramOf(c, '', buckets);
    const slow = histogramOf(c, EVERYTHING_BY_EVENTS, buckets);
    seen.add(fast.bucket);
    assert.equal(fast.bucket, slow.bucket, `${buckets} buckets`);
    assert.deepEqual(fast.counts, slow.counts, `${buckets} buckets of ${fast.bucket}`);
    assert.equal(fast.undated, slow.undated);
    const dated = c.prepare(`SELECT count(*) FROM events WHERE id >= ((-(1 << 42) + 1) * 1048576)`).pluck().get() as number;
    assert.equal(fast.counts.reduce((n, b) => n + b.count, 0), dated, 'every dated event is in a bucket');
    // Ends to the minute: the first and last events fall inside them.
    assert.ok(fast.from! <= slow.from! && slow.from! - fast.from! < 60_000);
    assert.ok(fast.to! >= slow.to! && fast.to! - slow.to! < 60_000);
  }
  assert.ok(seen.size >= 5, `several bucket sizes were compared: ${[...seen].join(', ')}`);
});

test('a big result counted bucket by bucket as id ranges gives exactly the grouped counts', () => {
  const seen = new Set<string>();
  for (const c of [db, day]) {
    for (const query of [EVERYTHING_BY_EVENTS, 'okta', 'system:okta', 'okta OR slack', '-okta', 'actor:* -status:*', 'user*']) {
      for (const buckets of [2000, 120, 8, 1]) {
        const req = requestSchemas['histogram.get'].parse({ query, buckets }) as never;
        const ranges = getHistogram(c, req, 1);
        const grouped = getHistogram(c, req, Number.MAX_SAFE_INTEGER);
        assert.deepEqual(ranges, grouped, `${query}, ${buckets} buckets of ${grouped.bucket}`);
        seen.add(grouped.bucket);
      }
    }
  }
  assert.ok(seen.has('month') && seen.has('minute'), `month and fixed buckets were compared: ${[...seen].join(', ')}`);
});

test('a removed source takes its counts with it; a new one adds its own', async () => {
  const before = histogram('', 120);
  const total = (h: Histogram) => h.counts.reduce((n, b) => n + b.count, 0) + h.undated;
  const r = await runImport(db, { paths: [join(corporaDir, 'gitlab-audit')] });
  const added = r.sources.filter((s) => s.status === 'complete').reduce((n, s) => n + (s.events ?? 0), 0);
  assert.ok(added > 0);
  assert.equal(total(histogram('', 2000)), total(before) + added);
  for (const s of r.sources) if (s.sourceId) deleteSource(db, Number(s.sourceId));
  assert.equal(db.prepare('SELECT count(*) FROM minute_counts WHERE source_id NOT IN (SELECT id FROM sources)').pluck().get(), 0);
  assert.deepEqual(histogram('', 120).counts, before.counts);
});

test('migration 2 counts the events of a case made before it', () => {
  const path = join(dir, 'v1.sqlite');
  const old = new Database(path);
  old.pragma(`application_id = ${APP_ID}`);
  old.exec(migration0001.up);
  old.pragma('user_version = 1');
  old.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i', 'a.jsonl', 'file', '1', 'complete', 'now')").run();
  old.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i', 'b.jsonl', 'file', '1', 'importing', 'now')").run();
  const ins = old.prepare(`INSERT INTO events (id, ts_flag, source_id, record_no, event_index, line, byte_offset, outcome, detail, has_changes, dkey)
    VALUES (CAST(? AS INTEGER) * 1048576 + ?, 0, ?, ?, 0, 1, 0, 0, '{}', 0, randomblob(12))`);
  // Two in one minute, one in the next, one of a source still importing (not counted).
  [[1_700_000_000, 1, 1], [1_700_000_010, 1, 2], [1_700_000_065, 1, 3], [1_700_000_070, 2, 4]].forEach(([s, src, n]) => ins.run(s, n, src, n));
  old.close();
  const c = openCase(path);
  try {
    const rows = c.prepare('SELECT source_id, minute, n FROM minute_counts ORDER BY minute').all();
    assert.deepEqual(rows, [
      { source_id: 1, minute: Math.floor(1_700_000_000 / 60), n: 2 },
      { source_id: 1, minute: Math.floor(1_700_000_065 / 60), n: 1 },
    ]);
  } finally {
    c.close();
  }
});
