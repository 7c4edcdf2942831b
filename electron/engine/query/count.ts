// Counting a query's events within a time budget: a walk over time-keyed id ranges, newest first
// (idRangeWalk.ts), one bounded statement per range; when
// the budget runs out between two ranges, the count so far is the answer and it says so (`capped`:
// a lower bound). The walk is kept per connection and data version, so a later call with a budget
// of its own goes on from where the last one stopped instead of starting over.
import type { CaseDb } from '../db/openCase.ts';
import { IdRangeWalk } from './idRangeWalk.ts';
import { inIdRange, type BaseQuery } from './resultSet.ts';
import { session } from './session.ts';

/** What `events.count` spends by default: well inside the query worker's hard stop (20 s). */
export const COUNT_BUDGET_MS = 4000;
/**
 * What a page spends on its total when nothing was counted yet: rows come first (each millisecond
 * here is one the rows wait), and events.count goes on from where it stopped.
 */
export const PAGE_COUNT_BUDGET_MS = 30;

export interface Count { total: number; capped: boolean }

/** The events of every complete source (what the empty query shows), from the source rows. */
export function caseEventCount(db: CaseDb): number {
  return db.prepare("SELECT coalesce(sum(events), 0) FROM sources WHERE status = 'complete' AND container != 'zip'").pluck().get() as number;
}

/**
 * The query's count, spending at most about `budgetMs` on what is not counted yet. `resume: false`
 * answers from any earlier walk as it stands (a page asking again for its total) and only starts a
 * walk when there is none.
 */
export function countWithin(db: CaseDb, base: BaseQuery, budgetMs: number, resume: boolean): Count {
  if (base.everything) return { total: caseEventCount(db), capped: false };
  const results = session(db).results;
  const listed = results.peek(base);
  if (listed) return { total: listed.total, capped: false };
  let fresh = false;
  const walk = results.count(base, () => { fresh = true; return new CountWalk(db, base); });
  if (!walk.done && (fresh || resume)) walk.advance(Date.now() + budgetMs);
  return { total: walk.total, capped: !walk.done };
}

class CountWalk {
  private readonly db: CaseDb;
  private readonly from: string;
  private readonly idColumn: string;
  private readonly params: Record<string, unknown>;
  private readonly walk: IdRangeWalk;
  total = 0;

  constructor(db: CaseDb, base: BaseQuery) {
    this.db = db;
    // A pure free-text query is counted on the FTS index alone (its rowids are the event ids).
    this.from = base.ftsOnly ?? base.fromWhere;
    this.idColumn = base.ftsOnly ? 'rowid' : base.idColumn;
    this.params = base.params;
    this.walk = new IdRangeWalk(db);
  }

  get done(): boolean { return this.walk.done; }

  advance(deadline: number): void {
    // At least one range per call, so every call makes progress, however small its budget.
    do {
      const range = this.walk.next()!;
      const t0 = performance.now();
      this.total += this.db.prepare(`SELECT count(*) ${inIdRange(this.from, this.idColumn, range.lo, range.hi)}`).pluck().get(this.params) as number;
      this.walk.took(performance.now() - t0, deadline - Date.now());
    } while (!this.walk.done && Date.now() < deadline);
  }
}
