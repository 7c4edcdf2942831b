// Allocates time-keyed event ids: id = (unix seconds << 20) + sequence within that second, so that
// rowid order is time order. Ids exceed 2^53, so they are only ever assembled in SQL from the two
// safe halves this class hands out.
import type { CaseDb } from '../db/openCase.ts';

/** Events per second before the sequence would overflow into the next second's range. */
const SEQ_SPACE = 1 << 20;
/** Seconds are clamped to ±2^42 so (sec << 20) stays inside SQLite's signed 64-bit integers. */
const MAX_SEC = 2 ** 42 - 1;
/** Events without a usable time sort before every dated event (last in "newest first"). */
export const NO_TIME_SEC = -(2 ** 42);
/** Bound on remembered seconds; past it the cache is dropped and refilled from the index. */
const MAX_CACHED_SECONDS = 500_000;

export class IdAllocator {
  private readonly nextSeq = new Map<number, number>();
  private readonly maxInSecond;
  private readonly overflowId;

  constructor(db: CaseDb) {
    this.maxInSecond = db.prepare(
      'SELECT max(id) - CAST(@sec AS INTEGER) * 1048576 AS seq FROM events WHERE id >= CAST(@sec AS INTEGER) * 1048576 AND id < (CAST(@sec AS INTEGER) + 1) * 1048576',
    ).pluck();
    this.overflowId = db.prepare('SELECT max(id) FROM events').pluck().safeIntegers(true);
  }

  next(ms: number | null): { sec: number; seq: number } {
    let sec = ms === null ? NO_TIME_SEC : Math.floor(ms / 1000);
    if (sec > MAX_SEC) sec = MAX_SEC;
    if (sec < NO_TIME_SEC + 1 && ms !== null) sec = NO_TIME_SEC + 1;
    let seq = this.nextSeq.get(sec);
    if (seq === undefined) {
      if (this.nextSeq.size >= MAX_CACHED_SECONDS) this.nextSeq.clear();
      const max = this.maxInSecond.get({ sec }) as number | null;
      seq = max === null ? 0 : max + 1;
    }
    if (seq >= SEQ_SPACE) return this.overflow(sec);
    this.nextSeq.set(sec, seq + 1);
    return { sec, seq };
  }

  /** Gives back the last id of a second when its insert turned out to be a duplicate. */
  release(sec: number, seq: number): void {
    if (this.nextSeq.get(sec) === seq + 1) this.nextSeq.set(sec, seq);
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
    this.nextSeq.set(sec, SEQ_SPACE);
    // The borrowed slot belongs to second `s`: later allocations there must start after it.
    if ((this.nextSeq.get(s) ?? 0) <= q) this.nextSeq.set(s, q + 1);
    return { sec: s, seq: q };
  }
}
