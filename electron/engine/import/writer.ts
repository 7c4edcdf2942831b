// Writes prepared events into the case: time-keyed ids, term interning, dedupe by key, the narrow
// facts row, raw record blocks, FTS rows, rejects, and per-source counts. Owns the import's write statements; one instance per
// import, used from one thread.
import type { CaseDb } from '../db/openCase.ts';
import type { PreparedBatch } from './prepare.ts';
import { BYTE_FIELDS, BYTES, NUM, NUM_FIELDS, STR, STR_FIELDS, TERM_SLOTS } from './prepare.ts';
import { IdAllocator } from './idAllocator.ts';
import type { SideRows } from '../db/ftsSideBuild.ts';
import { blockInserter } from '../db/rawBlocks.ts';

export const TERM_FIELDS = ['system', 'action', 'category', 'status', 'actor', 'actor_type', 'target', 'entity_type', 'entity', 'ip', 'version'] as const;
export type TermField = (typeof TERM_FIELDS)[number];

export { OUTCOME_CODES, TIME_FLAG_CODES } from './prepare.ts';

/** Remembered term ids per field; past it the field's cache starts over (lookups then use the index). */
const MAX_CACHED_TERMS = 100_000;
/** Events per transaction (docs/PERFORMANCE.md). */
const COMMIT_EVERY = 10_000;

export interface BatchCounts {
  /** Records with at least one new event. */
  imported: number;
  /** Records all of whose events were already in the case. */
  duplicates: number;
  rejected: number;
  /** Events stored. */
  events: number;
  /** With FTS on the side: the rows still to index (the batch's buffers, to transfer). */
  side?: SideRows;
}

export class EventWriter {
  private readonly db: CaseDb;
  private readonly ids: IdAllocator;
  /** Term id by value, one map per field (TERM_FIELDS order). */
  private readonly termIds: Map<string, number>[] = TERM_FIELDS.map(() => new Map());
  /** Per-source event counts by term id, added to terms.n when the source completes. */
  private termCounts = new Float64Array(1024);
  /** Term ids of the event being written (reused). */
  private readonly t: (number | null)[] = TERM_FIELDS.map(() => null);
  private uncommitted = 0;
  /** Set while the case is written without a journal (BulkLoad): abort() then commits. */
  noJournal = false;
  private readonly insertEvent;
  private readonly insertFact;
  private readonly insertBlocks;
  private readonly insertFts;
  private readonly insertReject;
  private readonly findTerm;
  private readonly insertTerm;
  private readonly labelTerm;

