// Raw records in zstd blocks (migration 4, rawBlocks.ts): every event reads its record verbatim
// through the `raw` view, a record with several events is stored once, a removed source takes its
// blocks, a case made before the blocks is packed on open, and a damaged block is a clear error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCase, APP_ID, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { migrations } from '../../electron/engine/db/migrations/index.ts';
import { BLOCK_RECORDS, SOURCE_SPAN } from '../../electron/engine/db/rawBlocks.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { deleteSource } from '../../electron/engine/import/sourceStore.ts';
import { countEvents, getEvent } from '../../electron/engine/query/index.ts';
import { corporaDir, tempDir } from '../helpers/tmp.ts';

const dir = tempDir();
const open: CaseDb[] = [];
after(() => { for (const db of open) db.close(); });

function caseAt(name: string): CaseDb {
  const db = openCase(join(dir, name));
  open.push(db);
  return db;
}

/** A JSON Lines file of `n` CloudEvents-like records whose text names `tag`. */
function jsonl(name: string, n: number, tag: string): string {
  const path = join(dir, name);
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ specversion: '1.0', id: `${tag}-${i}`, source: '/s', type: 'user.login', time: new Date(1_700_000_000_000 + i * 1000).toISOString(), subject: `user-${i % 7}`, data: { tag, i } }));
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('every event reads its record verbatim through the blocks; records are stored once; blocks are far smaller than the text', async () => {
  const db = caseAt('corpora.sqlite');
  // Google Workspace activities with an array of events make several events from one record.
  const gw = readFileSync(join(corporaDir, 'google-workspace', 'test-admin-updated.log'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: object; events: unknown });
  const activities = join(dir, 'activities.jsonl');
  writeFileSync(activities, gw.map((a, i) => JSON.stringify({ ...a, id: { ...a.id, uniqueQualifier: `q${i}` }, events: [a.events, { ...(a.events as object), name: 'SECOND_EVENT' }] })).join('\n'));
  await runImport(db, { paths: [corporaDir, activities] });
  const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
  assert.ok(events > 300, `${events} events`);
  // Through the view, every event has its record (and only CSV rows an object).
  assert.equal(db.prepare('SELECT count(*) FROM raw WHERE text IS NOT NULL').pluck().get(), events);
  assert.equal(db.prepare("SELECT count(*) FROM raw r JOIN events e USING (id) JOIN sources s ON s.id = e.source_id WHERE (r.obj IS NOT NULL) != (s.path LIKE '%.csv')").pluck().get(), 0);
  // JSON Lines records are the file's lines, byte for byte.
  const okta = readFileSync(join(corporaDir, 'okta', 'system-log.ndjson'), 'utf8').split('\n');
  const rows = db.prepare("SELECT e.line, r.text FROM events e JOIN raw r ON r.id = e.id JOIN sources s ON s.id = e.source_id WHERE s.path LIKE '%system-log.ndjson'").all() as { line: number; text: string }[];
  assert.ok(rows.length > 10);
  for (const r of rows) assert.equal(r.text, okta[r.line - 1]!.replace(/\r$/, ''));
  // One stored record per (source, record) however many events it made; the blocks hold them all.
  const records = db.prepare('SELECT count(*) FROM (SELECT DISTINCT source_id, record_no FROM events)').pluck().get() as number;
  const multi = db.prepare('SELECT count(*) FROM (SELECT 1 FROM events GROUP BY source_id, record_no HAVING count(*) > 1)').pluck().get() as number;
  assert.equal(multi, gw.length, 'each activity is one record of two events');
  assert.ok(records < events);
  const sizes = db.prepare('SELECT sum(length(data)) AS packed, count(*) AS blocks FROM raw_blocks').get() as { packed: number; blocks: number };
  const plain = db.prepare('SELECT sum(length(CAST(text AS BLOB))) FROM (SELECT DISTINCT e.source_id, e.record_no, r.text FROM events e JOIN raw r USING (id))').pluck().get() as number;
  assert.ok(sizes.packed * 2 < plain, `blocks ${sizes.packed} bytes for ${plain} bytes of records`);
  assert.ok(sizes.blocks >= Math.ceil(records / BLOCK_RECORDS));
  // A raw field path still reads the records.
  assert.ok(countEvents(db, { query: 'eventName:CreateUser' }).total >= 1);
});

