// The SELECT list that turns events rows (alias `ev`) into EventRow / EventDetail objects, with term
// labels resolved. Ids leave SQLite as text (they exceed 2^53).
import type { EventRow } from '../../../shared/contract.ts';
import type { Outcome, TimeFlag } from '../../../shared/model.ts';

const OUTCOMES: Outcome[] = ['unknown', 'success', 'failure', 'warning', 'in_progress'];
const TIME_FLAGS: TimeFlag[] = ['ok', 'no_zone', 'missing', 'invalid'];

const label = (col: string) => `(SELECT coalesce(label, value) FROM terms WHERE id = ev.${col})`;
const value = (col: string) => `(SELECT value FROM terms WHERE id = ev.${col})`;

export const ROW_COLUMNS = `
  CAST(ev.id AS TEXT) AS id, ev.ts AS time, ev.ts_text AS timeText, ev.ts_flag AS timeFlag,
  ${value('system_t')} AS system, ${value('action_t')} AS action, ${value('category_t')} AS category,
  ${value('status_t')} AS status, ev.outcome AS outcome, ${label('actor_t')} AS actor, ${value('actor_t')} AS actorId,
  ${label('target_t')} AS target, ${value('entity_type_t')} AS entityType, ${label('entity_t')} AS entity,
  ev.description AS description, (SELECT path FROM sources WHERE id = ev.source_id) AS source, ev.record_no AS recordNo,
  ev.has_changes AS hasChanges`;

export type RowRecord = Omit<EventRow, 'outcome' | 'timeFlag' | 'hasChanges'> & { outcome: number; timeFlag: number; hasChanges: number };

export function toEventRow(r: RowRecord): EventRow {
  return { ...r, outcome: OUTCOMES[r.outcome] ?? 'unknown', timeFlag: TIME_FLAGS[r.timeFlag] ?? 'ok', hasChanges: r.hasChanges === 1 };
}
