// Builds a source's full-text index on another thread, in a side database file, while the writer
// stores the events; the case then adopts the finished index in the transaction that completes the
// source. Only when the case's index is empty (the first import into a new case, the big one):
// an FTS5 index is its shadow tables (fts_data, fts_idx, fts_docsize), so an index built apart
// with the same definition and configuration is taken over by copying their rows. It moves FTS
// tokenizing, segment writing and merging — ~40% of the writer's time — to the other core
// (docs/PERFORMANCE.md). Any other case indexes inline, in the writer.
import { Worker } from 'node:worker_threads';
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { CaseDb } from './openCase.ts';
import { closeCase } from './journalMode.ts';

/** Batches sent but not yet indexed before the writer waits (bounds the memory they hold). */
const MAX_PENDING = 4;

/** Rows of one batch for the side index: rowid halves and body byte ranges into `bytes`. */
export interface SideRows {
  count: number;
  /** sec, seq, body start, body end — four numbers per row. */
  rows: Float64Array;
  bytes: Uint8Array;
}

export class SideFtsBuild {
  readonly path: string;
  private readonly worker: Worker;
  private pending = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private done: Promise<void>;

  private constructor(path: string, fts: { sql: string; config: [string, unknown][] }) {
    this.path = path;
    this.worker = new Worker(new URL('./ftsSideWorker.ts', import.meta.url), { workerData: { path, ...fts } });
    this.done = new Promise((resolve) => {
      this.worker.on('message', (m: { ack?: true; finished?: true; error?: string }) => {
        if (m.error) this.fail(new Error(`building the full-text index failed: ${m.error}`));
        if (m.ack) this.pending--;
        if (m.finished) resolve();
        this.wake?.();
      });
      this.worker.on('error', (e) => { this.fail(e); resolve(); });
      this.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`the full-text index thread exited with code ${code}`));
        resolve();
      });
    });
  }

  /**
   * A side build for a source when the case's full-text index is empty (and the case a WAL file),
   * else null: then the writer indexes inline.
   */
  static startIfEmpty(db: CaseDb): SideFtsBuild | null {
    if (db.memory || db.name === '') return null;
    const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM fts_docsize) AND NOT EXISTS (SELECT 1 FROM fts_idx)').pluck().get() === 1;
    if (!empty) return null;
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'fts'").pluck().get() as string;
    const config = db.prepare("SELECT k, v FROM fts_config WHERE k != 'version'").raw().all() as [string, unknown][];
    const path = `${db.name}-fts-${process.pid}-${Date.now()}.tmp`;
    return new SideFtsBuild(path, { sql, config });
  }

  /** Removes side files left by killed imports (their process is gone). */
  static removeStale(casePath: string, alive: (pid: number) => boolean): void {
    const prefix = `${basename(casePath)}-fts-`;
    let names: string[] = [];
    try { names = readdirSync(dirname(casePath)); } catch { return; }
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
      const pid = Number(name.slice(prefix.length).split('-')[0]);
      if (Number.isInteger(pid) && !alive(pid)) rmSync(join(dirname(casePath), name), { force: true });
    }
  }

  /** Hands a written batch's rows to the index thread; waits while too many are queued. */
  async add(batch: SideRows): Promise<void> {
    if (this.failure) throw this.failure;
    if (batch.count === 0) return;
    this.pending++;
    this.worker.postMessage({ batch }, [batch.rows.buffer as ArrayBuffer, batch.bytes.buffer as ArrayBuffer]);
    while (this.pending > MAX_PENDING && !this.failure) await new Promise<void>((r) => { this.wake = r; });
    if (this.failure) throw this.failure;
  }

  /** Waits until every row is indexed and the side file is closed. */
  async finish(): Promise<void> {
    if (!this.failure) this.worker.postMessage({ finish: true });
    await this.done;
    if (this.failure) throw this.failure;
  }

  /**
   * Copies the finished index into the case, then runs `complete` — both in one transaction of a
   * connection of its own: the writer's connection, whose FTS5 caches the index structure, sees the
   * change as another connection's commit and reloads it. The side file is removed afterwards.
   */
  adopt(casePath: string, complete: (db: CaseDb) => void, opts: { noJournal?: boolean } = {}): void {
    const c = new Database(casePath, { fileMustExist: true });
    try {
      c.pragma('busy_timeout = 5000');
      // better-sqlite3 opens connections in SQLite's defensive mode, which forbids writing shadow
      // tables; this private, short-lived connection writes exactly the three of the FTS index.
      c.unsafeMode(true);
      // During a bulk load (BulkLoad) the case is written like the writer writes it: no journal, no syncs.
      if (opts.noJournal) { c.pragma('journal_mode = OFF'); c.pragma('synchronous = OFF'); }
      c.prepare('ATTACH DATABASE ? AS side').run(this.path);
      c.transaction(() => {
        for (const t of ['fts_data', 'fts_idx', 'fts_docsize']) {
          c.exec(`DELETE FROM main.${t}; INSERT INTO main.${t} SELECT * FROM side.${t};`);
        }
        complete(c);
      }).immediate();
      c.exec('DETACH DATABASE side');
    } finally {
      // The writer's connection is still open, so this never settles the journal mode itself.
      closeCase(c);
      this.remove();
    }
  }

  /** Stops the thread and removes the side file. */
  async discard(): Promise<void> {
    await this.worker.terminate();
    this.remove();
  }

  private remove(): void {
    for (const suffix of ['', '-journal']) rmSync(this.path + suffix, { force: true });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake?.();
  }
}