test('a removed source takes its blocks; a new source under the same id reads its own records, not remembered ones', async () => {
  const db = caseAt('reuse.sqlite');
  await runImport(db, { paths: [jsonl('a.jsonl', 100, 'alpha')] });
  const id = db.prepare('SELECT id FROM sources').pluck().get() as number;
  const first = db.prepare('SELECT text FROM raw ORDER BY id').pluck().all() as string[];
  assert.equal(first.length, 100);
  assert.ok(first.every((t) => t.includes('"alpha"')));
  deleteSource(db, id);
  assert.equal(db.prepare('SELECT count(*) FROM raw_blocks').pluck().get(), 0);
  await runImport(db, { paths: [jsonl('b.jsonl', 100, 'bravo')] });
  assert.equal(db.prepare('SELECT id FROM sources').pluck().get(), id, 'the source id was reused (the case that matters)');
  const second = db.prepare('SELECT text FROM raw ORDER BY id').pluck().all() as string[];
  assert.equal(second.length, 100);
  assert.ok(second.every((t) => t.includes('"bravo"')), 'no record of the removed source came back');
  assert.equal(countEvents(db, { query: 'data.tag:bravo' }).total, 100);
  assert.equal(countEvents(db, { query: 'data.tag:alpha' }).total, 0);
});

test('migration 4 packs the raw rows of a case made before it: same texts and objects, one copy per record', () => {
  const path = join(dir, 'v3.sqlite');
  const old = new Database(path);
  old.pragma(`application_id = ${APP_ID}`);
  for (const m of migrations.filter((x) => x.version <= 3)) old.exec(m.up);
  old.pragma('user_version = 3');
  const src = old.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i', ?, 'file', '1', 'complete', 'now')");
  src.run('a.jsonl');
  src.run('b.csv');
  const ev = old.prepare(`INSERT INTO events (id, ts, ts_flag, source_id, record_no, event_index, line, byte_offset, outcome, detail, has_changes, dkey)
    VALUES (?, 0, 0, ?, ?, ?, ?, 0, 0, '{}', 0, randomblob(12))`);
  const raw = old.prepare('INSERT INTO raw (id, text, obj) VALUES (?, ?, ?)');
  const fact = old.prepare('INSERT INTO facts (id, ts, source_id, outcome) VALUES (?, 0, ?, 0)');
  const fts = old.prepare('INSERT INTO fts (rowid, body) VALUES (?, ?)');
  const want: { id: number; text: string; obj: string | null }[] = [];
  let id = 1000;
  // Source 1: 70 JSON records (record 5 made three events, with the same text); source 2: 3 CSV rows.
  for (let r = 1; r <= 70; r++) {
    for (let k = 0; k < (r === 5 ? 3 : 1); k++) {
      const text = JSON.stringify({ n: r, who: r % 2 ? 'ann' : 'bob', note: 'é ✓ 𝄞' });
      // Ids out of file order, as late events make them.
      ev.run(++id + (r % 3) * 100_000, 1, r, k, r);
      raw.run(id + (r % 3) * 100_000, text, null);
      fact.run(id + (r % 3) * 100_000, 1);
      fts.run(id + (r % 3) * 100_000, text);
      want.push({ id: id + (r % 3) * 100_000, text, obj: null });
    }
  }
  for (let r = 1; r <= 3; r++) {
    const text = `x${r},"a,b"`;
    const obj = JSON.stringify({ Col: `x${r}`, Other: 'a,b' });
    ev.run(++id, 2, r, 0, r + 1);
    raw.run(id, text, obj);
    fact.run(id, 2);
    fts.run(id, text);
    want.push({ id, text, obj });
  }
  old.close();

  const db = openCase(path);
  open.push(db);
  assert.equal(db.prepare("SELECT type FROM sqlite_schema WHERE name = 'raw'").pluck().get(), 'view');
  const got = db.prepare('SELECT id, text, obj FROM raw ORDER BY id').all();
  assert.deepEqual(got, [...want].sort((a, b) => a.id - b.id));
  // 70 records of source 1 in blocks of BLOCK_RECORDS, and 3 of source 2 in one block.
  const keys = db.prepare('SELECT id FROM raw_blocks ORDER BY id').pluck().all() as number[];
  const firsts = Array.from({ length: Math.ceil(70 / BLOCK_RECORDS) }, (_, i) => SOURCE_SPAN + 1 + i * BLOCK_RECORDS);
  assert.deepEqual(keys, [...firsts, 2 * SOURCE_SPAN + 1]);
  assert.equal(countEvents(db, { query: 'who:bob' }).total, 35);
  assert.equal(countEvents(db, { query: 'Col:x2' }).total, 1);
});

test('a damaged block is an error that says so, not a crash or a wrong record; other records still read', async () => {
  const db = caseAt('damaged.sqlite');
  await runImport(db, { paths: [jsonl('d.jsonl', 100, 'delta')] });
  const ids = db.prepare('SELECT CAST(id AS TEXT) FROM events ORDER BY id').pluck().all() as string[];
  const firstBlock = db.prepare('SELECT min(id) FROM raw_blocks').pluck().get() as number;
  db.prepare("UPDATE raw_blocks SET data = x'28b52ffd0000' WHERE id = ?").run(firstBlock);
  assert.throws(() => getEvent(db, ids[0]!), /raw record block \d+ is damaged/);
  assert.match(getEvent(db, ids[99]!).raw, /"delta"/, 'a record in another block still reads');
});
