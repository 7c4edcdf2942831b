// Answers within a budget — counts (engine/query/count.ts) and facets — on a generated case of
// 60,000 CloudTrail events plus a few undated records: a count that runs out of budget answers a lower bound marked
// `capped`, asking again goes on from there, and the last answer equals the exact count computed
// here with plain SQL. Pages report the same bound, never a made-up total; a facet past its budget
// says timedOut; the id-range walk under both covers every event once; a walk asked to stop stops
// between ranges and loses none.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { countEvents, getHistogram, listFacets, pageEvents } from '../../electron/engine/query/index.ts';
import { setStopFlag } from '../../electron/engine/query/stopRequest.ts';
import { AppError } from '../../shared/errors.ts';
import { IdRangeWalk, type IdRange } from '../../electron/engine/query/idRangeWalk.ts';
import { requestSchemas } from '../../shared/contract.ts';
import { writeEvents } from '../../bench/generate.ts';
import { tempDir } from '../helpers/tmp.ts';

const EVENTS = 60_000;
const UNDATED = 7;
const dir = tempDir();
const casePath = join(dir, 'count.sqlite');
let writer: CaseDb;

before(async () => {
  const trail = join(dir, 'ct60k.jsonl');
  await writeEvents({ format: 'cloudtrail', events: EVENTS, seed: 5, days: 60 }, trail);
  // Undated records sort below every dated one: the walk's last range must still reach them.
  const undated = join(dir, 'undated.jsonl');
  writeFileSync(undated, Array.from({ length: UNDATED }, (_, i) => JSON.stringify({ id: `u${i}`, actor: 'nobody', action: 'GetObject', description: 'aws undated' })).join('\n') + '\n');
  writer = openCase(casePath);
  const r = await runImport(writer, { paths: [trail, undated] });
  assert.deepEqual(r.sources.map((s) => s.status), ['complete', 'complete']);
});
after(() => writer.close());

const req = (query: string, budgetMs?: number) => requestSchemas['events.count'].parse(budgetMs === undefined ? { query } : { query, budgetMs });

/** The oracle's WHERE for each query (written out by hand, not compiled by the engine). */
const ORACLE: Record<string, string> = {
  'aws': `e.id IN (SELECT rowid FROM fts WHERE fts MATCH '"aws"')`,
  '-category:kms': "(e.category_t IS NULL OR e.category_t NOT IN (SELECT id FROM terms WHERE field = 'category' AND value = 'kms' COLLATE NOCASE))",
  // Free text under OR/NOT is a subquery (compile.ts), bounded per range as well (inIdRange).
  'action:Get* OR -s3': `e.action_t IN (SELECT id FROM terms WHERE field = 'action' AND value LIKE 'Get%') OR e.id NOT IN (SELECT rowid FROM fts WHERE fts MATCH '"s3"')`,
  'action:Get* -actor:nobody': "e.action_t IN (SELECT id FROM terms WHERE field = 'action' AND value LIKE 'Get%') AND (e.actor_t IS NULL OR e.actor_t NOT IN (SELECT id FROM terms WHERE field = 'actor' AND value = 'nobody' COLLATE NOCASE))",
};
const exact = (query: string) => writer.prepare(`SELECT count(*) FROM events e WHERE ${ORACLE[query]}`).pluck().get() as number;

for (const query of Object.keys(ORACLE)) {
  test(`a count of ${JSON.stringify(query)} with a 10 ms budget is a rising lower bound until it is exact`, () => {
    const want = exact(query);
    assert.ok(want > 5000, `enough events to need more than one range (${want})`);
    // A connection of its own: its count walk starts from nothing.
    const db = openCase(casePath, { readonly: true });
    try {
      const answers: { total: number; capped: boolean }[] = [];
      for (let i = 0; i < 500; i++) {
        const c = countEvents(db, req(query, 10));
        answers.push({ total: c.total, capped: c.capped });
        if (!c.capped) break;
      }
      const last = answers.at(-1)!;
      assert.equal(last.capped, false, `the count finished within ${answers.length} calls`);
      assert.equal(last.total, want, 'the finished count is exact');
      for (let i = 1; i < answers.length; i++) {
        assert.ok(answers[i]!.total >= answers[i - 1]!.total, 'each answer goes on from the last');
        assert.ok(answers[i - 1]!.total <= want, 'a capped answer is a lower bound');
      }
      // Asked again, a finished count is the same exact answer (kept for the data version).
      assert.deepEqual({ ...countEvents(db, req(query, 10)), explain: '' }, { total: want, capped: false, explain: '' });
    } finally {
      db.close();
    }
  });
}

