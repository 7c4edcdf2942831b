// The query engine on a real case built from the corpora: search language → SQL, counts, paging by
// position, facets, histogram, one event in full, entity history — checked against what a reviewer
// would see, and against plain SQL over the same case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseDb } from '../../electron/engine/db/openCase.ts';
import { countEvents, pageEvents, getEvent, listFacets, getHistogram, entityHistory, listRejects, listSources, buildBase } from '../../electron/engine/query/index.ts';
import { requestSchemas } from '../../shared/contract.ts';
import { AppError } from '../../shared/errors.ts';
import { corporaDir } from '../helpers/tmp.ts';
import { importedCase } from '../helpers/importedCase.ts';

let db: CaseDb;

before(async () => { db = await importedCase([corporaDir]); });
after(() => db.close());

const q = <M extends keyof typeof requestSchemas>(m: M, r: unknown) => requestSchemas[m].parse(r) as never;
const count = (query: string) => countEvents(db, q('events.count', { query })).total;
const all = () => db.prepare('SELECT count(*) FROM events').pluck().get() as number;

test('the empty query counts every event; qualifiers narrow it, case-insensitively', () => {
  assert.equal(count(''), all());
  const okta = db.prepare("SELECT count(*) FROM events WHERE system_t = (SELECT id FROM terms WHERE field='system' AND value='okta')").pluck().get();
  assert.equal(count('system:okta'), okta);
  assert.equal(count('system:OKTA'), okta);
  assert.equal(count('-system:okta'), all() - (okta as number));
  assert.equal(count('system:(okta OR slack)'), count('system:okta') + count('system:slack'));
});

test('wildcards, free text, phrases and raw field paths', () => {
  assert.ok(count('action:user.*') > 0, 'okta user.* actions');
  assert.equal(count('action:user.*'), count('system:okta action:user.*') + count('-system:okta action:user.*'));
  assert.ok(count('"Charlie Parker"') >= 1);
  assert.equal(count('"Charlie Parker" system:okta'), 0);
  assert.ok(count('userIdentity.type:Root') >= 1, 'CloudTrail Root identity via raw path');
  assert.equal(count('userIdentity.type:Root'), db.prepare("SELECT count(*) FROM raw WHERE json_valid(text) AND json_extract(text, '$.userIdentity.type') = 'Root'").pluck().get());
  assert.ok(count('meta.remote_ip:208.58.198.174') === 1, 'GitLab flat dotted key');
  assert.ok(count('AuditData.Workload:Exchange') > 0, 'M365 CSV column holding JSON, reached by path');
});

test('time qualifiers and outcome', () => {
  assert.equal(count('after:2100-01-01'), 0);
  const before2020 = count('before:2020-01-01');
  const after2020 = count('after:2020-01-01');
  const undated = db.prepare('SELECT count(*) FROM events WHERE ts IS NULL').pluck().get() as number;
  assert.equal(before2020 + after2020 + undated, all());
  assert.ok(count('outcome:failure') >= 1);
});

test('a syntax error is a query_syntax error with a position', () => {
  try { count('actor:'); assert.fail('expected error'); } catch (e) {
    assert.ok(e instanceof AppError);
    assert.equal(e.code, 'query_syntax');
    assert.equal(typeof e.position, 'number');
  }
});

test('paging by position: windows join up, newest first, and a deep jump equals the same rows via OFFSET', () => {
  const total = count('');
  const first = pageEvents(db, q('events.page', { query: '', from: 0, to: 50 }));
  assert.equal(first.total, total);
  // Time order is exact to the millisecond (ids are time-keyed: seconds, then 1024 slots per ms).
  const times = first.rows.map((r) => r.time ?? -Infinity);
  assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
  const a = pageEvents(db, q('events.page', { query: '', from: 0, to: 100 })).rows.map((r) => r.id);
  const b = [...pageEvents(db, q('events.page', { query: '', from: 0, to: 40 })).rows, ...pageEvents(db, q('events.page', { query: '', from: 40, to: 100 })).rows].map((r) => r.id);
  assert.deepEqual(a, b);
  // Past the direct window the materialized list answers; it must agree with a plain OFFSET.
  const base = buildBase(db, { query: '' });
  const viaOffset = db.prepare(`SELECT CAST(e.id AS TEXT) ${base.fromWhere} ORDER BY ${base.orderBy} LIMIT 10 OFFSET ${total - 10}`).pluck().all();
  const deep = pageEvents(db, q('events.page', { query: '', from: Math.max(2001, total - 10), to: Math.max(2011, total) }));
  if (total > 2011) assert.deepEqual(deep.rows.map((r) => r.id), viaOffset);
  const sorted = pageEvents(db, q('events.page', { query: '', from: 0, to: 20, sort: { field: 'actor', dir: 'asc' } })).rows.map((r) => (r.actor ?? '').toLowerCase());
  assert.deepEqual(sorted, [...sorted].sort());
});

test('facets: whole case from import counts, query facets by counting, values sum to the total', () => {
  const whole = listFacets(db, q('facets.list', { query: '', fields: ['system', 'outcome'], limit: 50 }));
  const sys = whole[0]!;
  assert.equal(sys.values.reduce((n, v) => n + v.count, 0) + sys.other + sys.missing, all());
  assert.ok(sys.values.some((v) => v.value === 'okta'));
  const f = listFacets(db, q('facets.list', { query: 'system:okta', fields: ['action', 'actor', 'metadata.nope'], limit: 3 }))!;
  const actions = f[0]!;
  assert.equal(actions.values.length, 3);
  assert.equal(actions.truncated, true);
  assert.equal(actions.values.reduce((n, v) => n + v.count, 0) + actions.other + actions.missing, count('system:okta'));
  assert.equal(f[2]!.missing, count('system:okta'), 'a path no record has: all missing');
});

test('histogram buckets add up to the dated events of the query', () => {
  const h = getHistogram(db, q('histogram.get', { query: 'system:okta' }));
  const dated = count('system:okta') - h.undated;
  assert.equal(h.counts.reduce((n, c) => n + c.count, 0), dated);
  assert.ok(h.counts.length <= 120);
});

test('one event in full: normalized fields, raw verbatim, provenance with the source hash', () => {
  const row = pageEvents(db, q('events.page', { query: 'system:slack', from: 0, to: 1 })).rows[0]!;
  const ev = getEvent(db, row.id);
  assert.equal(ev.system, 'slack');
  assert.match(ev.provenance.path, /slack-audit/);
  assert.match(ev.provenance.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.ok(ev.raw.startsWith('{'));
  assert.throws(() => getEvent(db, '12345'), (e: unknown) => e instanceof AppError && e.code === 'not_found');
});

test('entity history folds changes; sources and rejects list', () => {
  const jira = pageEvents(db, q('events.page', { query: 'system:jira', from: 0, to: 200 })).rows.find((r) => r.hasChanges && r.entity);
  assert.ok(jira, 'a Jira event with changes and an entity');
  const detail = getEvent(db, jira.id);
  const h = entityHistory(db, q('entity.history', { entityType: detail.entityType, entityId: detail.entityId ?? jira.entity }));
  assert.ok(h.events.some((e) => e.id === jira.id));
  assert.ok(Object.keys(h.state).length > 0 || h.unknownBefore.length > 0);
  const sources = listSources(db);
  assert.ok(sources.length >= 14);
  const r = listRejects(db, q('sources.rejects', { sourceId: sources[0]!.id }));
  assert.equal(r.total, 0);
});
