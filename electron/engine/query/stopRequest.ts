// Stopping a long query between two of its statements. better-sqlite3 cannot interrupt a running
// statement, but the long answers (counts, facets, histograms, jumps) are already split into
// bounded statements (idRangeWalk.ts). The query worker hands each call a shared flag; when the
// caller no longer wants the answer the pool raises it, and the next check throws `cancelled`. The
// worker thread then serves on with its connection and caches warm, instead of being terminated and
// replaced (a fresh worker costs ~300 ms of CPU and starts with a cold page cache). Outside a worker
// (CLI, tests, benches) there is no flag and nothing stops.
import { AppError } from '../../../shared/errors.ts';

let flag: Int32Array | null = null;

/** The flag of the call this thread is running now (null between calls). */
export function setStopFlag(next: Int32Array | null): void {
  flag = next;
}

/**
 * Throws `cancelled` when the running call was asked to stop. Call it only where stopping leaves
 * nothing half done: before a statement whose result would be kept (a count walk's next range).
 */
export function stopIfAsked(): void {
  if (flag !== null && Atomics.load(flag, 0) !== 0) throw new AppError('cancelled', 'Stopped: the answer was no longer wanted (the view changed).');
}
