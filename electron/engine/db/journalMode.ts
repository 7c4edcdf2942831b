// Owns the case file's journal mode: WAL while anything has the case open for writing (readers
// never wait for the writer), a plain rollback-journal file once the last writer has closed it.
// A WAL case can only be read where SQLite can create `<case>-shm` beside it, so a case left in
// WAL mode cannot be opened on read-only media (a write-blocked evidence drive, a read-only share);
// a rollback-journal case opens read-only anywhere. Every connection that can write a case closes
// through closeCase, so this rule lives here and nowhere else; openCase puts WAL back whenever a
// connection opens the case to write.
import type { CaseDb } from './openCase.ts';

export type JournalMode = 'wal' | 'delete' | 'off';

/** Puts a writing connection in WAL mode (waits out other connections' locks with its busy timeout). */
export function useWal(db: CaseDb): void {
  if (db.pragma('journal_mode', { simple: true }) === 'wal') return;
  if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('could not put the case in WAL mode');
}

/**
 * Switches the journal mode without waiting: leaving WAL needs the only connection to the case,
 * and whoever else has it open is the one who will close it last. True when the mode is `mode`.
 */
export function trySwitchJournal(db: CaseDb, mode: JournalMode): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return db.pragma(`journal_mode = ${mode}`, { simple: true }) === mode;
  } catch (e) {
    if (String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY')) return false;
    throw e;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

export interface CloseCaseOptions {
  /**
   * Leave the case in WAL mode: the caller has other connections to it opening next (the case
   * service's readers), and settles the mode itself when it lets the case go.
   */
  keepWal?: boolean;
}

/**
 * Closes a connection to a case. The last connection leaves the case in rollback-journal mode (its
 * WAL checkpointed into the file and removed); when another connection still has the case open the
 * switch is refused at once and the case stays WAL, for that one to settle. Never throws for the
 * switch: any failure there (a full disk during the final checkpoint) leaves the case in WAL mode,
 * which is safe — its committed pages stay in `<case>-wal`.
 */
export function closeCase(db: CaseDb, opts: CloseCaseOptions = {}): void {
  if (!db.open) return;
  try {
    // Inside a transaction (a failure on the way out) SQLite refuses the switch anyway.
    if (!opts.keepWal && !db.readonly && !db.memory && !db.inTransaction && db.pragma('journal_mode', { simple: true }) === 'wal') {
      trySwitchJournal(db, 'delete');
    }
  } catch {
    // Stays WAL (see above).
  } finally {
    db.close();
  }
}
