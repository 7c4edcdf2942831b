// Paging by position past the first 2,000 rows (where the engine switches from reading the sorted
// query to its materialized id list), on a generated case of 6,000 events: every window equals the
// same slice of the full ordered listing, computed here with plain SQL over the case.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { pageEvents } from '../../electron/engine/query/index.ts';
import type { SortField } from '../../shared/contract.ts';
import { writeEvents } from '../../bench/generate.ts';
import { tempDir } from '../helpers/tmp.ts';

const EVENTS = 6000;
const dir = tempDir();
let db: CaseDb;

before(async () => {
  const file = join(dir, 'ct6k.jsonl');
  await writeEvents({ format: 'cloudtrail', events: EVENTS, seed: 11, days: 30 }, file);
  db = openCase(join(dir, 'paging.sqlite'));
  await runImport(db, { paths: [file] });
});
after(() => db.close());

type Sort = { field: SortField; dir: 'asc' | 'desc' };

/** The oracle's WHERE for each query (written out by hand, not compiled by the engine). */
const ORACLE_WHERE: Record<string, string> = {
  '': '1',
  '-category:kms': "(e.category_t IS NULL OR e.category_t NOT IN (SELECT id FROM terms WHERE field = 'category' AND value = 'kms' COLLATE NOCASE))",
  'aws -category:kms': "e.id IN (SELECT rowid FROM fts WHERE fts MATCH '\"aws\"') AND (e.category_t IS NULL OR e.category_t NOT IN (SELECT id FROM terms WHERE field = 'category' AND value = 'kms' COLLATE NOCASE))",
};

/** The whole ordered listing as event ids: time order is id order; a column sort is its label, then time. */
function oracle(query: string, sort: Sort): string[] {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const order = sort.field === 'time' ? `e.id ${dir}` : `coalesce(t.label, t.value) COLLATE NOCASE ${dir} NULLS LAST, e.id ${dir}`;
  const join = sort.field === 'time' ? '' : `LEFT JOIN terms t ON t.id = e.${sort.field}_t`;
  return db.prepare(`SELECT CAST(e.id AS TEXT) FROM events e ${join} WHERE ${ORACLE_WHERE[query]} ORDER BY ${order}`).pluck().all() as string[];
}

const CASES: { query: string; sort: Sort }[] = [
  { query: '', sort: { field: 'time', dir: 'desc' } },
  { query: '', sort: { field: 'time', dir: 'asc' } },
  { query: '', sort: { field: 'actor', dir: 'asc' } },
  { query: '', sort: { field: 'action', dir: 'desc' } },
  { query: '', sort: { field: 'status', dir: 'desc' } }, // mostly empty: the empty ones last, in time order
  { query: '-category:kms', sort: { field: 'time', dir: 'desc' } },
  { query: '-category:kms', sort: { field: 'time', dir: 'asc' } },
  { query: '-category:kms', sort: { field: 'actor', dir: 'asc' } },
  { query: 'aws -category:kms', sort: { field: 'time', dir: 'desc' } },
];

for (const { query, sort } of CASES) {
  test(`pages of ${JSON.stringify(query)} by ${sort.field} ${sort.dir} are the slices of the full listing`, () => {
    const all = oracle(query, sort);
    assert.ok(all.length > 3000, `enough rows to page past 2,000 (${all.length})`);
    if (query === '') assert.equal(all.length, EVENTS);
    const mid = Math.floor(all.length / 2);
    const windows: [number, number][] = [
      [0, 50], [1950, 2000], [1999, 2049], [2000, 2050], [2500, 2550], [mid, mid + 50], [all.length - 50, all.length],
      [1500, 2500], // straddles the switch to the materialized list
      [all.length - 7, all.length + 20], // runs past the end
    ];
    // Deep windows first as well as last: the answer must not depend on what was asked before.
    for (const [from, to] of [...windows].reverse().concat(windows)) {
      const page = pageEvents(db, { query, sort, from, to });
      assert.equal(page.total, all.length, `total at ${from}`);
      assert.equal(page.capped, false);
      assert.equal(page.from, from);
      assert.deepEqual(page.rows.map((r) => r.id), all.slice(from, to), `rows ${from}..${to}`);
    }
    assert.deepEqual(pageEvents(db, { query, sort, from: all.length, to: all.length + 10 }).rows, [], 'past the end: no rows');
  });
}

test('consecutive windows past 2,000 join up without a gap or a repeat', () => {
  const sort: Sort = { field: 'time', dir: 'desc' };
  const ids: string[] = [];
  for (let from = 1800; from < 3200; from += 100) ids.push(...pageEvents(db, { query: '', sort, from, to: from + 100 }).rows.map((r) => r.id));
  assert.deepEqual(ids, oracle('', sort).slice(1800, 3200));
  assert.equal(new Set(ids).size, ids.length);
});

test('an import by another connection is seen by the next deep page: new total, new rows in place', async () => {
  const sort: Sort = { field: 'time', dir: 'desc' };
  assert.equal(pageEvents(db, { query: '', sort, from: 2500, to: 2550 }).total, EVENTS); // the list is built
  const more = join(dir, 'okta500.jsonl');
  await writeEvents({ format: 'okta', events: 500, seed: 4, days: 30 }, more);
  const writer = openCase(join(dir, 'paging.sqlite'));
  try { await runImport(writer, { paths: [more] }); } finally { writer.close(); }
  const all = oracle('', sort);
  assert.equal(all.length, EVENTS + 500);
  for (const from of [0, 2500, all.length - 50]) {
    const page = pageEvents(db, { query: '', sort, from, to: from + 50 });
    assert.equal(page.total, all.length);
    assert.deepEqual(page.rows.map((r) => r.id), all.slice(from, from + 50), `rows from ${from}`);
  }
});
