// Counting a query's events within a time budget. better-sqlite3 cannot interrupt a statement, so a
// big count is a walk over time-keyed id ranges, newest first, one bounded statement per range; when
// the budget runs out between two ranges, the count so far is the answer and it says so (`capped`:
// a lower bound). The walk is kept per connection and data version, so a later call with a budget
// of its own goes on from where the last one stopped instead of starting over.
import type { CaseDb } from '../db/openCase.ts';
import { NO_TIME_SEC } from '../import/idAllocator.ts';
import { inIdRange, type BaseQuery } from './resultSet.ts';
import { session } from './session.ts';

/** What `events.count` spends by default: well inside the query worker's hard stop (20 s). */
export const COUNT_BUDGET_MS = 4000;
/** What a page spends on its total when nothing was counted yet: rows come first. */
export const PAGE_COUNT_BUDGET_MS = 100;
/** A case this small is counted in one statement; a bigger one starts with its newest this many events. */
export const FIRST_CHUNK_EVENTS = 5000;
/** The time one range should take: long enough that statements are few, short enough to stop near the budget. */
const TARGET_CHUNK_MS = 150;

const SEC = 1n << 20n;
const MINUTE_IDS = 60n * SEC;
/** Ids at or above this are dated; undated events share the smallest second. */
const FIRST_DATED_ID = BigInt(NO_TIME_SEC + 1) * SEC;

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
  total = 0;
  done = false;
  /** Exclusive upper bound of what is left (null: unbounded, nothing counted yet). */
  private hi: bigint | null = null;
  /** The id span of the next range. */
  private span = 0n;
  /** Below this (the oldest dated event) the last range goes down without a bound. */
  private floor = 0n;

  constructor(db: CaseDb, base: BaseQuery) {
    this.db = db;
    // A pure free-text query is counted on the FTS index alone (its rowids are the event ids).
    this.from = base.ftsOnly ?? base.fromWhere;
    this.idColumn = base.ftsOnly ? 'rowid' : base.idColumn;
    this.params = base.params;
  }

  advance(deadline: number): void {
    if (this.hi === null && !this.start()) return;
    // At least one range per call, so every call makes progress, however small its budget.
    do {
      const lo = this.hi! - this.span;
      const last = lo <= this.floor;
      const t0 = performance.now();
      this.total += this.countRange(last ? null : lo, this.hi);
      const ms = performance.now() - t0;
      if (last) { this.done = true; return; }
      this.hi = lo;
      this.span = nextSpan(this.span, ms, Math.max(1, deadline - Date.now()));
    } while (Date.now() < deadline);
  }

  /**
   * The first range: the newest FIRST_CHUNK_EVENTS events by the per-minute counts kept at import
   * (migration 2) — a few index rows read, however big the case. False when the walk was not needed:
   * a small case, counted whole in one statement.
   */
  private start(): boolean {
    let n = 0;
    let boundary: number | null = null;
    const firstDatedMinute = Math.floor((NO_TIME_SEC + 1) / 60) + 1;
    const minutes = this.db.prepare('SELECT minute, n FROM minute_counts WHERE minute >= ? ORDER BY minute DESC').raw(true);
    for (const [minute, k] of minutes.iterate(firstDatedMinute) as Iterable<[number, number]>) {
      if (n >= FIRST_CHUNK_EVENTS && minute !== boundary) break; // a minute's sources stay together
      n += k;
      boundary = minute;
    }
    if (boundary === null || n < FIRST_CHUNK_EVENTS) {
      this.total = this.countRange(null, null);
      this.done = true;
      return false;
    }
    const ends = this.db.prepare(`SELECT (SELECT max(id) FROM events) AS hi, (SELECT min(id) FROM events WHERE id >= ${FIRST_DATED_ID}) AS lo`)
      .safeIntegers(true).get() as { hi: bigint | null; lo: bigint | null };
    const lo = BigInt(boundary) * MINUTE_IDS;
    this.floor = ends.lo ?? lo;
    // The first range reaches the newest event (the minute counts are only a guide to where it starts).
    this.hi = (ends.hi ?? lo) + 1n;
    this.span = this.hi - lo;
    return true;
  }

  private countRange(lo: bigint | null, hi: bigint | null): number {
    return this.db.prepare(`SELECT count(*) ${inIdRange(this.from, this.idColumn, lo, hi)}`).pluck().get(this.params) as number;
  }
}

/**
 * The next range's span from how long the last one took: aimed at TARGET_CHUNK_MS (and at most what
 * is left of the budget), growing at most 4× and shrinking at most 4× a step, never under a second.
 */
function nextSpan(span: bigint, tookMs: number, leftMs: number): bigint {
  const target = Math.min(TARGET_CHUNK_MS, leftMs);
  const factor = Math.min(4, Math.max(0.25, target / Math.max(tookMs, 0.01)));
  const next = (span * BigInt(Math.round(factor * 64))) / 64n;
  return next < SEC ? SEC : next;
}
