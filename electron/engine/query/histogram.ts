// Event counts per time bucket for a query (the timeline and its brush). The bucket is the
// smallest of second … month that keeps the range within the requested number of buckets.
import type { CaseDb } from '../db/openCase.ts';
import type { Histogram, ParsedRequest } from '../../../shared/contract.ts';
import { buildBase } from './resultSet.ts';

const SIZES: [Histogram['bucket'], number][] = [
  ['second', 1000], ['minute', 60_000], ['hour', 3_600_000], ['day', 86_400_000], ['week', 7 * 86_400_000],
];
/** 1970-01-05 was a Monday: weeks start on Mondays (ISO). */
const WEEK_ORIGIN = 4 * 86_400_000;

export function getHistogram(db: CaseDb, req: ParsedRequest<'histogram.get'>): Histogram {
  const base = buildBase(db, req);
  const ends = db.prepare(`SELECT (SELECT e.ts ${base.fromWhere} AND e.ts IS NOT NULL ORDER BY e.id ASC LIMIT 1) AS lo,
    (SELECT e.ts ${base.fromWhere} AND e.ts IS NOT NULL ORDER BY e.id DESC LIMIT 1) AS hi`).get(base.params) as { lo: number | null; hi: number | null };
  const undated = db.prepare(`SELECT count(*) ${base.fromWhere} AND e.ts IS NULL`).pluck().get(base.params) as number;
  if (ends.lo === null || ends.hi === null) return { bucket: 'day', bucketMs: 86_400_000, from: null, to: null, counts: [], undated };
  const span = Math.max(1, ends.hi - ends.lo);
  const chosen = SIZES.find(([, ms]) => span / ms <= req.buckets);
  if (!chosen) return monthly(db, base, ends.lo, ends.hi, undated);
  const [bucket, ms] = chosen;
  const origin = bucket === 'week' ? WEEK_ORIGIN : 0;
  // Floor (not truncating) division, so buckets before 1970 line up too.
  const t = `(e.ts - ${origin})`;
  const rows = db.prepare(`SELECT ${t} - ((${t} % ${ms}) + ${ms}) % ${ms} + ${origin} AS start, count(*) AS count ${base.fromWhere} AND e.ts IS NOT NULL GROUP BY 1 ORDER BY 1`)
    .all(base.params) as { start: number; count: number }[];
  return { bucket, bucketMs: ms, from: ends.lo, to: ends.hi, counts: rows, undated };
}

function monthly(db: CaseDb, base: ReturnType<typeof buildBase>, lo: number, hi: number, undated: number): Histogram {
  const rows = db.prepare(`SELECT strftime('%Y-%m-01', e.ts / 1000, 'unixepoch') AS m, count(*) AS count ${base.fromWhere} AND e.ts IS NOT NULL GROUP BY 1 ORDER BY 1`)
    .all(base.params) as { m: string; count: number }[];
  return { bucket: 'month', bucketMs: null, from: lo, to: hi, counts: rows.map((r) => ({ start: Date.parse(`${r.m}T00:00:00Z`), count: r.count })), undated };
}
