// Bulk-load mode for the first import into an empty case: no journal, no syncs, an exclusive lock —
// every page is written once, not to the WAL and then again by a checkpoint (docs/PERFORMANCE.md).
// Without a journal a killed import can leave the file damaged, so a marker file beside the case
// (`<case>-bulk`, holding the importer's pid) says "this case was empty before this import": when
// its process is gone, openCase recreates the case empty — exactly what it held — and the import
// can simply run again. At the end the case returns to WAL and is synced to disk before the
// marker goes (closing the connection then settles the mode: journalMode.ts). Any case with
// content, or one another connection has open, imports in WAL mode.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { CaseDb } from './openCase.ts';
import { trySwitchJournal, useWal } from './journalMode.ts';
import { AppError } from '../../../shared/errors.ts';

export const bulkMarkerPath = (casePath: string) => `${casePath}-bulk`;

/**
 * The pid in a case's bulk-load marker; 0 when the marker says the load was abandoned (or cannot be
 * read); null when there is no marker.
 */
export function bulkMarkerPid(casePath: string): number | null {
  try {
    const pid = Number(readFileSync(bulkMarkerPath(casePath), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : 0;
  } catch {
    return existsSync(bulkMarkerPath(casePath)) ? 0 : null;
  }
}

/**
 * Before a case is opened: when a bulk load into it was interrupted (marker left, its process gone),
 * keeps the case if that load had finished every source and the file checks out (it died while
 * leaving bulk mode), else — the case was empty before it — recreates it empty by removing the
 * file. Read-only, it cannot remove anything: it then says what happened.
 */
export function recoverBulkLoad(casePath: string, readonly: boolean): void {
  const pid = bulkMarkerPid(casePath);
  if (pid === null || (pid > 0 && processAlive(pid))) return;
  if (finishedAndSound(casePath)) {
    if (!readonly) rmSync(bulkMarkerPath(casePath), { force: true });
    return;
  }
  if (readonly) {
    throw new AppError('case_corrupt', `The first import into the case ${casePath} was interrupted before it finished. Run the import again: the case held nothing before it.`);
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(casePath + suffix, { force: true });
  rmSync(bulkMarkerPath(casePath), { force: true });
}

function finishedAndSound(casePath: string): boolean {
  if (!existsSync(casePath)) return false;
  let db: Database.Database | null = null;
  try {
    db = new Database(casePath, { readonly: true, fileMustExist: true });
    if (db.pragma('quick_check', { simple: true }) !== 'ok') return false;
    return db.prepare("SELECT NOT EXISTS (SELECT 1 FROM sources WHERE status = 'importing')").pluck().get() === 1;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class BulkLoad {
  private readonly db: CaseDb;
  private readonly marker: string;
  private abandoned = false;

  private constructor(db: CaseDb) {
    this.db = db;
    this.marker = bulkMarkerPath(db.name);
  }

  /** Enters bulk-load mode when the case is empty and no other connection has it open; else null. */
  static enter(db: CaseDb): BulkLoad | null {
    if (db.memory || db.name === '' || db.inTransaction || !isEmptyCase(db)) return null;
    const bulk = new BulkLoad(db);
    writeFileSync(bulk.marker, `${process.pid}\n`);
    try {
      // better-sqlite3 opens connections in SQLite's defensive mode, which refuses journal_mode=OFF.
      db.unsafeMode(true);
      // Leaving WAL needs the only connection: with a reader open (the app's query workers) it is
      // refused at once, and the import runs in WAL mode.
      if (!trySwitchJournal(db, 'off')) {
        bulk.leave();
        rmSync(bulk.marker, { force: true });
        return null;
      }
      db.pragma('synchronous = OFF');
      db.pragma('locking_mode = EXCLUSIVE');
      return bulk;
    } catch (e) {
      bulk.leave();
      rmSync(bulk.marker, { force: true });
      throw e;
    }
  }

  /**
   * Lets another connection of this process write (SideFtsBuild.adopt) while `fn` runs: the
   * exclusive lock is dropped (it goes at the next access), then taken again.
   */
  shareWhile<T>(fn: () => T): T {
    this.db.pragma('locking_mode = NORMAL');
    this.db.prepare('SELECT count(*) FROM sqlite_schema').get();
    try {
      return fn();
    } finally {
      this.db.pragma('locking_mode = EXCLUSIVE');
    }
  }

  /**
   * After an SQLite failure in bulk mode: without a journal nothing can be rolled back, so the
   * marker is told to let the next open recreate the (formerly empty) case, whoever opens it.
   */
  abandon(): void {
    this.abandoned = true;
    writeFileSync(this.marker, 'abandoned\n');
  }

  /** Back to WAL and durable on disk, then the marker goes: the case is an ordinary case again. */
  exit(): void {
    if (this.abandoned) {
      try { this.db.pragma('locking_mode = NORMAL'); this.db.unsafeMode(false); } catch { /* the file is given up */ }
      return;
    }
    this.leave();
    // Everything was written without syncs: flush it before the marker stops covering it.
    const fd = openSync(this.db.name, 'r+');
    try { fsyncSync(fd); } finally { closeSync(fd); }
    rmSync(this.marker, { force: true });
  }

  private leave(): void {
    try {
      this.db.pragma('locking_mode = NORMAL');
      // The connection may go on writing (the caller closes it with closeCase, which settles the mode).
      useWal(this.db);
      this.db.pragma('synchronous = NORMAL');
    } finally {
      this.db.unsafeMode(false);
    }
  }
}

/**
 * Empty: no row in any table but the term dictionary (terms without events are harmless to lose)
 * and the full-text index's own tables (it must be empty too).
 */
function isEmptyCase(db: CaseDb): boolean {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'fts%' AND name != 'terms'").pluck().all() as string[];
  for (const t of tables) if (db.prepare(`SELECT EXISTS (SELECT 1 FROM "${t.replace(/"/g, '""')}")`).pluck().get() === 1) return false;
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM fts_docsize) AND NOT EXISTS (SELECT 1 FROM fts_idx)').pluck().get() === 1;
}
