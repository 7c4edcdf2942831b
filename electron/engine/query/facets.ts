// Facet counts for a query: per value of system, action, category, status, outcome, actor, target,
// entity type, entity, source, or any raw field path. Whole-case facets read the counts kept at
// import (instant); query facets count over id ranges newest first, each sized to what is left of
// the budget (idRangeWalk.ts), so a budget stops them near their deadline and they say so (timedOut)
// instead of answering slowly.
import type { CaseDb } from '../db/openCase.ts';
import type { FacetResult, FacetValue, ParsedRequest } from '../../../shared/contract.ts';
import { buildBase, inIdRange, type BaseQuery } from './resultSet.ts';
import { caseEventCount } from './count.ts';
import { IdRangeWalk, type IdRange } from './idRangeWalk.ts';
import { registerRawMatch, resolvePath } from './rawMatch.ts';
import { stopIfAsked } from './stopRequest.ts';
import { parseRecordJson } from '../import/readers/parseRecordJson.ts';
import { OUTCOME_CODES } from '../import/writer.ts';

const TERM_FIELDS: Record<string, string> = {
  system: 'system_t', action: 'action_t', category: 'category_t', status: 'status_t', actor: 'actor_t', actor_type: 'actor_type_t',
  target: 'target_t', entity_type: 'entity_type_t', entity: 'entity_t', ip: 'ip_t', version: 'version_t',
};
const OUTCOME_NAMES = Object.fromEntries(Object.entries(OUTCOME_CODES).map(([k, v]) => [v, k])) as Record<number, string>;

export function listFacets(db: CaseDb, req: ParsedRequest<'facets.list'>, keyBits = KEY_BITS): FacetResult[] {
  const base = buildBase(db, req);
  const deadline = Date.now() + req.budgetMs;
  // Column facets of one query are counted together: one grouped scan over their columns packed
  // into one integer and counted per key (facet_key_counts), then summed per field here.
  const columnFields = req.fields.filter((f) => columnOf(f) !== null && !(TERM_FIELDS[f] && base.everything));
  const counted = columnFields.length > 0 ? countColumns(db, base, columnFields, deadline, keyBits) : null;
  return req.fields.map((field) => {
    if (TERM_FIELDS[field] && base.everything) return wholeCase(db, field, req.limit);
    if (counted) {
      const i = columnFields.indexOf(field);
      if (i >= 0) return shape(db, field, counted.maps[i]!, req.limit, counted.timedOut);
    }
    const raw = countPath(db, base, field, deadline);
    return shape(db, field, raw.counts, req.limit, raw.timedOut);
  });
}

function columnOf(field: string): string | null {
  const col = TERM_FIELDS[field];
  return col ? `e.${col}` : field === 'outcome' ? 'e.outcome' : field === 'source' ? 'e.source_id' : null;
}

/** What one facet range should cost: long enough that statements (and their partial maps) are few. */
const FACET_RANGE_MS = 150;
/** A packed key stays an exact JS number. */
const KEY_BITS = 53;

type Counts = Map<string | number | null, number>;

/**
 * A facet column inside a packed key: `ifnull(col + offset, 0)` (0 is "no value"; ids start at 1,
 * outcome codes at 0 so they get offset 1) shifted into its own bits. One number per row is cheap to
 * count (facet_key_counts); grouped by SQLite, even one integer key sorted ~2× faster than five
 * columns (`prod` at 1M: 412 vs 826 ms by hand).
 */
interface Packed { field: number; shift: number; bits: number; offset: number }

function countColumns(db: CaseDb, base: BaseQuery, fields: string[], deadline: number, keyBits: number): { maps: Counts[]; timedOut: boolean } {
  registerKeyCounts(db);
  const maps: Counts[] = fields.map(() => new Map());
  // Each range in one read transaction: its keys are packed with the largest ids of that snapshot,
  // so an import committing meanwhile cannot push a value into its neighbour's bits.
  const countRange = db.transaction((range: IdRange) => {
    for (const group of packGroups(columnBits(db, fields), keyBits)) {
      const key = group.map((p) => `(ifnull(${columnOf(fields[p.field]!)}${p.offset ? ` + ${p.offset}` : ''}, 0) << ${p.shift})`).join(' + ');
      const stmt = db.prepare(`SELECT facet_key_counts(${key}) ${inIdRange(base.fromWhere, base.idColumn, range.lo, range.hi)}`).pluck();
      for (const [k, n] of JSON.parse(stmt.get(base.params) as string) as [number, number][]) {
        for (const p of group) {
          const v = Math.floor(k / 2 ** p.shift) % 2 ** p.bits;
          const value = v === 0 ? null : v - p.offset;
          const m = maps[p.field]!;
          m.set(value, (m.get(value) ?? 0) + n);
        }
      }
    }
  });
  const walk = new IdRangeWalk(db, FACET_RANGE_MS);
  // At least one range, so a tiny budget still shows the newest events' values.
  do {
    stopIfAsked();
    const range = walk.next()!;
    const t0 = performance.now();
    countRange(range);
    walk.took(performance.now() - t0, deadline - Date.now());
  } while (!walk.done && Date.now() < deadline);
  return { maps, timedOut: !walk.done };
}

const withKeyCounts = new WeakSet<CaseDb>();

/**
 * facet_key_counts(key): the count of each packed key, as JSON `[[key, n], …]`, kept in a Map as
 * the rows go by. SQLite's GROUP BY sorts every row first: for `prod` at 1M (240k rows, 9,488
 * keys), interleaved 10×, 302 ms grouped against 196 ms counted here (`.tmp/facjs.ts`).
 */
