// Allocates time-keyed event ids: id = (unix seconds << 20) + position within that second, so that
// rowid order is time order. Within a second, each millisecond owns a block of 1024 positions
// (ms × 1024 … ms × 1024 + 1023), so order is exact to the millisecond; a block that fills up (more
// than 1024 events in one ms, e.g. second-precision sources in a burst) continues into the next
// blocks, after anything already placed there. Ids exceed 2^53, so they are only ever assembled in
// SQL from the two safe halves this class hands out.
import type { CaseDb } from '../db/openCase.ts';

/** Positions per second; the id's low 20 bits. */
const SEQ_SPACE = 1 << 20;
/** Positions per millisecond block (1000 blocks × 1024 < 2^20). */
const BLOCK = 1024;
const LAST_BLOCK = 999;
/** Seconds are clamped to ±2^42 so (sec << 20) stays inside SQLite's signed 64-bit integers. */
const MAX_SEC = 2 ** 42 - 1;
/** Events without a usable time sort before every dated event (last in "newest first"). */
export const NO_TIME_SEC = -(2 ** 42);
/** Bound on remembered blocks; past it the cache is dropped (at `settle`) and refilled from the index. */
const MAX_CACHED_BLOCKS = 500_000;

export class IdAllocator {
  /** (sec, ms block) → the next free position in that second at or after the block's start. */
  private readonly free = new Map<number, number>();
  private readonly maxInRange;
  private readonly overflowId;
  /**
   * Seconds that may hold ids this allocator does not remember: those the case's events spanned when
   * it was created, and those of blocks it forgot. A block outside them is empty until this allocator
   * places something there, so it needs no index lookup (a new case asks none; a case that gains a
   * later export asks only where the two overlap).
   */
  private readonly existing: { lo: number; hi: number } | null;
  private forgotten: { lo: number; hi: number } | null = null;
  /** Seconds this allocator has placed ids in (what a cache reset forgets). */
  private placedLo = Infinity;
  private placedHi = -Infinity;

  private readonly maxCachedBlocks: number;

  constructor(db: CaseDb, opts: { maxCachedBlocks?: number } = {}) {
    this.maxCachedBlocks = opts.maxCachedBlocks ?? MAX_CACHED_BLOCKS;
    this.maxInRange = db.prepare(
      'SELECT max(id) - CAST(@sec AS INTEGER) * 1048576 FROM events WHERE id >= CAST(@sec AS INTEGER) * 1048576 + @lo AND id < CAST(@sec AS INTEGER) * 1048576 + @hi',
    ).pluck();
    this.overflowId = db.prepare('SELECT max(id) FROM events').pluck().safeIntegers(true);
    // Seconds as floor(id / 2^20), computed in SQL (ids exceed 2^53; seconds do not).
    const r = db.prepare('SELECT (SELECT min(id) FROM events) >> 20 AS lo, (SELECT max(id) FROM events) >> 20 AS hi').get() as { lo: number | null; hi: number | null };
    this.existing = r.lo === null || r.hi === null ? null : { lo: r.lo, hi: r.hi };
  }

  private place(sec: number): void {
    if (sec < this.placedLo) this.placedLo = sec;
    if (sec > this.placedHi) this.placedHi = sec;
  }

  private mayHoldUnknownIds(sec: number): boolean {
    const inRange = (x: { lo: number; hi: number } | null) => x !== null && sec >= x.lo && sec <= x.hi;
    return inRange(this.existing) || inRange(this.forgotten);
  }

  /** The next free position of a millisecond block (from the cache, or the index on a miss). */
  private nextFree(sec: number, block: number): number {
    const key = sec * 1000 + block;
    let pos = this.free.get(key);
    if (pos === undefined) {
      const start = block * BLOCK;
      const max = this.mayHoldUnknownIds(sec) ? (this.maxInRange.get({ sec, lo: start, hi: start + BLOCK }) as number | null) : null;
      pos = max === null ? start : max + 1;
    }
    return pos;
  }

  next(ms: number | null): { sec: number; seq: number } {
    let sec = ms === null ? NO_TIME_SEC : Math.floor(ms / 1000);
    if (sec > MAX_SEC) sec = MAX_SEC;
    if (sec < NO_TIME_SEC + 1 && ms !== null) sec = NO_TIME_SEC + 1;
    const first = ms === null || sec !== Math.floor(ms / 1000) ? 0 : ms - sec * 1000;
    let block = first;
    let pos = this.nextFree(sec, block);
    // A full block continues into the following ones, after whatever they already hold.
    while (pos >= (block + 1) * BLOCK && block < LAST_BLOCK) {
      block++;
      pos = Math.max(pos, this.nextFree(sec, block));
    }
    if (pos >= SEQ_SPACE) return this.overflow(sec);
    for (let b = first; b <= block; b++) this.free.set(sec * 1000 + b, pos + 1);
    this.place(sec);
    return { sec, seq: pos };
  }

  /**
   * Called when every id handed out so far is in the events table (the writer, after a batch's
   * rows): only then may the cache be forgotten, because a forgotten block is refilled from the
   * index — ids handed out but not yet inserted would be handed out again (10M-event imports failed
   * on UNIQUE(events.id) when the cache was dropped in the middle of a batch).
   */
  settle(): void {
    if (this.free.size < this.maxCachedBlocks) return;
    this.free.clear();
    this.forgotten = widen(this.forgotten, this.placedLo <= this.placedHi ? { lo: this.placedLo, hi: this.placedHi } : null);
  }

  /**
   * More than 2^20 events in one second: continue after the largest id in the case. Order is then
   * only approximately time order for this burst, but ids stay unique.
   */
  private overflow(sec: number): { sec: number; seq: number } {
    const max = (this.overflowId.get() as bigint | null) ?? 0n;
    const next = max + 1n;
    const s = Number(next / BigInt(SEQ_SPACE));
    const q = Number(next % BigInt(SEQ_SPACE));
    this.free.set(sec * 1000 + LAST_BLOCK, SEQ_SPACE);
    // The borrowed slot belongs to second `s`: later allocations there must start after it.
    const key = s * 1000 + Math.min(LAST_BLOCK, Math.floor(q / BLOCK));
    if ((this.free.get(key) ?? 0) <= q) this.free.set(key, q + 1);
    this.place(sec);
    this.place(s);
    return { sec: s, seq: q };
  }
}

function widen(a: { lo: number; hi: number } | null, b: { lo: number; hi: number } | null): { lo: number; hi: number } | null {
  if (a === null) return b === null ? null : { ...b };
  if (b === null) return a;
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}
