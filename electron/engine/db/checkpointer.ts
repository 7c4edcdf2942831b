// Checkpoints the case's write-ahead log from another thread while a big import writes, so the
// writer's thread spends its time inserting rather than copying committed pages from the WAL into
// the database file (about a seventh of its time at 1M events: docs/PERFORMANCE.md). The writer's
// automatic checkpoints are off meanwhile; WAL semantics (crash safety, readers) are unchanged.
import { Worker } from 'node:worker_threads';
import { statSync } from 'node:fs';
import type { CaseDb } from './openCase.ts';

/** Past this size the writer restarts the WAL itself (its pages are mostly checkpointed by then). */
const WAL_RESTART_BYTES = 256 * 1024 * 1024;
/** Commits between two looks at the WAL size. */
const CHECK_EVERY = 8;
const DEFAULT_AUTOCHECKPOINT = 1000;
/** A checkpoint in progress finishes first; past this the thread is terminated. */
const STOP_TIMEOUT_MS = 10_000;

export class BackgroundCheckpointer {
  private readonly db: CaseDb;
  private readonly walPath: string;
  private worker: Worker | null;
  private commits = 0;
  private readonly autocheckpoint: number;

  private constructor(db: CaseDb, worker: Worker) {
    this.db = db;
    this.walPath = `${db.name}-wal`;
    this.worker = worker;
    this.autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    worker.on('error', () => this.fallBack());
    worker.on('exit', () => this.fallBack());
    db.pragma('wal_autocheckpoint = 0');
  }

  /** A checkpointer for a file-backed case in WAL mode, or null (in-memory, or not WAL). */
  static start(db: CaseDb): BackgroundCheckpointer | null {
    if (db.memory || db.readonly || db.name === '' || (db.pragma('journal_mode', { simple: true }) as string) !== 'wal') return null;
    try {
      return new BackgroundCheckpointer(db, new Worker(new URL('./checkpointWorker.ts', import.meta.url), { workerData: { path: db.name } }));
    } catch {
      return null;
    }
  }

  /** Call after each commit of the writer: bounds the WAL when the background thread falls behind. */
  afterCommit(): void {
    if (++this.commits % CHECK_EVERY !== 0 || this.worker === null) return;
    let size = 0;
    try { size = statSync(this.walPath).size; } catch { return; }
    // Pages already copied by the background thread make this cheap; RESTART lets the next commit
    // write the WAL from its start again instead of growing it.
    if (size > WAL_RESTART_BYTES) this.db.pragma('wal_checkpoint(RESTART)');
  }

  /** Stops the thread (it closes its connection first) and gives the writer its automatic checkpoints back. */
  async stop(): Promise<void> {
    const w = this.worker;
    this.fallBack();
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage('stop');
    const timer = setTimeout(() => void w.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private fallBack(): void {
    if (this.worker === null) return;
    this.worker = null;
    try { this.db.pragma(`wal_autocheckpoint = ${this.autocheckpoint > 0 ? this.autocheckpoint : DEFAULT_AUTOCHECKPOINT}`); } catch { /* the connection is closing */ }
  }
}
