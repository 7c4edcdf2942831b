// One query's result on a reader connection: the base FROM/WHERE shared by page, count, facets and
// histogram (Datasette's discipline), its ordering, and random access by position. The base reads the
// narrow `facts` rows (migration 3); what shows rows joins `events` as `ev`. The first window is read
// straight off the time-keyed order; deeper jumps of a column sort use the ordered id list,
// materialized once per (query, sort) in a TEMP table and kept in a small LRU.
import type { CaseDb } from '../db/openCase.ts';
import type { QueryRequest, SortField } from '../../../shared/contract.ts';
import { AppError } from '../../../shared/errors.ts';
import { parseQuery } from '../../../shared/query/parse.ts';
import type { QueryNode } from '../../../shared/query/ast.ts';
import { compileQuery, type CompiledQuery } from './compile.ts';
import { registerRawMatch } from './rawMatch.ts';

export interface Sort { field: SortField; dir: 'asc' | 'desc' }
export const DEFAULT_SORT: Sort = { field: 'time', dir: 'desc' };

export interface BaseQuery {
  ast: QueryNode;
  /** `FROM … WHERE …` over alias e (facts: the filter columns), ready for SELECT/GROUP BY. */
  fromWhere: string;
  /** The same with the events row joined as `ev`, for what selects ROW_COLUMNS (rows.ts). */
  rowsFromWhere: string;
  params: Record<string, unknown>;
  orderBy: string;
  /** True for the empty query over a case with no import in progress: counts come from sources. */
  everything: boolean;
  /**
   * `FROM fts WHERE fts MATCH …` when free text is the whole query: counts and time buckets can
   * then be read off the FTS index alone (rowids are time-keyed event ids), without the event rows.
   */
  ftsOnly: string | null;
  /** Where id (time) ranges go: `fts.rowid` when FTS drives the query, else `e.id` (compile.ts). */
  idColumn: string;
}

const SORT_KEYS: Record<Exclude<SortField, 'time'>, string> = {
  system: 'system_t', action: 'action_t', category: 'category_t', status: 'status_t',
  actor: 'actor_t', target: 'target_t', entity: 'entity_t', source: 'source_id',
};

export function parseOrThrow(query: string): QueryNode {
  const r = parseQuery(query);
  if (!r.ok) throw new AppError('query_syntax', r.error.message, { position: r.error.position, length: r.error.length });
  return r.ast;
}

export function buildBase(db: CaseDb, req: { query?: string | undefined; sort?: Sort | undefined }): BaseQuery {
  const ast = parseOrThrow(req.query ?? '');
  const c: CompiledQuery = compileQuery(ast);
  if (c.usesRaw) registerRawMatch(db);
  const hidden = hiddenSources(db);
  const where = [c.where];
  if (hidden) where.push(`e.source_id NOT IN (${hidden})`);
  let from = 'facts e';
  if (c.fts) { from = 'fts JOIN facts e ON e.id = fts.rowid'; where.unshift(`fts MATCH ${c.fts}`); }
  // CROSS JOIN keeps the planner from driving the query by the wide events rows.
  const withEvents = `${from} CROSS JOIN events ev ON ev.id = e.id`;
  if (c.usesEvents) from = withEvents;
  const withRaw = (f: string) => (c.usesRaw ? `${f} JOIN raw r ON r.id = e.id` : f);
  const condition = where.filter((w) => w !== '1').join(' AND ') || '1';
  const sort = req.sort ?? DEFAULT_SORT;
  return {
    ast,
    fromWhere: `FROM ${withRaw(from)} WHERE ${condition}`,
    rowsFromWhere: `FROM ${withRaw(withEvents)} WHERE ${condition}`,
    params: c.params,
    orderBy: orderBy(sort, c.fts !== null),
    everything: ast.kind === 'all' && !hidden,
    ftsOnly: c.fts && c.where === '1' && !c.usesRaw && !hidden ? `FROM fts WHERE fts MATCH ${c.fts}` : null,
    idColumn: c.idColumn,
  };
}

function orderBy(sort: Sort, fts: boolean): string {
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  // FTS5 hands rowids out in order when asked by its own rowid: no sort over the hits.
  const byTime = `${fts ? 'fts.rowid' : 'e.id'} ${dir}`;
  if (sort.field === 'time') return byTime;
  if (sort.field === 'source') return `(SELECT path FROM sources WHERE id = e.source_id) ${dir}, ${byTime}`;
  const col = SORT_KEYS[sort.field];
  return `(SELECT coalesce(label, value) FROM terms WHERE id = e.${col}) COLLATE NOCASE ${dir} NULLS LAST, ${byTime}`;
}

