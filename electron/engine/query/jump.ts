// Rows at a deep position of a time-ordered result without materializing its ordered id list (2.8 s
// for a 2.35M-row result at 10M events). The count walk (count.ts) leaves id ranges newest first,
// each with its count, so they say which range holds a position; one skip inside that range, on the
// lightest form of the query (the FTS index alone for free text), finds the id there, and the rows
// follow from it in id order — which is time order.
import type { CaseDb } from '../db/openCase.ts';
import { caseEventCount, countWalk, type Count, type CountedRange, type CountWalk } from './count.ts';
import { inIdRange, type BaseQuery } from './resultSet.ts';
import { ROW_COLUMNS, type RowRecord } from './rows.ts';

/** How long a jump may count to find its position before the caller falls back to the ordered list. */
const LOCATE_BUDGET_MS = 10_000;

/**
 * Rows `from..to` of the query in time order (`dir`), with the count as it stands; null when the
 * position could not be located within the budget.
 */
export function rowsAtDepth(db: CaseDb, base: BaseQuery, dir: 'asc' | 'desc', from: number, to: number): { rows: RowRecord[]; count: Count } | null {
  const walk = countWalk(db, base);
  // Newest first, position `from` is known once `from + 1` events are counted; oldest first needs the whole count.
  const need = dir === 'desc' ? from + 1 : Infinity;
  if (!walk.done && walk.total < need) walk.advance(Date.now() + LOCATE_BUDGET_MS, need);
  if (!walk.done && walk.total < need) return null;
  // The whole case's total is known without counting; a query's is what the walk has counted so far.
  const count = base.everything ? { total: caseEventCount(db), capped: false } : { total: walk.total, capped: !walk.done };
  // The page's rows as newest-first positions: `first` is where its first row (in `dir`) lies.
  const size = to - from;
  const first = dir === 'desc' ? from : walk.total - 1 - from;
  if (first < 0 || first >= walk.total) return { rows: [], count };
  const last = dir === 'desc' ? first + size - 1 : Math.max(0, first - size + 1);
  const anchor = idAt(db, walk, first);
  // The rows, bounded on the far side too (by the range holding the page's last row), so free-text
  // subqueries read only their part of the match list (resultSet.inIdRange).
  const far = rangeOf(walk.ranges, last);
  const [lo, hi] = dir === 'desc' ? [far?.range.lo ?? null, anchor + 1n] : [anchor, far?.range.hi ?? null];
  const rows = db.prepare(`SELECT ${ROW_COLUMNS} ${inIdRange(base.rowsFromWhere, base.idColumn, lo, hi)} ORDER BY ${base.orderBy} LIMIT ${size}`).all(base.params) as RowRecord[];
  return { rows, count };
}

/** The id at newest-first position `pos` (a counted one): one skip inside its range. */
function idAt(db: CaseDb, walk: CountWalk, pos: number): bigint {
  const { range, before } = rangeOf(walk.ranges, pos)!;
  const sql = `SELECT ${walk.idColumn} ${inIdRange(walk.from, walk.idColumn, range.lo, range.hi)} ORDER BY ${walk.idColumn} DESC LIMIT 1 OFFSET ${pos - before}`;
  return db.prepare(sql).pluck().safeIntegers(true).get(walk.params) as bigint;
}

/** The counted range holding newest-first position `pos`, and how many positions come before it. */
function rangeOf(ranges: readonly CountedRange[], pos: number): { range: CountedRange; before: number } | null {
  let before = 0;
  for (const range of ranges) {
    if (pos < before + range.n) return { range, before };
    before += range.n;
  }
  return null;
}
