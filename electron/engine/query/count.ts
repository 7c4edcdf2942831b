// Counting a query's events within a time budget: a walk over time-keyed id ranges, newest first
// (idRangeWalk.ts), one bounded statement per range; when the budget runs out between two ranges,
// the count so far is the answer and it says so (`capped`: a lower bound). The walk is kept per
// connection and data version, so a later call with a budget of its own goes on from where the last
// one stopped instead of starting over; its counted ranges also locate deep positions (jump.ts).
import type { CaseDb } from '../db/openCase.ts';
import { IdRangeWalk, MINUTE_IDS, type IdRange } from './idRangeWalk.ts';
import { inIdRange, type BaseQuery } from './resultSet.ts';
import { session } from './session.ts';
import { stopIfAsked } from './stopRequest.ts';

/** What `events.count` spends by default: well inside the query worker's hard stop (20 s). */
export const COUNT_BUDGET_MS = 4000;
/**
 * What a page spends on its total when nothing was counted yet: rows come first (each millisecond
 * here is one the rows wait), and events.count goes on from where it stopped.
 */
export const PAGE_COUNT_BUDGET_MS = 30;

/**
 * What one counted range should cost: a deep jump skips through at most one range (jump.ts), so
 * this bounds a jump's time; smaller means more statements per count.
 */
const COUNT_RANGE_MS = 40;

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

/** The query's count walk as it stands (made on first use), kept per connection and data version. */
export function countWalk(db: CaseDb, base: BaseQuery): CountWalk {
  return session(db).results.count(base, () => (base.everything ? CountWalk.ofWholeCase(db, base) : new CountWalk(db, base)));
}

/** One counted id range and how many of the query's events it holds. */
export interface CountedRange extends IdRange { n: number }

export class CountWalk {
  private readonly db: CaseDb;
  /** What is counted (the FTS index alone for a pure free-text query) and where its ids are. */
  readonly from: string;
  readonly idColumn: string;
  readonly params: Record<string, unknown>;
  private readonly walk: IdRangeWalk;
  total = 0;
  /** Every range counted so far, newest first: where each position of the time order lies (jump.ts). */
  readonly ranges: CountedRange[] = [];
  /** Counted without walking (the whole case). */
  private complete = false;

  constructor(db: CaseDb, base: BaseQuery) {
    this.db = db;
    // A pure free-text query is counted on the FTS index alone (its rowids are the event ids).
    this.from = base.ftsOnly ?? base.fromWhere;
    this.idColumn = base.ftsOnly ? 'rowid' : base.idColumn;
    this.params = base.params;
    this.walk = new IdRangeWalk(db, COUNT_RANGE_MS);
  }

  /**
   * The whole case, counted already: the per-minute counts kept at import (migration 2) are exact
   * ranges, one per minute, so a jump into millions of events skips through one minute's events.
   */
  static ofWholeCase(db: CaseDb, base: BaseQuery): CountWalk {
    const walk = new CountWalk(db, base);
    const minutes = db.prepare('SELECT minute, sum(n) FROM minute_counts GROUP BY minute ORDER BY minute DESC').raw(true).safeIntegers(true);
    for (const [minute, n] of minutes.iterate() as Iterable<[bigint, bigint]>) {
      walk.ranges.push({ lo: minute * MINUTE_IDS, hi: (minute + 1n) * MINUTE_IDS, n: Number(n) });
      walk.total += Number(n);
    }
    walk.complete = true;
    return walk;
  }

  get done(): boolean { return this.complete || this.walk.done; }

  /** Counts on until the deadline, the end, or (for a jump) `until` events counted. */
  advance(deadline: number, until = Infinity): void {
    // At least one range per call, so every call makes progress, however small its budget.
    do {
      stopIfAsked(); // before the range is taken, so a stopped walk resumes where it was
      const range = this.walk.next()!;
      const t0 = performance.now();
      const n = this.db.prepare(`SELECT count(*) ${inIdRange(this.from, this.idColumn, range.lo, range.hi)}`).pluck().get(this.params) as number;
      this.walk.took(performance.now() - t0, deadline - Date.now());
      this.total += n;
      this.ranges.push({ ...range, n });
    } while (!this.walk.done && Date.now() < deadline && this.total < until);
  }
}
