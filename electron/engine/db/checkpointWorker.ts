// Worker-thread entry of BackgroundCheckpointer: its own connection to the case, checkpointing the
// WAL every few milliseconds (PASSIVE: never waits for, nor blocks, the writer or readers) until
// told to stop, when it closes its connection (releasing its locks) and ends.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { closeCase } from './journalMode.ts';

const EVERY_MS = 25;

const db = new Database((workerData as { path: string }).path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -2048');

const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A failed checkpoint (disk full, I/O error) loses nothing: committed pages stay in the WAL.
    // Stop, and the writer falls back to its own checkpoints.
    stop();
  }
}, EVERY_MS);

function stop(): void {
  clearInterval(timer);
  // Like every connection that writes the case (the writer's, still open, settles its mode).
  try { closeCase(db); } catch { /* already closed */ }
  parentPort!.close();
}

parentPort!.on('message', (m: string) => { if (m === 'stop') stop(); });
