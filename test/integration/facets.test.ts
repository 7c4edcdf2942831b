// Query facets count their columns packed into one integer per row (facets.ts): whatever the
// packing — one key, or one key per field — the counts, the missing (no value) counts, the number
// of distinct values and the labels must be what a plain GROUP BY of each field gives; so must the
// whole-case counts kept at import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CaseDb } from '../../electron/engine/db/openCase.ts';
import { buildBase, listFacets } from '../../electron/engine/query/index.ts';
import { requestSchemas } from '../../shared/contract.ts';
import { corporaDir } from '../helpers/tmp.ts';
import { importedCase } from '../helpers/importedCase.ts';

let db: CaseDb;
before(async () => {
  db = await importedCase([join(corporaDir, 'okta'), join(corporaDir, 'aws-cloudtrail'), join(corporaDir, 'github-audit'), join(corporaDir, 'slack-audit')]);
});
after(() => db.close());

const FIELDS = ['system', 'action', 'actor', 'category', 'status', 'outcome', 'source', 'entity', 'target', 'ip'];
const COLUMN: Record<string, string> = {
  system: 'system_t', action: 'action_t', actor: 'actor_t', category: 'category_t', status: 'status_t', outcome: 'outcome',
  source: 'source_id', entity: 'entity_t', target: 'target_t', ip: 'ip_t',
};

/** field → (value id or code → count), and the count with no value, from one GROUP BY per field. */
function grouped(query: string, field: string): { counts: Map<string, number>; missing: number } {
  const base = buildBase(db, { query });
  const rows = db.prepare(`SELECT e.${COLUMN[field]} AS k, count(*) AS n ${base.fromWhere} GROUP BY 1`).all(base.params) as { k: number | null; n: number }[];
  const counts = new Map<string, number>();
  let missing = 0;
  for (const r of rows) {
    if (r.k === null) { missing += r.n; continue; }
    const name = field === 'outcome' ? String(r.k)
      : field === 'source' ? db.prepare('SELECT path FROM sources WHERE id = ?').pluck().get(r.k) as string
      : db.prepare('SELECT value FROM terms WHERE id = ?').pluck().get(r.k) as string;
    counts.set(name, r.n);
  }
  return { counts, missing };
}

test('packed facet counts equal a plain GROUP BY per field, in one key or one key per field', () => {
  // '' takes the whole-case counts kept at import for term fields.
  for (const query of ['', '-zzqxnotawordzz', 'system:okta OR system:github', 'user', '-status:*']) {
    for (const keyBits of [53, 1]) {
      const facets = listFacets(db, requestSchemas['facets.list'].parse({ query, fields: FIELDS, limit: 500, budgetMs: 60_000 }) as never, keyBits);
      for (const f of facets) {
        const want = grouped(query, f.field);
        assert.equal(f.timedOut, false);
        assert.equal(f.missing, want.missing, `${query} ${f.field} missing, keyBits ${keyBits}`);
        const codes = { unknown: 0, success: 1, failure: 2, warning: 3, in_progress: 4 } as Record<string, number>;
        const got = new Map(f.values.map((v) => [f.field === 'outcome' ? String(codes[v.value]) : v.value, v.count]));
        const label = `${query} ${f.field}, keyBits ${keyBits}`;
        // The top 500 values: each with its own count; the rest summed in `other`.
        assert.equal(got.size, Math.min(500, want.counts.size), label);
        for (const [value, n] of got) assert.equal(n, want.counts.get(value), `${label}: ${value}`);
        const all = [...want.counts.values()].reduce((a, b) => a + b, 0);
        assert.equal([...got.values()].reduce((a, b) => a + b, 0) + f.other, all, label);
        assert.equal(f.truncated, want.counts.size > 500, label);
        assert.equal(f.distinct, want.counts.size, `${label}: distinct values`);
      }
      assert.ok(facets.some((f) => f.values.length > 1), `${query}: some facet has several values`);
    }
  }
});
