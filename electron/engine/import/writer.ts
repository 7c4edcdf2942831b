// Writes prepared events into the case: time-keyed ids, term interning, dedupe by key, raw text,
// FTS rows, rejects, and per-source counts. Owns the import's write statements; one instance per
// import, used from one thread.
import type { CaseDb } from '../db/openCase.ts';
import type { Outcome, TimeFlag } from '../../../shared/model.ts';
import type { PreparedBatch, PreparedEvent } from './prepare.ts';
import type { RawRecord } from './types.ts';
import { IdAllocator } from './idAllocator.ts';

export const TERM_FIELDS = ['system', 'action', 'category', 'status', 'actor', 'actor_type', 'target', 'entity_type', 'entity', 'ip', 'version'] as const;
export type TermField = (typeof TERM_FIELDS)[number];

export const OUTCOME_CODES: Record<Outcome, number> = { unknown: 0, success: 1, failure: 2, warning: 3, in_progress: 4 };
export const TIME_FLAG_CODES: Record<TimeFlag, number> = { ok: 0, no_zone: 1, missing: 2, invalid: 3 };

export interface BatchCounts {
  /** Records with at least one new event. */
  imported: number;
  /** Records all of whose events were already in the case. */
  duplicates: number;
  rejected: number;
  /** Events stored. */
  events: number;
}

export class EventWriter {
  private readonly db: CaseDb;
  private readonly ids: IdAllocator;
  private readonly termIds = new Map<string, number>();
  /** Per-source event counts per term, added to terms.n when the source completes. */
  private termCounts = new Map<number, number>();
  private readonly insertEvent;
  private readonly insertRaw;
  private readonly insertFts;
  private readonly insertReject;
  private readonly upsertTerm;

  constructor(db: CaseDb) {
    this.db = db;
    this.ids = new IdAllocator(db);
    this.insertEvent = db.prepare(`
      INSERT INTO events (id, ts, ts_nanos, ts_text, ts_flag, source_id, record_no, event_index, line, byte_offset,
        system_t, action_t, category_t, status_t, outcome, actor_t, actor_type_t, target_t, entity_type_t, entity_t,
        ip_t, version_t, description, source_event_id, detail, has_changes, dkey)
      VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?, ?, ?,
        ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (dkey) DO NOTHING`);
    this.insertRaw = db.prepare('INSERT INTO raw (id, text, obj) VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), ?, ?)');
    this.insertFts = db.prepare('INSERT INTO fts (rowid, body) VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), ?)');
    this.insertReject = db.prepare('INSERT INTO rejects (source_id, record_no, line, byte_offset, reason, text) VALUES (?, ?, ?, ?, ?, ?)');
    this.upsertTerm = db.prepare(`
      INSERT INTO terms (field, value, label) VALUES (?, ?, ?)
      ON CONFLICT (field, value) DO UPDATE SET label = coalesce(terms.label, excluded.label)
      RETURNING id`);
  }

  /**
   * Writes one batch in one transaction. `recordOf(recordNo)` gives the split record (kept on the
   * writer's side so its text crosses no thread boundary twice).
   */
  writeBatch(sourceId: number, batch: PreparedBatch, recordOf: (recordNo: number) => RawRecord): BatchCounts {
    const counts: BatchCounts = { imported: 0, duplicates: 0, rejected: batch.rejects.length, events: 0 };
    this.db.transaction(() => {
      let currentRecord = -1;
      let recordHasNew = false;
      const closeRecord = () => {
        if (currentRecord < 0) return;
        if (recordHasNew) counts.imported++; else counts.duplicates++;
      };
      for (const p of batch.events) {
        if (p.recordNo !== currentRecord) { closeRecord(); currentRecord = p.recordNo; recordHasNew = false; }
        if (this.writeEvent(sourceId, p, recordOf)) { recordHasNew = true; counts.events++; }
      }
      closeRecord();
      for (const r of batch.rejects) this.insertReject.run(sourceId, r.recordNo, r.line, r.byteOffset, r.reason, r.text);
    })();
    return counts;
  }

  /** Inserts one event; false when an event with the same dedupe key is already stored. */
  private writeEvent(sourceId: number, p: PreparedEvent, recordOf: (recordNo: number) => RawRecord): boolean {
    const ev = p.ev;
    const { sec, seq } = this.ids.next(ev.time.ms);
    const t = (field: TermField, value: string | null | undefined, label?: string | null) => this.term(field, value, label);
    const actorKey = ev.actor.id ?? ev.actor.name;
    const targetKey = ev.target.id ?? ev.target.name;
    const entityKey = ev.entity.id ?? ev.entity.name;
    const termIds = [
      t('system', ev.system), t('action', ev.action), t('category', ev.category), t('status', ev.status),
      t('actor', actorKey, ev.actor.name), t('actor_type', ev.actor.type), t('target', targetKey, ev.target.name),
      t('entity_type', ev.entity.type), t('entity', entityKey, ev.entity.name), t('ip', ev.actor.ip), t('version', ev.version),
    ];
    const info = this.insertEvent.run(
      sec, seq, ev.time.ms, ev.time.subMsNanos ?? null, ev.time.text, TIME_FLAG_CODES[ev.time.flag],
      sourceId, p.recordNo, p.eventIndex, p.line, p.byteOffset,
      termIds[0], termIds[1], termIds[2], termIds[3], OUTCOME_CODES[ev.outcome], termIds[4], termIds[5], termIds[6],
      termIds[7], termIds[8], termIds[9], termIds[10],
      ev.description, ev.sourceEventId, p.detail, ev.changes.length > 0 ? 1 : 0, p.dkey,
    );
    if (info.changes === 0) { this.ids.release(sec, seq); return false; }
    const rec = recordOf(p.recordNo);
    this.insertRaw.run(sec, seq, rec.text, rec.value ? JSON.stringify(rec.value) : null);
    this.insertFts.run(sec, seq, p.body);
    for (const id of termIds) if (id !== null) this.termCounts.set(id, (this.termCounts.get(id) ?? 0) + 1);
    return true;
  }

  private term(field: TermField, value: string | null | undefined, label?: string | null): number | null {
    if (value === null || value === undefined || value === '') return null;
    const cacheKey = `${field}\u0000${value}`;
    let id = this.termIds.get(cacheKey);
    if (id === undefined) {
      const shownLabel = label && label !== value ? label : null;
      id = (this.upsertTerm.get(field, value, shownLabel) as { id: number }).id;
      this.termIds.set(cacheKey, id);
    }
    return id;
  }

  /** Folds this source's term counts into the whole-case facet counts (call inside the completing transaction). */
  commitTermCounts(): void {
    const add = this.db.prepare('UPDATE terms SET n = n + ? WHERE id = ?');
    for (const [id, n] of this.termCounts) add.run(n, id);
    this.termCounts = new Map();
  }

  discardTermCounts(): void {
    this.termCounts = new Map();
  }
}
