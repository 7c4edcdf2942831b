// The worker-thread side of WorkerPool: sets up a function table once (e.g. opens a read-only
// connection), says `ready` (or `fatal` when it cannot), then answers `{id, method, request}`
// messages one at a time. Errors travel as WireErrors so AppError codes survive the boundary. Each
// call may carry a shared stop flag, which the query code checks between statements (stopRequest.ts).
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.ts';
import { setStopFlag } from '../query/stopRequest.ts';
import { toWire } from './workerErrors.ts';

export type RpcTable = Record<string, (request: unknown) => unknown>;

export function serveRpc(setup: () => Promise<RpcTable> | RpcTable): void {
  const port = parentPort;
  if (!port) throw new Error('serveRpc must run in a worker thread');
  Promise.resolve().then(setup).then(
    (table) => {
      port.on('message', (m: { id: number; method: string; request: unknown; stop?: SharedArrayBuffer }) => {
        setStopFlag(m.stop ? new Int32Array(m.stop) : null);
        try {
          const fn = Object.hasOwn(table, m.method) ? table[m.method] : undefined;
          if (!fn) throw new AppError('internal', `This worker has no method ${m.method} (a bug in Audit Viewer).`);
          port.postMessage({ kind: 'reply', id: m.id, ok: true, value: fn(m.request) });
        } catch (e) {
          port.postMessage({ kind: 'reply', id: m.id, ok: false, error: toWire(e) });
        } finally {
          setStopFlag(null);
        }
      });
      port.postMessage({ kind: 'ready' });
    },
    (e: unknown) => port.postMessage({ kind: 'fatal', error: toWire(e) }),
  );
}
