// The worker-thread side of runJobWorker: runs one job with an AbortSignal wired to the host's
// `cancel` message, posts progress, then the result (or the error), and lets the thread end.
import { parentPort } from 'node:worker_threads';
import { toWire } from './workerErrors.ts';

export function serveJob<R>(job: (signal: AbortSignal, progress: (p: unknown) => void) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJob must run in a worker thread');
  const controller = new AbortController();
  port.on('message', (m: unknown) => { if (m === 'cancel') controller.abort(); });
  job(controller.signal, (p) => port.postMessage({ kind: 'progress', payload: p })).then(
    (value) => port.postMessage({ kind: 'done', value }),
    (e: unknown) => port.postMessage({ kind: 'failed', error: toWire(e) }),
  ).finally(() => port.unref()); // let the thread end once the answer is out
}
