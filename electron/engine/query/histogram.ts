// Event counts per time bucket for a query (the timeline and its brush). The bucket is the
// smallest of second … month that keeps the range within the requested number of buckets. Buckets
// are computed from the time-keyed id (id >> 20 = unix seconds), so a free-text query is counted
// from the FTS index alone. A big result is counted one bucket at a time, as an id range: SQLite's
// GROUP BY sorts every row (2.4M FTS hits at 10M events: 1.2 s, of which ~0.2 s reading them),
// while a range count only reads its ids (docs/PERFORMANCE.md).
import type { CaseDb } from '../db/openCase.ts';
import type { Histogram, ParsedRequest } from '../../../shared/contract.ts';
import { buildBase, inIdRange, type BaseQuery } from './resultSet.ts';
import { NO_TIME_SEC } from '../import/idAllocator.ts';
import { stopIfAsked } from './stopRequest.ts';

const SIZES: [Histogram['bucket'], number][] = [
  ['second', 1], ['minute', 60], ['hour', 3600], ['day', 86_400], ['week', 7 * 86_400],
];
/** 1970-01-05 was a Monday: weeks start on Mondays (ISO). */
const WEEK_ORIGIN_S = 4 * 86_400;
/** Ids at or above this are dated (undated events have the smallest second). */
const FIRST_DATED_ID = `((${NO_TIME_SEC} + 1) * 1048576)`;
/**
 * From this many matching events on, buckets are counted as id ranges rather than grouped: a
 * range count costs ~0.3 ms of FTS set-up however few rows it reads, a grouped row ~0.85 µs of
 * sorting (measured at 10M events), so at 120 buckets grouping wins below ~40k rows.
 */
export const RANGE_COUNT_FROM = 50_000;

export function getHistogram(db: CaseDb, req: ParsedRequest<'histogram.get'>, rangeCountFrom = RANGE_COUNT_FROM): Histogram {
  const base = buildBase(db, req);
  return (base.ast.kind === 'all' ? wholeCase(db, req.buckets) : null) ?? fromEvents(db, base, req.buckets, rangeCountFrom);
}

/** What to bucket: a unix-seconds expression, how a row counts, and the dated rows to read. */
interface Counted {
  sec: string;
  count: string;
  /** `FROM … WHERE …` over dated rows only. */
  fromWhere: string;
  params: Record<string, unknown>;
}

function fromEvents(db: CaseDb, base: BaseQuery, buckets: number, rangeCountFrom: number): Histogram {
  const { from, id } = source(base);
  const ends = db.prepare(`SELECT (SELECT ${id} >> 20 ${from} AND ${id} >= ${FIRST_DATED_ID} ORDER BY ${id} ASC LIMIT 1) AS lo,
    (SELECT ${id} >> 20 ${from} AND ${id} >= ${FIRST_DATED_ID} ORDER BY ${id} DESC LIMIT 1) AS hi`).get(base.params) as { lo: number | null; hi: number | null };
  const undated = db.prepare(`SELECT count(*) ${from} AND ${id} < ${FIRST_DATED_ID}`).pluck().get(base.params) as number;
  if (ends.lo === null || ends.hi === null) return empty(undated);
  const chosen = chooseSize(ends.hi - ends.lo + 1, buckets);
  const dated = `${from} AND ${id} >= ${FIRST_DATED_ID}`;
  const big = db.prepare(`SELECT count(*) FROM (SELECT 1 ${dated} LIMIT ${rangeCountFrom})`).pluck().get(base.params) as number >= rangeCountFrom;
  if (big) return rangeCounted(db, { from, id, params: base.params }, chosen, ends.lo, ends.hi, undated);
  return bucketed(db, { sec: `(${id} >> 20)`, count: 'count(*)', fromWhere: dated, params: base.params }, chosen, ends.lo, ends.hi, undated);
}

/** Counts per bucket as one id-range count each (bucket starts as bucketed() computes them, empty buckets left out). */
function rangeCounted(db: CaseDb, q: { from: string; id: string; params: Record<string, unknown> }, chosen: [Histogram['bucket'], number] | null, lo: number, hi: number, undated: number): Histogram {
  const starts = bucketStarts(chosen, lo, hi);
  const counts: Histogram['counts'] = [];
  for (let i = 0; i < starts.length; i++) {
    stopIfAsked();
    const rangeLo = BigInt(starts[i]!) << 20n;
    const rangeHi = i + 1 < starts.length ? BigInt(starts[i + 1]!) << 20n : (BigInt(hi) + 1n) << 20n;
    const count = db.prepare(`SELECT count(*) ${inIdRange(q.from, q.id, rangeLo, rangeHi)}`).pluck().get(q.params) as number;
    if (count > 0) counts.push({ start: starts[i]! * 1000, count });
  }
  return shaped(chosen, lo, hi, undated, counts);
}