test('a walk asked to stop (the pool\'s stop flag) answers cancelled between ranges; asked again, the count goes on to the exact total', () => {
  // A field path is read from each raw record: slow enough per row that 10 ms cannot cover 60k rows.
  const query = 'eventName:*Object*';
  const want = writer.prepare("SELECT count(*) FROM events e JOIN raw r ON r.id = e.id WHERE json_extract(r.text, '$.eventName') LIKE '%Object%'").pluck().get() as number;
  const db = openCase(casePath, { readonly: true });
  const flag = new Int32Array(new SharedArrayBuffer(4));
  setStopFlag(flag);
  try {
    const first = countEvents(db, req(query, 10));
    assert.equal(first.capped, true);
    Atomics.store(flag, 0, 1);
    const isCancelled = (e: unknown) => e instanceof AppError && e.code === 'cancelled';
    assert.throws(() => countEvents(db, req(query, 10)), isCancelled);
    assert.throws(() => listFacets(db, requestSchemas['facets.list'].parse({ query, fields: ['action'], budgetMs: 5000 })), isCancelled);
    assert.throws(() => getHistogram(db, requestSchemas['histogram.get'].parse({ query: 'aws' }), 1), isCancelled, 'a range-counted histogram checks per bucket');
    Atomics.store(flag, 0, 0);
    let c = countEvents(db, req(query, 50));
    for (let i = 0; i < 500 && c.capped; i++) c = countEvents(db, req(query, 50));
    assert.deepEqual({ total: c.total, capped: c.capped }, { total: want, capped: false }, 'no range was lost or counted twice');
  } finally {
    setStopFlag(null);
    db.close();
  }
});

test('a count that ran out of budget says so: capped, below the exact total, and a page reports the same bound', () => {
  // A field path is read from each raw record: slow enough per row that 10 ms cannot cover 60k rows.
  const query = 'eventName:*Object*';
  const want = writer.prepare("SELECT count(*) FROM events e JOIN raw r ON r.id = e.id WHERE json_extract(r.text, '$.eventName') LIKE '%Object%'").pluck().get() as number;
  const db = openCase(casePath, { readonly: true });
  try {
    const first = countEvents(db, req(query, 10));
    assert.equal(first.capped, true, `10 ms did not cover ${want} matches: the answer says it is a lower bound`);
    assert.ok(first.total < want && first.total > 0, `a lower bound (${first.total} of ${want})`);
    // The page's total is the count as it stands (its own short budget goes on with it), never exact by guess.
    const page = pageEvents(db, requestSchemas['events.page'].parse({ query, from: 0, to: 50 }) as never);
    assert.equal(page.rows.length, 50);
    assert.ok(page.total >= first.total && page.total <= want);
    assert.equal(page.capped, page.total < want);
    // With the default budget the count finishes.
    const full = countEvents(db, req(query));
    assert.deepEqual([full.total, full.capped], [want, false]);
  } finally {
    db.close();
  }
});

test('a small case is counted in one statement: never capped', async () => {
  const small = openCase(join(dir, 'small.sqlite'));
  try {
    const file = join(dir, 'few.jsonl');
    writeFileSync(file, Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `f${i}`, timestamp: `2024-01-01T00:00:${String(i).padStart(2, '0')}Z`, action: 'login' })).join('\n') + '\n');
    await runImport(small, { paths: [file] });
    const c = countEvents(small, req('action:login', 10));
    assert.deepEqual([c.total, c.capped], [40, false]);
  } finally {
    small.close();
  }
});

test('a facet that runs out of its budget says timedOut, with counts that are a part of the truth; with time enough it is complete', () => {
  const db = openCase(casePath, { readonly: true });
  try {
    const facets = (budgetMs: number) => listFacets(db, requestSchemas['facets.list'].parse({ query: 'aws', fields: ['eventName', 'action'], budgetMs }) as never);
    const want = exact('aws');
    const [short] = facets(10);
    assert.equal(short!.timedOut, true, 'a raw field path over ~60k records does not fit in 10 ms');
    const seen = short!.values.reduce((n, v) => n + v.count, 0) + short!.other + short!.missing;
    assert.ok(seen > 0 && seen < want, `partial: ${seen} of ${want}`);
    const [full, action] = facets(20_000);
    assert.equal(full!.timedOut, false);
    assert.equal(full!.values.reduce((n, v) => n + v.count, 0) + full!.other + full!.missing, want, 'complete counts add up to the query');
    assert.equal(action!.timedOut, false);
    for (const v of short!.values) assert.ok(v.count <= (full!.values.find((f) => f.value === v.value)?.count ?? full!.other), `${v.value}: part of its full count`);
  } finally {
    db.close();
  }
});

