// The narrow `facts` table (migration 3) that counts, facets, histograms and lists scan: it must
// hold exactly the filter columns of every event — after an import with duplicates, after a source
// is removed, and in a case made before it existed — or every filtered answer would be wrong.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCase, APP_ID, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { migration0001 } from '../../electron/engine/db/migrations/0001-initial.ts';
import { migration0002 } from '../../electron/engine/db/migrations/0002-minute-counts.ts';
import { FACT_COLUMNS } from '../../electron/engine/db/migrations/0003-facts.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { deleteSource } from '../../electron/engine/import/sourceStore.ts';
import { countEvents } from '../../electron/engine/query/index.ts';
import { corporaDir, tempDir } from '../helpers/tmp.ts';

const dir = tempDir();
const open: CaseDb[] = [];
after(() => { for (const db of open) db.close(); });

/** Events whose facts row is missing or differs in any column, and facts rows without an event. */
function mismatches(db: CaseDb): { events: number; differing: number; orphans: number } {
  const same = FACT_COLUMNS.split(', ').map((c) => `f.${c} IS e.${c}`).join(' AND ');
  return {
    events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
    differing: db.prepare(`SELECT count(*) FROM events e LEFT JOIN facts f USING (id) WHERE NOT (${same})`).pluck().get() as number,
    orphans: db.prepare('SELECT count(*) FROM facts WHERE id NOT IN (SELECT id FROM events)').pluck().get() as number,
  };
}

test('imports write one equal facts row per stored event; duplicates none; a removed source takes its rows', async () => {
  const db = openCase(join(dir, 'a.sqlite'));
  open.push(db);
  const paths = [join(corporaDir, 'okta'), join(corporaDir, 'aws-cloudtrail'), join(corporaDir, 'm365-ual-csv')];
  await runImport(db, { paths });
  const first = mismatches(db);
  assert.ok(first.events > 100);
  assert.deepEqual(first, { events: first.events, differing: 0, orphans: 0 });
  // A copy of the Okta log with one byte more is a new file of old events: all duplicates, no facts rows.
  const copy = join(dir, 'okta-copy.ndjson');
  writeFileSync(copy, readFileSync(join(corporaDir, 'okta', 'system-log.ndjson'), 'utf8') + '\n');
  const again = await runImport(db, { paths: [copy] });
  assert.ok((again.sources[0]?.duplicates ?? 0) > 0, JSON.stringify(again.sources));
  assert.equal(again.sources[0]?.imported, 0);
  assert.deepEqual(mismatches(db), first);
  const okta = countEvents(db, { query: 'system:okta' }).total;
  assert.ok(okta > 0);
  const src = db.prepare("SELECT id FROM sources WHERE path LIKE '%system-log.ndjson' AND container = 'file' AND status = 'complete' LIMIT 1").pluck().get() as number;
  deleteSource(db, src);
  const left = mismatches(db);
  assert.deepEqual(left, { events: left.events, differing: 0, orphans: 0 });
  assert.ok(left.events < first.events);
});

test('migration 3 copies the filter columns of a case made before it', () => {
  const path = join(dir, 'v2.sqlite');
  const old = new Database(path);
  old.pragma(`application_id = ${APP_ID}`);
  old.exec(migration0001.up);
  old.exec(migration0002.up);
  old.pragma('user_version = 2');
  old.prepare("INSERT INTO sources (import_id, path, container, parser_version, status, started_at) VALUES ('i', 'a.jsonl', 'file', '1', 'complete', 'now')").run();
  old.prepare("INSERT INTO terms (field, value) VALUES ('action', 'Login'), ('actor', 'ann')").run();
  const ins = old.prepare(`INSERT INTO events (id, ts, ts_flag, source_id, record_no, event_index, line, byte_offset, action_t, actor_t, outcome, detail, has_changes, dkey)
    VALUES (CAST(? AS INTEGER) * 1048576 + ?, ?, 0, 1, ?, 0, 1, 0, ?, ?, ?, '{}', 0, randomblob(12))`);
  [[1_700_000_000, 1, 1, 2, 1], [1_700_000_010, 2, 1, null, 2], [1_700_000_065, 3, null, 2, 0]].forEach(([s, n, a, u, o]) => ins.run(s, n, s! * 1000, n, a, u, o));
  old.close();
  const db = openCase(path);
  open.push(db);
  assert.deepEqual(mismatches(db), { events: 3, differing: 0, orphans: 0 });
  assert.equal(countEvents(db, { query: 'action:Login' }).total, 2);
  assert.equal(countEvents(db, { query: 'actor:ann outcome:success' }).total, 1);
});
