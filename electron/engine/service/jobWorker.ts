// Runs one long job (create/upgrade the case, an import, an export) in its own worker thread and
// turns the worker's messages into a promise plus progress callbacks. Cancel asks the job to stop
// cleanly (it rolls back what it started); a worker that dies is reported, never left hanging.
import { Worker } from 'node:worker_threads';
import { fromWire, type WireError } from './workerErrors.ts';

export type JobMessage =
  | { kind: 'progress'; payload: unknown }
  | { kind: 'done'; value: unknown }
  | { kind: 'failed'; error: WireError };

export interface RunningJob<R> {
  result: Promise<R>;
  cancel(): void;
}

export function runJobWorker<P, R>(entry: URL, workerData: unknown, onProgress?: (p: P) => void): RunningJob<R> {
  const worker = new Worker(entry, { workerData });
  let settled = false;
  const result = new Promise<R>((resolve, reject) => {
    worker.on('message', (m: JobMessage) => {
      if (m.kind === 'progress') { onProgress?.(m.payload as P); return; }
      if (settled) return;
      settled = true;
      if (m.kind === 'done') resolve(m.value as R); else reject(fromWire(m.error));
    });
    worker.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    worker.on('exit', (code) => {
      if (!settled) { settled = true; reject(new Error(`the job's worker exited with code ${code} before finishing`)); }
    });
  });
  return {
    result,
    cancel: () => { if (!settled) worker.postMessage('cancel'); },
  };
}