/** The start (unix seconds) of every bucket from the one holding `lo` to the one holding `hi`. */
function bucketStarts(chosen: [Histogram['bucket'], number] | null, lo: number, hi: number): number[] {
  const starts: number[] = [];
  if (!chosen) {
    const d = new Date(lo * 1000);
    for (let y = d.getUTCFullYear(), m = d.getUTCMonth(); ; m++) {
      const s = Date.UTC(y, m, 1) / 1000;
      if (s > hi) break;
      starts.push(s);
    }
    return starts;
  }
  const [bucket, size] = chosen;
  const origin = bucket === 'week' ? WEEK_ORIGIN_S : 0;
  for (let s = lo - ((((lo - origin) % size) + size) % size); s <= hi; s += size) starts.push(s);
  return starts;
}

/**
 * Where to count from: the FTS index alone for a pure free-text query, else the base query, with
 * ids read (and ranges sought) on the FTS rowid when FTS drives it.
 */
function source(base: BaseQuery): { from: string; id: string } {
  if (base.ftsOnly) return { from: base.ftsOnly, id: 'rowid' };
  return { from: base.fromWhere, id: base.idColumn };
}

/**
 * The whole case, from the per-minute counts kept at import (migration 2; complete sources only,
 * as queries show). Bucket ends are exact to the minute; a span of a few minutes, which would want
 * second buckets, is counted from the events instead (null).
 */
function wholeCase(db: CaseDb, buckets: number): Histogram | null {
  const firstDatedMinute = Math.floor((NO_TIME_SEC + 1) / 60) + 1;
  const undated = db.prepare('SELECT coalesce(sum(n), 0) FROM minute_counts WHERE minute < ?').pluck().get(firstDatedMinute) as number;
  const ends = db.prepare('SELECT min(minute) AS lo, max(minute) AS hi FROM minute_counts WHERE minute >= ?').get(firstDatedMinute) as { lo: number | null; hi: number | null };
  if (ends.lo === null || ends.hi === null) return empty(undated);
  const lo = ends.lo * 60;
  const hi = ends.hi * 60 + 59;
  const chosen = chooseSize(hi - lo + 1, buckets);
  if (chosen && chosen[1] < 60) return null;
  return bucketed(db, { sec: '(minute * 60)', count: 'sum(n)', fromWhere: `FROM minute_counts WHERE minute >= ${firstDatedMinute}`, params: {} }, chosen, lo, hi, undated);
}

/** The smallest bucket that keeps `span` seconds within `buckets` buckets; null: months. */
function chooseSize(span: number, buckets: number): [Histogram['bucket'], number] | null {
  return SIZES.find(([, s]) => Math.max(1, span) / s <= buckets) ?? null;
}

/** Counts per bucket of `size` seconds (floor division, so buckets before 1970 line up too), or per calendar month. */
function bucketed(db: CaseDb, c: Counted, chosen: [Histogram['bucket'], number] | null, lo: number, hi: number, undated: number): Histogram {
  if (!chosen) {
    const rows = db.prepare(`SELECT strftime('%Y-%m-01', ${c.sec}, 'unixepoch') AS m, ${c.count} AS count ${c.fromWhere} GROUP BY 1 ORDER BY 1`)
      .all(c.params) as { m: string; count: number }[];
    return shaped(chosen, lo, hi, undated, rows.map((r) => ({ start: Date.parse(`${r.m}T00:00:00Z`), count: r.count })));
  }
  const [bucket, size] = chosen;
  const origin = bucket === 'week' ? WEEK_ORIGIN_S : 0;
  const t = `(${c.sec} - ${origin})`;
  const rows = db.prepare(`SELECT ${t} - ((${t} % ${size}) + ${size}) % ${size} + ${origin} AS start, ${c.count} AS count ${c.fromWhere} GROUP BY 1 ORDER BY 1`)
    .all(c.params) as { start: number; count: number }[];
  for (const r of rows) r.start *= 1000;
  return shaped(chosen, lo, hi, undated, rows);
}

/** The answer for buckets of `chosen` (null: months) over seconds lo…hi. */
function shaped(chosen: [Histogram['bucket'], number] | null, lo: number, hi: number, undated: number, counts: Histogram['counts']): Histogram {
  const range = { from: lo * 1000, to: hi * 1000 + 999, undated };
  return chosen ? { bucket: chosen[0], bucketMs: chosen[1] * 1000, ...range, counts } : { bucket: 'month', bucketMs: null, ...range, counts };
}

function empty(undated: number): Histogram {
  return { bucket: 'day', bucketMs: 86_400_000, from: null, to: null, counts: [], undated };
}
