// An entity's history: every event that touches it (as entity or as target) in time order, and its
// state at a chosen time folded from the changes — saying which fields have no before-value to
// start from, instead of guessing.
import type { CaseDb } from '../db/openCase.ts';
import type { EntityHistory, ParsedRequest } from '../../../shared/contract.ts';
import type { Change } from '../../../shared/model.ts';
import { ROW_COLUMNS, toEventRow, type RowRecord } from './rows.ts';

const MAX_EVENTS = 5000;

export function entityHistory(db: CaseDb, req: ParsedRequest<'entity.history'>): EntityHistory {
  const termIds = db.prepare(`SELECT id FROM terms WHERE field IN ('entity', 'target') AND (value = ? OR label = ?)`).pluck().all(req.entityId, req.entityId) as number[];
  const typeFilter = req.entityType === null ? '' : ` AND (e.entity_t IS NULL OR e.entity_type_t IN (SELECT id FROM terms WHERE field = 'entity_type' AND value = ?))`;
  const ids = termIds.length > 0 ? termIds.join(',') : 'NULL';
  const rows = db.prepare(`
    SELECT ${ROW_COLUMNS}, e.detail AS detail FROM events e
    WHERE (e.entity_t IN (${ids}) OR e.target_t IN (${ids}))${typeFilter}
      AND e.source_id IN (SELECT id FROM sources WHERE status = 'complete')
    ORDER BY e.id ASC LIMIT ${MAX_EVENTS + 1}`).all(...(req.entityType === null ? [] : [req.entityType])) as (RowRecord & { detail: string })[];
  const truncated = rows.length > MAX_EVENTS;
  const kept = rows.slice(0, MAX_EVENTS);
  const at = req.at ?? null;
  const state: Record<string, unknown> = {};
  const unknownBefore = new Set<string>();
  const seen = new Set<string>();
  for (const r of kept) {
    if (at !== null && r.time !== null && r.time > at) break;
    const changes = (JSON.parse(r.detail) as { changes: Change[] }).changes;
    for (const c of changes) {
      // The first change of a field without a before-value: what it was earlier is not known.
      if (!seen.has(c.path) && !('before' in c)) unknownBefore.add(c.path);
      seen.add(c.path);
      if ('after' in c) state[c.path] = c.after; else delete state[c.path];
    }
  }
  return {
    entityType: req.entityType, entityId: req.entityId,
    events: kept.map(({ detail: _detail, ...row }) => toEventRow(row)),
    state, at, unknownBefore: [...unknownBefore], truncated,
  };
}
