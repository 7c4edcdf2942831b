// An entity's history: every event that touches it (as entity or as target) in time order, and its
// state at a chosen time folded from the changes — saying which fields have no before-value to
// start from, instead of guessing.
import type { CaseDb } from '../db/openCase.ts';
import type { EntityHistory, ParsedRequest } from '../../../shared/contract.ts';
import type { Change } from '../../../shared/model.ts';
import { ROW_COLUMNS, toEventRow, type RowRecord } from './rows.ts';

const MAX_EVENTS = 5000;

interface HistoryRecord extends RowRecord { detail: string; folds: number }

export function entityHistory(db: CaseDb, req: ParsedRequest<'entity.history'>): EntityHistory {
  const type = req.entityType;
  const entities = termsNaming(db, 'entity', req.entityId);
  const targets = termsNaming(db, 'target', req.entityId);
  const asEntity = `e.entity_t IN (${entities})${type === null ? '' : ` AND e.entity_type_t IN (SELECT id FROM terms WHERE field = 'entity_type' AND value = @type)`}`;
  // As target, the event's own entity may be anything (a user added to a group, a component whose
  // lead is the user); the type requested is the target's when the event records one.
  const asTarget = `e.target_t IN (${targets})${type === null ? '' : ` AND coalesce(json_extract(ev.detail, '$.target.type') = @type, 1)`}`;
  // An event's changes describe its entity, or its target when it has no entity: the changes of a
  // group the user was added to are the group's, not the user's. The WHERE's first condition reads
  // the narrow facts row alone, so the wide event row (which the target-type test needs) is looked
  // up only for events that name the thing; without it, at 10M, 42 s went on reading every row.
  const rows = db.prepare(`
    SELECT ${ROW_COLUMNS}, ev.detail AS detail, ((${asEntity}) OR (e.entity_t IS NULL AND ${asTarget})) AS folds
    FROM facts e CROSS JOIN events ev ON ev.id = e.id
    WHERE (e.entity_t IN (${entities}) OR e.target_t IN (${targets}))
      AND ((${asEntity}) OR (${asTarget}))
      AND e.source_id IN (SELECT id FROM sources WHERE status = 'complete')
    ORDER BY e.id ASC LIMIT ${MAX_EVENTS + 1}`).all(...(type === null ? [] : [{ type }])) as HistoryRecord[];
  const truncated = rows.length > MAX_EVENTS;
  const kept = rows.slice(0, MAX_EVENTS);
  const at = req.at ?? null;
  const { state, unknownBefore } = foldState(kept, at);
  return {
    entityType: type, entityId: req.entityId,
    events: kept.map(({ detail: _detail, folds: _folds, ...row }) => toEventRow(row)),
    state, at, unknownBefore, truncated,
  };
}

/**
 * Term ids (as an SQL list) of a field that name the thing: by id (the term's value). Only when no
 * term has it as an id is it read as a display name — an id of `2` must not pull in everything
 * someone named "2".
 */
function termsNaming(db: CaseDb, field: 'entity' | 'target', idOrName: string): string {
  let ids = db.prepare('SELECT id FROM terms WHERE field = ? AND value = ?').pluck().all(field, idOrName) as number[];
  if (ids.length === 0) ids = db.prepare('SELECT id FROM terms WHERE field = ? AND label = ?').pluck().all(field, idOrName) as number[];
  return ids.length > 0 ? ids.join(',') : 'NULL';
}

/**
 * The value of every field the changes touch, as of `at` (null: after the last event). A field
 * changed up to `at` has the last such change's after-value. A field first changed later had, at
 * `at`, that change's before-value; when that change has none (a creation, a source that records
 * only new values), the value at `at` is not known and the field is named in `unknownBefore`.
 */
function foldState(rows: HistoryRecord[], at: number | null): { state: Record<string, unknown>; unknownBefore: string[] } {
  const state: Record<string, unknown> = {};
  const changedByAt = new Set<string>();
  const firstLater = new Map<string, Change>();
  for (const r of rows) {
    if (r.folds !== 1) continue;
    // Undated events sort first (the smallest id second) and count as before any time.
    const later = at !== null && r.time !== null && r.time > at;
    for (const c of (JSON.parse(r.detail) as { changes: Change[] }).changes) {
      if (later) {
        if (!changedByAt.has(c.path) && !firstLater.has(c.path)) firstLater.set(c.path, c);
        continue;
      }
      changedByAt.add(c.path);
      if ('after' in c) state[c.path] = c.after; else delete state[c.path];
    }
  }
  const unknownBefore: string[] = [];
  for (const [path, c] of firstLater) {
    if ('before' in c) state[path] = c.before; else unknownBefore.push(path);
  }
  return { state, unknownBefore };
}
