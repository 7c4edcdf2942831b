// The sources table: creating a source row when its import starts, completing it atomically with
// its counts, and removing the partial data of an import that was cancelled, failed or killed.
import type { CaseDb } from '../db/openCase.ts';
import { MINUTE_OF_ID } from '../db/migrations/0002-minute-counts.ts';
import { SOURCE_SPAN } from '../db/rawBlocks.ts';

export const PARSER_VERSION = '1';

export interface NewSource {
  importId: string;
  parentId: number | null;
  path: string;
  container: string;
  size: number | null;
  fileSha256: string | null;
}

export interface SourceCounts {
  records: number;
  imported: number;
  duplicates: number;
  rejected: number;
  events: number;
}

const now = () => new Date().toISOString();

export function createSource(db: CaseDb, s: NewSource): number {
  const info = db.prepare(`
    INSERT INTO sources (parent_id, import_id, path, container, size, file_sha256, parser_version, status, pid, started_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, 'importing', ?, ?)`).run(s.parentId, s.importId, s.path, s.container, s.size, s.fileSha256, PARSER_VERSION, process.pid, now());
  return Number(info.lastInsertRowid);
}

export function describeSource(db: CaseDb, id: number, d: { kind: string; encoding: string; wrapperKey: string | null; format: string }): void {
  db.prepare('UPDATE sources SET kind = ?, encoding = ?, wrapper_key = ?, format = ? WHERE id = ?').run(d.kind, d.encoding, d.wrapperKey, d.format, id);
}

/** `fileSha256` is set when the stored-file hash was taken while reading (see hasCompleteFileOfSize). */
export function completeSource(db: CaseDb, id: number, sha256: string | null, c: SourceCounts, message: string | null = null, fileSha256: string | null = null): void {
  db.prepare(`
    UPDATE sources SET status = 'complete', sha256 = coalesce(?, sha256), file_sha256 = coalesce(?, file_sha256), records = ?, imported = ?,
      duplicates = ?, rejected = ?, events = ?, message = ?, pid = NULL, finished_at = ? WHERE id = ?`)
    .run(sha256, fileSha256, c.records, c.imported, c.duplicates, c.rejected, c.events, message, now(), id);
  // The whole-case timeline's counts (migration 2), in the same transaction that makes the source visible.
  db.prepare(`INSERT INTO minute_counts (source_id, minute, n) SELECT source_id, ${MINUTE_OF_ID}, count(*) FROM events WHERE source_id = ? GROUP BY 1, 2`).run(id);
}

/**
 * Whether a complete plain file of this size is in the case. Identical bytes have the same size (and
 * the same container kind), so when none has, a plain file cannot be a re-import and its hash can be
 * taken while it is read instead of in a separate pass over the file first.
 */
export function hasCompleteFileOfSize(db: CaseDb, size: number): boolean {
  return db.prepare("SELECT 1 FROM sources WHERE container = 'file' AND size = ? AND status = 'complete' LIMIT 1").get(size) !== undefined;
}

/** A complete source (file or zip) with the same stored-file hash, if the file was imported before. */
export function findImportedFile(db: CaseDb, fileSha256: string): { id: number; path: string } | undefined {
  return db.prepare("SELECT id, path FROM sources WHERE file_sha256 = ? AND status = 'complete' ORDER BY id LIMIT 1")
    .get(fileSha256) as { id: number; path: string } | undefined;
}

/** Removes a source and everything it wrote (events, facts, raw record blocks, FTS rows, rejects, member sources at any depth). */
export function deleteSource(db: CaseDb, id: number): void {
  db.transaction(() => {
    const descendants = db.prepare(`WITH RECURSIVE d(id) AS (SELECT id FROM sources WHERE parent_id = ?
      UNION ALL SELECT s.id FROM sources s JOIN d ON s.parent_id = d.id) SELECT id FROM d`).pluck().all(id) as number[];
    for (const child of descendants.reverse()) deleteSourceRows(db, child);
    deleteSourceRows(db, id);
  })();
}

function deleteSourceRows(db: CaseDb, id: number): void {
  db.prepare('DELETE FROM fts WHERE rowid IN (SELECT id FROM events WHERE source_id = ?)').run(id);
  db.prepare(`DELETE FROM raw_blocks WHERE id >= ? * ${SOURCE_SPAN} AND id < (? + 1) * ${SOURCE_SPAN}`).run(id, id);
  db.prepare('DELETE FROM facts WHERE id IN (SELECT id FROM events WHERE source_id = ?)').run(id);
  db.prepare('DELETE FROM events WHERE source_id = ?').run(id);
  db.prepare('DELETE FROM rejects WHERE source_id = ?').run(id);
  db.prepare('DELETE FROM minute_counts WHERE source_id = ?').run(id);
  db.prepare('DELETE FROM sources WHERE id = ?').run(id);
}

/** Source ids being imported by this process right now (their 'importing' rows are not stale). */
export const activeSources = new Set<number>();

/**
 * Removes sources left in 'importing' by an import that no longer runs (the process was killed or
 * crashed), so the case shows no half-imported source and the same import can simply run again.
 * Returns the paths that were rolled back.
 */
export function recoverInterruptedImports(db: CaseDb): string[] {
  const rows = db.prepare("SELECT id, path, pid FROM sources WHERE status = 'importing'").all() as { id: number; path: string; pid: number | null }[];
  const stale = rows.filter((r) => r.pid === null || (r.pid === process.pid ? !activeSources.has(r.id) : !processAlive(r.pid)));
  for (const r of stale) deleteSource(db, r.id);
  return stale.map((r) => r.path);
}

/** Whether a process with this id runs (EPERM: it does, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
