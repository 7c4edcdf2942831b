// EXPLAIN QUERY PLAN checks: the shapes that keep queries fast at millions of events — FTS drives
// text searches in rowid (= time) order with no sort, time ranges are rowid ranges, and the
// newest-first page of the whole case reads the table in rowid order without sorting, and the wide
// events rows are read only for the rows shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CaseDb } from '../../electron/engine/db/openCase.ts';
import { buildBase, countEvents } from '../../electron/engine/query/index.ts';
import { ROW_COLUMNS } from '../../electron/engine/query/rows.ts';
import { corporaDir } from '../helpers/tmp.ts';
import { importedCase } from '../helpers/importedCase.ts';

let db: CaseDb;

before(async () => { db = await importedCase([join(corporaDir, 'okta'), join(corporaDir, 'slack-audit'), join(corporaDir, 'aws-cloudtrail')]); });
after(() => db.close());

function plan(query: string, sort?: { field: 'time' | 'actor'; dir: 'asc' | 'desc' }): string {
  const b = buildBase(db, { query, sort });
  const rows = db.prepare(`EXPLAIN QUERY PLAN SELECT e.id ${b.fromWhere} ORDER BY ${b.orderBy} LIMIT 100`).all(b.params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

test('free text is one FTS MATCH that drives the join, in rowid order, with no sort', () => {
  for (const q of ['okta', '"Charlie Parker"', 'okta OR slack', 'okta -session', 'user* system:okta']) {
    const p = plan(q);
    assert.match(p, /SCAN fts VIRTUAL TABLE INDEX \d+:M/, `${q}: ${p}`);
    assert.match(p, /SEARCH e USING INTEGER PRIMARY KEY \(rowid=\?\)/, `${q}: ${p}`);
    assert.doesNotMatch(p, /TEMP B-TREE/, `${q} needs no sort: ${p}`);
  }
});

test('a raw field path in the top-level chain is driven by its FTS prefilter, newest first, with no list of every candidate', () => {
  for (const q of ['eventName:ListBackupJobs', 'eventName:ListBackupJobs system:aws', 'eventName:AssumeRole -okta']) {
    const p = plan(q);
    assert.match(p.split('\n')[0]!, /^SCAN fts VIRTUAL TABLE INDEX \d+:M/, `${q}: FTS drives: ${p}`);
    assert.equal(p.match(/fts VIRTUAL TABLE/g)!.length, 1, `${q}: the FTS index is read once, not also as a subquery: ${p}`);
    assert.doesNotMatch(p, /TEMP B-TREE/, `${q} needs no sort: ${p}`);
  }
  // Under OR the prefilter stays inside its condition, as a subquery.
  assert.ok(plan('eventName:ListBackupJobs OR okta').match(/fts VIRTUAL TABLE/g)!.length >= 2);
  // Same answers either way: the hoisted form and the same condition kept inside an AND group's subquery.
  const c = (q: string) => countEvents(db, { query: q }).total;
  assert.equal(c('eventName:ListBackupJobs'), 12, 'the sample holds 12 ListBackupJobs records');
  assert.equal(c('eventName:ListBackupJobs'), c('eventName:ListBackupJobs OR (eventName:ListBackupJobs -eventName:ListBackupJobs)'));
});

test('pure-text OR groups and negations give the same counts as their parts', () => {
  const c = (q: string) => countEvents(db, { query: q }).total;
  assert.equal(c('okta OR slack'), c('okta') + c('slack') - c('okta slack'));
  assert.equal(c('okta -session'), c('okta') - c('okta session'));
  assert.equal(c('-okta'), c('') - c('okta'));
});

test('time qualifiers become a rowid range; the whole case newest-first is a rowid scan without a sort', () => {
  assert.match(plan('after:2020-01-01 before:2024-01-01'), /SEARCH e USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
  const all = plan('');
  assert.match(all, /SCAN e/);
  assert.doesNotMatch(all, /TEMP B-TREE/);
});

test('with free text, a time range is sought in the FTS index (a rowid range on fts), not filtered after the join', () => {
  for (const q of ['okta after:2020-01-01', 'okta before:2030-01-01 system:okta', 'user* on:2024-01-01']) {
    const p = plan(q);
    assert.match(p, /SCAN fts VIRTUAL TABLE INDEX \d+:M\d*[<>]/, `${q}: ${p}`);
  }
  // The same answers as without the pushed-down range.
  const c = (q: string) => countEvents(db, { query: q }).total;
  assert.equal(c('okta after:2000-01-01'), c('okta'));
  assert.equal(c('okta before:2000-01-01'), 0);
});

test('qualifiers resolve through the term dictionary index, not per-row string compares', () => {
  assert.match(plan('system:okta'), /SEARCH terms USING INDEX sqlite_autoindex_terms_1 \(field=\?\)/);
});

test('counts, facets and lists read the narrow facts rows; only the rows shown join events, each by its id', () => {
  for (const q of ['', 'system:okta', 'okta', 'okta -status:*', 'after:2020-01-01 actor:*', 'user* OR action:*login*']) {
    const b = buildBase(db, { query: q });
    const counted = (db.prepare(`EXPLAIN QUERY PLAN SELECT count(*) ${b.fromWhere}`).all(b.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    assert.doesNotMatch(counted, /\bev\b|events/, `${q}: ${counted}`);
    const shown = (db.prepare(`EXPLAIN QUERY PLAN SELECT ${ROW_COLUMNS} ${b.rowsFromWhere} ORDER BY ${b.orderBy} LIMIT 100`).all(b.params) as { detail: string }[]).map((r) => r.detail).join('\n');
    assert.match(shown, /SEARCH ev USING INTEGER PRIMARY KEY \(rowid=\?\)/, `${q}: ${shown}`);
    assert.doesNotMatch(shown, /SCAN ev/, `${q}: ${shown}`);
  }
  // The source's event id is only in events: that qualifier joins them, still driven by facts.
  const byId = plan('id:abc*');
  assert.match(byId, /SEARCH ev USING INTEGER PRIMARY KEY \(rowid=\?\)/, byId);
});
