// Counting and paging the events of a query, and one event in full with its provenance.
import type { CaseDb } from '../db/openCase.ts';
import type { CountResult, EventDetail, PageResult, ParsedRequest } from '../../../shared/contract.ts';
import { AppError } from '../../../shared/errors.ts';
import { explainQuery } from '../../../shared/query/explain.ts';
import { buildBase, DEFAULT_SORT } from './resultSet.ts';
import { rowsAtDepth } from './jump.ts';
import { COUNT_BUDGET_MS, countWithin, PAGE_COUNT_BUDGET_MS, type Count } from './count.ts';
import { ROW_COLUMNS, toEventRow, type RowRecord } from './rows.ts';
import { session } from './session.ts';

/**
 * Rows readable straight off the sorted query. Deeper, a time-ordered result is located by its count
 * (jump.ts); other sorts, and a position the count cannot reach in time, use the ordered id list.
 */
const DIRECT_WINDOW = 2000;

/** The count within its budget (count.ts); `capped` when it stopped there and the total is a lower bound. */
export function countEvents(db: CaseDb, req: ParsedRequest<'events.count'>): CountResult {
  const base = buildBase(db, req);
  const c = countWithin(db, base, req.budgetMs ?? COUNT_BUDGET_MS, true);
  return { total: c.total, capped: c.capped, explain: explainQuery(base.ast) };
}

export function pageEvents(db: CaseDb, req: ParsedRequest<'events.page'>): PageResult {
  const base = buildBase(db, req);
  const { from, to } = req;
  let rows: RowRecord[];
  let count: Count;
  if (to <= DIRECT_WINDOW) {
    rows = db.prepare(`SELECT ${ROW_COLUMNS} ${base.rowsFromWhere} ORDER BY ${base.orderBy} LIMIT ${to - from} OFFSET ${from}`).all(base.params) as RowRecord[];
    // A page's total: what was counted already, else a short count of its own (the rows must not
    // wait for a long one; events.count goes on with it).
    // A short page that is not empty ends the result: its total needs no counting.
    count = rows.length > 0 && rows.length < to - from ? { total: from + rows.length, capped: false } : countWithin(db, base, PAGE_COUNT_BUDGET_MS, false);
  } else {
    const sort = req.sort ?? DEFAULT_SORT;
    const deep = sort.field === 'time' && !session(db).results.peek(base) ? rowsAtDepth(db, base, sort.dir, from, to) : null;
    if (deep) {
      ({ rows, count } = deep);
    } else {
      const list = session(db).results.list(base);
      rows = db.prepare(`SELECT ${ROW_COLUMNS} FROM ${list.table} l JOIN events ev ON ev.id = l.id WHERE l.pos > ? AND l.pos <= ? ORDER BY l.pos`)
        .all(from, to) as RowRecord[];
      count = { total: list.total, capped: false };
    }
  }
  return { from, rows: rows.map(toEventRow), total: count.total, capped: count.capped };
}

interface DetailRecord extends RowRecord {
  timeNanos: number | null; detail: string; raw: string; version: string | null; sourceEventId: string | null;
  sourceId: string; sourcePath: string; sourceSha256: string | null; line: number; byteOffset: number; format: string | null;
  actorType: string | null; ip: string | null;
}

export function getEvent(db: CaseDb, id: string): EventDetail {
  const r = db.prepare(`
    SELECT ${ROW_COLUMNS}, ev.ts_nanos AS timeNanos, ev.detail AS detail, raw.text AS raw,
      (SELECT value FROM terms WHERE id = ev.version_t) AS version, ev.source_event_id AS sourceEventId,
      (SELECT value FROM terms WHERE id = ev.actor_type_t) AS actorType, (SELECT value FROM terms WHERE id = ev.ip_t) AS ip,
      CAST(s.id AS TEXT) AS sourceId, s.path AS sourcePath, s.sha256 AS sourceSha256, s.format AS format, ev.line AS line, ev.byte_offset AS byteOffset
    FROM events ev JOIN raw ON raw.id = ev.id JOIN sources s ON s.id = ev.source_id
    WHERE ev.id = CAST(? AS INTEGER) AND s.status = 'complete'`).get(id) as DetailRecord | undefined;
  if (!r) throw new AppError('not_found', `No event with id ${id} in this case.`);
  // The row's own columns only: the stored detail JSON and the provenance columns are answered below, once.
  const { timeNanos, detail, raw, version, sourceEventId, sourceId, sourcePath, sourceSha256, line, byteOffset, format, actorType, ip, ...row } = r;
  const d = JSON.parse(detail) as { actor: { type?: string | null; ip?: string | null; userAgent?: string | null }; target: { id: string | null }; entity: { id: string | null }; changes: EventDetail['changes'] };
  return {
    ...toEventRow(row),
    timeNanos,
    actorType,
    actorIp: ip,
    userAgent: d.actor.userAgent ?? null,
    targetId: d.target.id,
    entityId: d.entity.id,
    version,
    sourceEventId,
    changes: d.changes,
    raw,
    provenance: { sourceId, path: sourcePath, sha256: sourceSha256, recordNo: r.recordNo, line, byteOffset, format },
  };
}
