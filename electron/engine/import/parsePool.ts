// A small pool of parse workers (worker_threads) that run prepareRecords off the writer's thread.
// Tasks are answered in the order they were given, so the writer sees records in file order.
import { Worker } from 'node:worker_threads';
import type { MapContext, RawRecord } from './types.ts';
import type { PreparedBatch } from './prepare.ts';

interface Pending { resolve: (b: PreparedBatch) => void; reject: (e: Error) => void }

export class ParsePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextTask = 0;
  private failed: Error | null = null;
  private closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      // A worker's default young generation grows to ~100 MB; 32 MB costs ~5% of its time and saves
      // ~100 MB of RSS (docs/PERFORMANCE.md). Large records go to the large-object space regardless.
      const w = new Worker(new URL('./parseWorker.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 32 } });
      w.on('message', (m: { id: number; result?: PreparedBatch; error?: string }) => {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (m.result) p.resolve(m.result); else p.reject(new Error(m.error ?? 'parse worker failed'));
      });
      w.on('error', (e) => { if (!this.closed) this.fail(e); });
      // terminate() ends a worker with code 1: only an exit nobody asked for is a failure.
      w.on('exit', (code) => { if (code !== 0 && !this.closed) this.fail(new Error(`parse worker exited with code ${code}`)); });
      this.workers.push(w);
    }
  }

  run(records: RawRecord[], mapperName: string, ctx: MapContext): Promise<PreparedBatch> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextTask++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, records, mapperName, ctx });
    });
  }

  private fail(e: Error): void {
    this.failed = e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /**
   * Ends the workers. Batches still being prepared (an import cancelled or failed mid-source) are
   * dropped: their promises never settle, as nobody reads them any more.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
