// Worker-thread entry of SideFtsBuild: creates the side file with the case's FTS table definition
// and configuration, indexes the rows it is sent, and closes the file when told to finish. The
// file is scratch (it is deleted if the import dies), so it is written without a journal or syncs.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { SideRows } from './ftsSideBuild.ts';

const { path, sql, config } = workerData as { path: string; sql: string; config: [string, unknown][] };
/** Rows per transaction: each commit turns the pending terms into one segment. */
const COMMIT_EVERY = 10_000;

const db = new Database(path);
db.unsafeMode(true); // defensive mode (better-sqlite3's default) refuses journal_mode=OFF
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('locking_mode = EXCLUSIVE');
db.pragma('cache_size = -8192');
db.exec(sql);
for (const [k, v] of config) {
  // Integer literals: FTS5 refuses a bound JS number for its integer settings (it arrives as REAL).
  if (typeof v === 'number' && Number.isInteger(v)) db.exec(`INSERT INTO fts (fts, rank) VALUES ('${k.replace(/'/g, "''")}', ${v})`);
}
const insert = db.prepare('INSERT INTO fts (rowid, body) VALUES (CAST(? AS INTEGER) * 1048576 + CAST(? AS INTEGER), CAST(? AS TEXT))');
let uncommitted = 0;

parentPort!.on('message', (m: { batch?: SideRows; finish?: true }) => {
  try {
    if (m.batch) {
      const { count, rows } = m.batch;
      const bytes = Buffer.from(m.batch.bytes.buffer, m.batch.bytes.byteOffset, m.batch.bytes.byteLength);
      if (!db.inTransaction) db.exec('BEGIN');
      for (let i = 0; i < count; i++) {
        const o = i * 4;
        insert.run(rows[o]!, rows[o + 1]!, bytes.subarray(rows[o + 2]!, rows[o + 3]!));
      }
      uncommitted += count;
      if (uncommitted >= COMMIT_EVERY) { db.exec('COMMIT'); uncommitted = 0; }
      parentPort!.postMessage({ ack: true });
    }
    if (m.finish) {
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
      parentPort!.postMessage({ finished: true });
      parentPort!.close();
    }
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