function registerKeyCounts(db: CaseDb): void {
  if (withKeyCounts.has(db)) return;
  withKeyCounts.add(db);
  db.aggregate<Map<number, number>>('facet_key_counts', {
    start: () => new Map(),
    // The typings call the argument an element of the state; it is the key, a number.
    step: (m, k) => { const key = k as unknown as number; m.set(key, (m.get(key) ?? 0) + 1); },
    result: (m) => JSON.stringify([...m]),
  });
}

/** Fields (by index) packed into as few keys of at most keyBits bits as first-fit allows (a wider field alone). */
function packGroups(columns: { bits: number; offset: number }[], keyBits: number): Packed[][] {
  const groups: { used: number; members: Packed[] }[] = [];
  columns.forEach(({ bits: b, offset }, field) => {
    let g = groups.find((x) => x.used + b <= keyBits);
    if (!g) { g = { used: 0, members: [] }; groups.push(g); }
    g.members.push({ field, shift: g.used, bits: b, offset });
    g.used += b;
  });
  return groups.map((g) => g.members);
}

const maxIds = new WeakMap<CaseDb, { version: number; byField: Map<string, number> }>();

/** The bits that hold each facet column's largest value plus its offset (term ids are case-wide; cached per data version). */
function columnBits(db: CaseDb, fields: string[]): { bits: number; offset: number }[] {
  const version = db.pragma('data_version', { simple: true }) as number;
  let cache = maxIds.get(db);
  if (!cache || cache.version !== version) { cache = { version, byField: new Map() }; maxIds.set(db, cache); }
  const byField = cache.byField;
  return fields.map((field) => {
    let max = byField.get(field);
    if (max === undefined) {
      max = field === 'outcome' ? Math.max(...Object.values(OUTCOME_CODES))
        : field === 'source' ? db.prepare('SELECT coalesce(max(id), 0) FROM sources').pluck().get() as number
        // Reads the field's entries of the (field, value) index: ~150 ms for 800k entity terms, once.
        : db.prepare('SELECT coalesce(max(id), 0) FROM terms WHERE field = ?').pluck().get(field) as number;
      byField.set(field, max);
    }
    const offset = field === 'outcome' ? 1 : 0;
    return { bits: Math.max(1, Math.ceil(Math.log2(max + offset + 1))), offset };
  });
}

/** Counts of a raw field path: each record parsed in JS (bounded by the budget). */
function countPath(db: CaseDb, base: BaseQuery, field: string, deadline: number): { counts: Counts; timedOut: boolean } {
  registerRawMatch(db);
  const counts: Counts = new Map();
  const join = base.fromWhere.includes(' JOIN raw r ') ? '' : ' JOIN raw r ON r.id = e.id';
  const fw = base.fromWhere.replace(' WHERE ', `${join} WHERE `);
  let seen = 0;
  for (const r of db.prepare(`SELECT coalesce(r.obj, r.text) AS t ${fw}`).iterate(base.params) as Iterable<{ t: string }>) {
    let values: string[] = [];
    // Parsed as the importer does, so a 64-bit id is its own facet value, not its neighbour's.
    try { values = [...new Set(resolvePath(parseRecordJson(r.t), field))]; } catch { /* not JSON: no value */ }
    if (values.length === 0) counts.set(null, (counts.get(null) ?? 0) + 1);
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    if (++seen % 256 === 0) {
      stopIfAsked();
      if (Date.now() > deadline) return { counts, timedOut: true };
    }
  }
  return { counts, timedOut: false };
}

function shape(db: CaseDb, field: string, counts: Counts, limit: number, timedOut: boolean): FacetResult {
  const missing = counts.get(null) ?? 0;
  const sorted = [...counts.entries()].filter(([k]) => k !== null).sort((a, b) => b[1] - a[1]);
  const top = sorted.slice(0, limit);
  const other = sorted.slice(limit).reduce((n, [, c]) => n + c, 0);
  return { field, values: labels(db, field, TERM_FIELDS[field], top), other, missing, distinct: sorted.length, truncated: sorted.length > limit, timedOut };
}

function labels(db: CaseDb, field: string, col: string | undefined, top: [string | number | null, number][]): FacetValue[] {
  if (col) {
    const get = db.prepare('SELECT value, label FROM terms WHERE id = ?');
    return top.map(([k, count]) => { const t = get.get(k) as { value: string; label: string | null }; return { value: t.value, label: t.label, count }; });
  }
  if (field === 'outcome') return top.map(([k, count]) => ({ value: OUTCOME_NAMES[Number(k)] ?? 'unknown', label: null, count }));
  if (field === 'source') {
    const get = db.prepare('SELECT path FROM sources WHERE id = ?').pluck();
    return top.map(([k, count]) => ({ value: get.get(k) as string, label: null, count }));
  }
  return top.map(([k, count]) => ({ value: String(k), label: null, count }));
}

function wholeCase(db: CaseDb, field: string, limit: number): FacetResult {
  const rows = db.prepare('SELECT value, label, n AS count FROM terms WHERE field = ? AND n > 0 ORDER BY n DESC, value LIMIT ?').all(field, limit + 1) as FacetValue[];
  const sums = db.prepare('SELECT coalesce(sum(n), 0) AS all_n, count(*) AS distinct_n FROM terms WHERE field = ? AND n > 0').get(field) as { all_n: number; distinct_n: number };
  const total = caseEventCount(db);
  const values = rows.slice(0, limit);
  const shown = values.reduce((n, v) => n + v.count, 0);
  return { field, values, other: sums.all_n - shown, missing: Math.max(0, total - sums.all_n), distinct: sums.distinct_n, truncated: sums.distinct_n > limit, timedOut: false };
}