  constructor(db: CaseDb) {
    this.db = db;
    this.ids = new IdAllocator(db);
    this.insertEvent = db.prepare(`
      INSERT INTO events (id, ts, ts_nanos, ts_text, ts_flag, source_id, record_no, event_index, line, byte_offset,
        system_t, action_t, category_t, status_t, outcome, actor_t, actor_type_t, target_t, entity_type_t, entity_t,
        ip_t, version_t, description, source_event_id, detail, has_changes, dkey)
      VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?, ?, ?,
        ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?, ?)
      ON CONFLICT (dkey) DO NOTHING`);
    // The event's filter columns again, in the narrow table queries scan (migration 3).
    this.insertFact = db.prepare(`
      INSERT INTO facts (id, ts, source_id, outcome, system_t, action_t, category_t, status_t, actor_t, actor_type_t, target_t,
        entity_type_t, entity_t, ip_t, version_t)
      VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Texts arrive as UTF-8 bytes (prepare.ts); CAST makes them TEXT without any conversion.
    this.insertBlocks = blockInserter(db);
    this.insertFts = db.prepare('INSERT INTO fts (rowid, body) VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), CAST(? AS TEXT))');
    this.insertReject = db.prepare('INSERT INTO rejects (source_id, record_no, line, byte_offset, reason, text) VALUES (?, ?, ?, ?, ?, ?)');
    // Plain statements, not an UPSERT … RETURNING: a statement that needs a statement journal opens a
    // savepoint, and FTS5 flushes its pending terms into a new segment at every savepoint — one tiny
    // segment per new term, then merges (docs/PERFORMANCE.md).
    this.findTerm = db.prepare('SELECT id, label IS NULL AS noLabel FROM terms WHERE field = ? AND value = ?');
    this.insertTerm = db.prepare('INSERT INTO terms (field, value, label) VALUES (?, ?, ?)');
    this.labelTerm = db.prepare('UPDATE terms SET label = ? WHERE id = ? AND label IS NULL');
  }

  /**
   * Writes one batch. Batches are grouped into transactions of about COMMIT_EVERY events: each
   * commit flushes FTS5's pending terms into a new segment, and fewer, bigger segments mean less
   * merging later. `commit()` ends the open transaction (before a source completes); `abort()`
   * rolls it back. A failure inside a batch rolls back the whole open transaction.
   */
  writeBatch(sourceId: number, batch: PreparedBatch, fts: 'inline' | 'side' = 'inline'): BatchCounts {
    if (!this.db.inTransaction) this.db.exec('BEGIN');
    try {
      const counts = this.writeRows(sourceId, batch, fts);
      this.uncommitted += batch.count;
      if (this.uncommitted >= COMMIT_EVERY) this.commit();
      return counts;
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** Commits the open transaction, if any. */
  commit(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.uncommitted = 0;
  }

  /**
   * Rolls back the open transaction, if any. Term ids handed out since the last commit may be gone
   * with it, so the term cache starts over.
   */
  abort(): void {
    // Without a journal (bulk load) there is no rollback: keep the rows, the caller deletes the source.
    if (this.db.inTransaction) this.db.exec(this.noJournal ? 'COMMIT' : 'ROLLBACK');
    this.uncommitted = 0;
    for (const m of this.termIds) m.clear();
    this.discardTermCounts();
  }

  private writeRows(sourceId: number, batch: PreparedBatch, fts: 'inline' | 'side'): BatchCounts {
    const counts: BatchCounts = { imported: 0, duplicates: 0, rejected: batch.rejects.length, events: 0 };
    const n = batch.count;
    const side = fts === 'side' ? new Float64Array(n * 4) : null;
    const { nums, strs, ends } = batch;
    // One Buffer over the batch's bytes; each text is bound as a view of it (no copy, no conversion).
    const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    const range = (i: number, k: number) => {
      const e = i * BYTE_FIELDS + k;
      return bytes.subarray(e === 0 ? 0 : ends[e - 1]!, ends[e]!);
    };
    const t = this.t;
    // The batch's distinct terms → case term ids, once per batch rather than per event.
    const termIds = batch.termValues.map((v, i) => this.term(batch.termSlots[i]!, v, batch.termLabels[i]));

    // Ids in file order (a second's sequence follows the file), rows written in id order: files are
    // only roughly sorted (CloudTrail delivers some events minutes late), and a row that goes before
    // the last one makes FTS5 flush its pending terms into a new tiny segment and B-trees split pages.
    const secs = new Float64Array(n);
    const seqs = new Float64Array(n);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const { sec, seq } = this.ids.next(nullIfNaN(nums[i * NUM_FIELDS + NUM.ms]!));
      secs[i] = sec; seqs[i] = seq; order[i] = i;
    }
    order.sort((a, b) => secs[a]! - secs[b]! || seqs[a]! - seqs[b]!);

    const stored = new Uint8Array(n);
    for (const i of order) {
      const o = i * NUM_FIELDS;
      const s = i * STR_FIELDS;
      const sec = secs[i]!;
      const seq = seqs[i]!;
      for (let k = 0; k < TERM_SLOTS; k++) {
        const j = nums[o + NUM.terms + k]!;
        t[k] = j < 0 ? null : termIds[j]!;
      }
      const info = this.insertEvent.run(
        sec, seq, nullIfNaN(nums[o + NUM.ms]!), nullIfNaN(nums[o + NUM.nanos]!), strs[s + STR.timeText], nums[o + NUM.timeFlag], sourceId,
        nums[o + NUM.recordNo], nums[o + NUM.eventIndex], nums[o + NUM.line], nums[o + NUM.byteOffset],
        t[0], t[1], t[2], t[3], nums[o + NUM.outcome], t[4], t[5], t[6], t[7], t[8], t[9], t[10],
        strs[s + STR.description], strs[s + STR.sourceEventId], range(i, BYTES.detail), nums[o + NUM.hasChanges], range(i, BYTES.dkey),
      );
      if (info.changes === 0) continue; // a duplicate: its id stays unused
      this.insertFact.run(sec, seq, nullIfNaN(nums[o + NUM.ms]!), sourceId, nums[o + NUM.outcome], t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10]);
      if (side) {
        // The body's byte range, for the side index (SideFtsBuild) to insert under the same rowid.
        const r = counts.events * 4;
        const e = i * BYTE_FIELDS + BYTES.body;
        side[r] = sec; side[r + 1] = seq; side[r + 2] = e === 0 ? 0 : ends[e - 1]!; side[r + 3] = ends[e]!;
      } else this.insertFts.run(sec, seq, range(i, BYTES.body));
      for (const id of t) if (id !== null) this.countTerm(id);
      stored[i] = 1;
      counts.events++;
    }

    this.ids.settle(); // every id of the batch is in the table (or unused, for duplicates)

    // Record-level counts, in file order: a record is imported when any of its events was stored.
    let currentRecord = -1;
    let recordHasNew = false;
    for (let i = 0; i < n; i++) {
      const recordNo = nums[i * NUM_FIELDS + NUM.recordNo]!;
      if (recordNo !== currentRecord) {
        if (currentRecord >= 0) { if (recordHasNew) counts.imported++; else counts.duplicates++; }
        currentRecord = recordNo;
        recordHasNew = false;
      }
      if (stored[i]) recordHasNew = true;
    }
    if (currentRecord >= 0) { if (recordHasNew) counts.imported++; else counts.duplicates++; }
    this.writeBlocks(sourceId, batch, stored);
    for (const r of batch.rejects) this.insertReject.run(sourceId, r.recordNo, r.line, r.byteOffset, r.reason, r.text);
    if (side) counts.side = { count: counts.events, rows: side, bytes: batch.bytes };
    return counts;
  }

  /**
   * The batch's raw record blocks that hold a record with a stored event (a block of duplicates
   * only is left out). Events follow their records' order, and so do the blocks.
   */
  private writeBlocks(sourceId: number, batch: PreparedBatch, stored: Uint8Array): void {
    const { firsts } = batch.blocks;
    const { nums } = batch;
    const keep = new Uint8Array(firsts.length);
    let b = 0;
    for (let i = 0; i < batch.count; i++) {
      if (!stored[i]) continue;
      const recordNo = nums[i * NUM_FIELDS + NUM.recordNo]!;
      while (b + 1 < firsts.length && firsts[b + 1]! <= recordNo) b++;
      keep[b] = 1;
    }
    this.insertBlocks(sourceId, batch.blocks, keep);
  }

  private term(slot: number, value: string | null | undefined, label: string | null | undefined): number | null {
    if (value === null || value === undefined || value === '') return null;
    const ids = this.termIds[slot]!;
    let id = ids.get(value);
    if (id === undefined) {
      const field = TERM_FIELDS[slot]!;
      const shownLabel = label ?? null;
      const row = this.findTerm.get(field, value) as { id: number; noLabel: number } | undefined;
      if (row) {
        id = row.id;
        if (row.noLabel && shownLabel !== null) this.labelTerm.run(shownLabel, id);
      } else {
        id = Number(this.insertTerm.run(field, value, shownLabel).lastInsertRowid);
      }
      // Bounded: values unique to each event (object keys, request ids…) must not grow it forever.
      if (ids.size >= MAX_CACHED_TERMS) ids.clear();
      ids.set(value, id);
    }
    return id;
  }

  private countTerm(id: number): void {
    if (id >= this.termCounts.length) {
      const grown = new Float64Array(Math.max(id + 1, this.termCounts.length * 2));
      grown.set(this.termCounts);
      this.termCounts = grown;
    }
    this.termCounts[id]!++;
  }

  /**
   * Folds this source's term counts into the whole-case facet counts (call inside the completing
   * transaction, which may be another connection's: SideFtsBuild.adopt).
   */
  commitTermCounts(db: CaseDb = this.db): void {
    const add = db.prepare('UPDATE terms SET n = n + ? WHERE id = ?');
    const counts = this.termCounts;
    for (let id = 0; id < counts.length; id++) if (counts[id]! > 0) add.run(counts[id], id);
    this.discardTermCounts();
  }

  discardTermCounts(): void {
    this.termCounts = new Float64Array(1024);
  }
}

function nullIfNaN(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}
