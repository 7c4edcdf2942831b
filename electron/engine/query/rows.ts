// The SELECT list that turns events rows (alias `ev`) into EventRow / EventDetail objects, with term
// labels resolved. Ids leave SQLite as text (they exceed 2^53). The term columns are declared once
// (TERM_COLUMNS): pages resolve them in SQL, the export in memory (export/termLabels.ts).
import type { EventRow } from '../../../shared/contract.ts';
import type { Outcome, TimeFlag } from '../../../shared/model.ts';

const OUTCOMES: Outcome[] = ['unknown', 'success', 'failure', 'warning', 'in_progress'];
const TIME_FLAGS: TimeFlag[] = ['ok', 'no_zone', 'missing', 'invalid'];

/** A term id column of events, the `terms.field` it points into, and what a row shows of the term (`label`: its label, else its value). */
export interface TermColumn { col: string; field: string; shows: ReadonlyArray<readonly [name: string, kind: 'value' | 'label']> }

/** The term columns of a grid row. */
export const TERM_COLUMNS: readonly TermColumn[] = [
  { col: 'system_t', field: 'system', shows: [['system', 'value']] },
  { col: 'action_t', field: 'action', shows: [['action', 'value']] },
  { col: 'category_t', field: 'category', shows: [['category', 'value']] },
  { col: 'status_t', field: 'status', shows: [['status', 'value']] },
  { col: 'actor_t', field: 'actor', shows: [['actor', 'label'], ['actorId', 'value']] },
  { col: 'target_t', field: 'target', shows: [['target', 'label']] },
  { col: 'entity_type_t', field: 'entity_type', shows: [['entityType', 'value']] },
  { col: 'entity_t', field: 'entity', shows: [['entity', 'label']] },
];

/** `(SELECT … FROM terms …) AS name` for each thing a row shows of a term column. */
export function termSubqueries(t: TermColumn): string[] {
  return t.shows.map(([name, kind]) => `(SELECT ${kind === 'label' ? 'coalesce(label, value)' : 'value'} FROM terms WHERE id = ev.${t.col}) AS ${name}`);
}

/** The row's own columns, without its term labels and source path. */
export const ROW_PLAIN_COLUMNS = `CAST(ev.id AS TEXT) AS id, ev.ts AS time, ev.ts_text AS timeText, ev.ts_flag AS timeFlag,
  ev.outcome AS outcome, ev.description AS description, ev.record_no AS recordNo, ev.has_changes AS hasChanges`;

export const ROW_COLUMNS = `
  ${ROW_PLAIN_COLUMNS},
  ${TERM_COLUMNS.flatMap(termSubqueries).join(',\n  ')},
  (SELECT path FROM sources WHERE id = ev.source_id) AS source`;

export type RowRecord = Omit<EventRow, 'outcome' | 'timeFlag' | 'hasChanges'> & { outcome: number; timeFlag: number; hasChanges: number };

export function toEventRow(r: RowRecord): EventRow {
  return { ...r, outcome: OUTCOMES[r.outcome] ?? 'unknown', timeFlag: TIME_FLAGS[r.timeFlag] ?? 'ok', hasChanges: r.hasChanges === 1 };
}