/** Sources whose events must not be seen yet (an import in progress or interrupted). */
function hiddenSources(db: CaseDb): string | null {
  const ids = db.prepare("SELECT id FROM sources WHERE status != 'complete'").pluck().all() as number[];
  return ids.length > 0 ? ids.join(',') : null;
}

interface Materialized { table: string; total: number }

/** Per-connection cache of materialized result lists. */
export class ResultCache {
  private readonly db: CaseDb;
  private readonly lists = new Map<string, Materialized>();
  private readonly counts = new Map<string, unknown>();
  private counter = 0;
  private dataVersion = -1;

  constructor(db: CaseDb) {
    this.db = db;
  }

  /** The ordered id list for a base query (built on first use). */
  list(base: BaseQuery): Materialized {
    this.invalidateIfChanged();
    const key = `${base.fromWhere}\u0000${JSON.stringify(base.params)}\u0000${base.orderBy}`;
    const hit = this.lists.get(key);
    if (hit) { this.lists.delete(key); this.lists.set(key, hit); return hit; }
    const table = `temp.rs_${++this.counter}`;
    this.db.exec(`CREATE TABLE ${table} (pos INTEGER PRIMARY KEY, id INTEGER NOT NULL)`);
    this.db.prepare(`INSERT INTO ${table} (id) SELECT e.id ${base.fromWhere} ORDER BY ${base.orderBy}`).run(base.params);
    const total = this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const m = { table, total };
    this.lists.set(key, m);
    while (this.lists.size > 4) {
      const [oldKey, old] = this.lists.entries().next().value as [string, Materialized];
      this.db.exec(`DROP TABLE ${old.table}`);
      this.lists.delete(oldKey);
    }
    return m;
  }

  peek(base: BaseQuery): Materialized | undefined {
    this.invalidateIfChanged();
    return this.lists.get(`${base.fromWhere}\u0000${JSON.stringify(base.params)}\u0000${base.orderBy}`);
  }

  /**
   * The query's count state (count.ts: a walk that may be resumed), made once per data version (the
   * grid asks with every window).
   */
  count<T>(base: BaseQuery, create: () => T): T {
    this.invalidateIfChanged();
    const key = `${base.fromWhere}\u0000${JSON.stringify(base.params)}`;
    let n = this.counts.get(key) as T | undefined;
    if (n === undefined) {
      n = create();
      if (this.counts.size > 64) this.counts.clear();
      this.counts.set(key, n);
    }
    return n;
  }

  /** A write by another connection (an import finished) invalidates every list. */
  private invalidateIfChanged(): void {
    const v = this.db.pragma('data_version', { simple: true }) as number;
    if (v === this.dataVersion) return;
    this.dataVersion = v;
    for (const m of this.lists.values()) this.db.exec(`DROP TABLE IF EXISTS ${m.table}`);
    this.lists.clear();
    this.counts.clear();
  }
}

/** A free-text subquery as compile.ts writes it: the whole match list, built for each statement. */
const FTS_SUBQUERY = /\(SELECT rowid FROM fts WHERE fts MATCH (@p\d+)\)/g;

/**
 * `source` (a `FROM … WHERE …` of the query, or its FTS-only form) limited to event ids in
 * [lo, hi) (integer literals; null: unbounded). The bound also goes inside every free-text subquery: SQLite builds a
 * subquery's whole match list for each statement, so a query counted in many id ranges would
 * otherwise pay for the full list once per range (measured: `eventName:GetObject` at 1M, 0.7 s in
 * one statement but 5.5 s in ranges). FTS5 seeks to a rowid range. Within the range the subquery's
 * rows outside it could never match an e.id there, so IN and NOT IN mean the same.
 */
export function inIdRange(source: string, idColumn: string, lo: bigint | string | null, hi: bigint | string | null): string {
  if (lo === null && hi === null) return source;
  const bound = (col: string) => `${lo === null ? '' : ` AND ${col} >= ${lo}`}${hi === null ? '' : ` AND ${col} < ${hi}`}`;
  return source.replace(FTS_SUBQUERY, (_m, p: string) => `(SELECT rowid FROM fts WHERE fts MATCH ${p}${bound('rowid')})`) + bound(idColumn);
}
