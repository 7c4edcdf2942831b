// Walking a case newest first in time-keyed id ranges sized to a time budget. better-sqlite3 cannot
// interrupt a statement, so work that must stop on time (a count, facet counts) is split into
// bounded statements, one per range; each range is sized from how long the last one took, so the
// last range before the deadline ends near it instead of overrunning by a fixed slice of the case.
import type { CaseDb } from '../db/openCase.ts';
import { NO_TIME_SEC } from '../import/idAllocator.ts';

/** A case this small is done in one statement; a bigger one starts with its newest this many events. */
export const FIRST_RANGE_EVENTS = 5000;

const SEC = 1n << 20n;
/** The ids of one minute: ids are seconds << 20 (idAllocator.ts). */
export const MINUTE_IDS = 60n * SEC;
/** Ids at or above this are dated; undated events share the smallest second. */
const FIRST_DATED_ID = BigInt(NO_TIME_SEC + 1) * SEC;

/** Event ids in [lo, hi); null: unbounded on that side. */
export interface IdRange { lo: bigint | null; hi: bigint | null }

export class IdRangeWalk {
  private readonly db: CaseDb;
  /** The time one range should take: long enough that statements are few, short enough to stop near the budget. */
  private readonly targetMs: number;
  done = false;
  private started = false;
  /** Exclusive upper bound of what is left. */
  private hi: bigint | null = null;
  /** The id span of the next range. */
  private span = 0n;
  /** Below this (the oldest dated event) the last range goes down without a bound. */
  private floor = 0n;

  constructor(db: CaseDb, targetMs: number) {
    this.db = db;
    this.targetMs = targetMs;
  }

  /** The next range, newest first; the last one is unbounded below (undated events included). */
  next(): IdRange | null {
    if (this.done) return null;
    if (!this.started) {
      this.started = true;
      if (!this.start()) { this.done = true; return { lo: null, hi: null }; }
    }
    const lo = this.hi! - this.span;
    if (lo <= this.floor) { this.done = true; return { lo: null, hi: this.hi }; }
    const range = { lo, hi: this.hi };
    this.hi = lo;
    return range;
  }

  /** How long the range just done took and how much of the budget is left: sizes the next range (at most the target, at most what is left). */
  took(ms: number, leftMs: number): void {
    this.span = nextSpan(this.span, ms, Math.min(this.targetMs, Math.max(1, leftMs)));
  }

  /**
   * The first range: the newest FIRST_RANGE_EVENTS events by the per-minute counts kept at import
   * (migration 2) — a few index rows read, however big the case. False for a small case: one range.
   */
  private start(): boolean {
    let n = 0;
    let boundary: number | null = null;
    const firstDatedMinute = Math.floor((NO_TIME_SEC + 1) / 60) + 1;
    const minutes = this.db.prepare('SELECT minute, n FROM minute_counts WHERE minute >= ? ORDER BY minute DESC').raw(true);
    for (const [minute, k] of minutes.iterate(firstDatedMinute) as Iterable<[number, number]>) {
      if (n >= FIRST_RANGE_EVENTS && minute !== boundary) break; // a minute's sources stay together
      n += k;
      boundary = minute;
    }
    if (boundary === null || n < FIRST_RANGE_EVENTS) return false;
    const ends = this.db.prepare(`SELECT (SELECT max(id) FROM events) AS hi, (SELECT min(id) FROM events WHERE id >= ${FIRST_DATED_ID}) AS lo`)
      .safeIntegers(true).get() as { hi: bigint | null; lo: bigint | null };
    const lo = BigInt(boundary) * MINUTE_IDS;
    this.floor = ends.lo ?? lo;
    // The first range reaches the newest event (the minute counts are only a guide to where it starts).
    this.hi = (ends.hi ?? lo) + 1n;
    this.span = this.hi - lo;
    return true;
  }
}

/**
 * The next range's span from how long the last one took, aimed at `targetMs`: growing at most 4× and
 * shrinking at most 4× a step, never under a second.
 */
function nextSpan(span: bigint, tookMs: number, targetMs: number): bigint {
  const factor = Math.min(4, Math.max(0.25, targetMs / Math.max(tookMs, 0.01)));
  const next = (span * BigInt(Math.round(factor * 64))) / 64n;
  return next < SEC ? SEC : next;
}