test('column facets add up over the walk\'s id ranges to a plain GROUP BY; past their budget they are a part and say so', () => {
  const db = openCase(casePath, { readonly: true });
  try {
    const facets = (budgetMs: number) => listFacets(db, requestSchemas['facets.list'].parse({ query: 'aws', fields: ['action', 'status'], budgetMs, limit: 500 }) as never);
    const oracle = writer.prepare(`SELECT t.value, count(*) AS n FROM events e JOIN terms t ON t.id = e.action_t WHERE ${ORACLE['aws']} GROUP BY t.value`).all() as { value: string; n: number }[];
    const [full] = facets(20_000);
    assert.equal(full!.timedOut, false);
    // 60k events are several ranges (the first holds the newest 5,000): every range is counted once.
    assert.deepEqual(new Map(full!.values.map((v) => [v.value, v.count])), new Map(oracle.map((o) => [o.value, o.n])));
    const [short] = facets(10);
    const seen = short!.values.reduce((n, v) => n + v.count, 0) + short!.other + short!.missing;
    if (short!.timedOut) assert.ok(seen > 0 && seen < exact('aws'), `partial: ${seen}`);
    else assert.equal(seen, exact('aws'), 'finished within 10 ms: complete');
  } finally {
    db.close();
  }
});

test('the id-range walk covers every event once, newest first, its last range unbounded below', () => {
  const db = openCase(casePath, { readonly: true });
  try {
    const walk = new IdRangeWalk(db, 150);
    const ranges: IdRange[] = [];
    for (let r = walk.next(); r; r = walk.next()) { ranges.push(r); walk.took(1, 2); }
    assert.ok(ranges.length > 2, `several ranges: ${ranges.length}`);
    assert.equal(ranges[0]!.hi! > (db.prepare('SELECT max(id) FROM events').safeIntegers(true).pluck().get() as bigint), true, 'the first reaches the newest event');
    assert.equal(ranges.at(-1)!.lo, null, 'the last goes down without a bound: undated events included');
    for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i]!.hi, ranges[i - 1]!.lo, 'contiguous, newest first');
    const counted = ranges.reduce((n, r) => n + (db.prepare(`SELECT count(*) FROM events WHERE 1${r.lo === null ? '' : ` AND id >= ${r.lo}`} AND id < ${r.hi}`).pluck().get() as number), 0);
    assert.equal(counted, EVENTS + UNDATED);
  } finally {
    db.close();
  }
});

test('deep pages of a time-ordered result are located by the count walk: the same rows as the full listing, counted or not', () => {
  for (const query of ['', 'aws', 'action:Get* OR -s3']) {
    for (const dir of ['desc', 'asc'] as const) {
      const all = writer.prepare(`SELECT CAST(e.id AS TEXT) FROM events e WHERE ${query === '' ? '1' : ORACLE[query]} ORDER BY e.id ${dir.toUpperCase()}`).pluck().all() as string[];
      // A fresh connection each time, so the walk is where this test leaves it: nothing counted,
      // then partly counted (10 ms), then complete.
      for (const budgetMs of [null, 10, 60_000]) {
        const db = openCase(casePath, { readonly: true });
        try {
          if (budgetMs !== null && query !== '') countEvents(db, req(query, budgetMs));
          for (const from of [2500, Math.floor(all.length / 3), all.length - 100, all.length - 3]) {
            const page = pageEvents(db, { query, sort: { field: 'time', dir }, from, to: from + 100 });
            assert.deepEqual(page.rows.map((r) => r.id), all.slice(from, from + 100), `${query} ${dir} from ${from} (count budget ${budgetMs})`);
            assert.ok(page.total <= all.length && (page.capped || page.total === all.length), `${query} ${dir}: total ${page.total} is the count or a bound`);
          }
          assert.deepEqual(pageEvents(db, { query, sort: { field: 'time', dir }, from: all.length, to: all.length + 50 }).rows, [], 'past the end');
        } finally {
          db.close();
        }
      }
    }
  }
});
