// A pool of long-lived worker threads answering `{method, request}` calls from a function table
// (see rpcWorker.ts), one call per worker at a time. Each call has a budget: better-sqlite3 cannot
// interrupt a running statement, so a call past its budget gets its worker terminated and replaced,
// and answers `timed_out` — the host's thread never waits on SQLite. A call nobody wants any more
// is first asked to stop between two statements (a shared flag, stopRequest.ts), which keeps the
// worker and its warm caches; only one that does not stop soon is terminated.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors.ts';
import { fromWire, type WireError } from './workerErrors.ts';

export interface WorkerPoolOptions {
  /** The worker entry (an rpcWorker-style module). */
  entry: URL;
  workerData: unknown;
  size: number;
  /** Says what was stopped, for the timed_out message. */
  describe?: (method: string) => string;
}

interface Task {
  method: string;
  request: unknown;
  budgetMs: number;
  background: boolean;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

type FromWorker =
  | { kind: 'ready' }
  | { kind: 'fatal'; error: WireError }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WireError };

const notWanted = () => new AppError('cancelled', 'The answer was no longer wanted (the view changed).');

/**
 * How long an unwanted background call may take to stop on its own before its worker is terminated.
 * The statements between two stop checks are sized to tens of milliseconds (idRangeWalk.ts); a
 * single statement that is not (a large grouped histogram) is cut off here.
 */
export const STOP_GRACE_MS = 1000;

interface Running {
  id: number;
  task: Task;
  timer: NodeJS.Timeout;
  /** Raised to ask the worker to stop at its next check (shared with the worker thread). */
  stop: Int32Array;
  /** Its caller was already answered `cancelled`; the worker is only being waited for. */
  abandoned: boolean;
}

class Slot {
  worker: Worker;
  ready = false;
  task: Running | null = null;

  constructor(worker: Worker) {
    this.worker = worker;
  }
}

export class WorkerPool {
  private readonly opts: WorkerPoolOptions;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  /** Set when a worker could not start (e.g. the case cannot be opened): queued calls get it. */
  private startupError: Error | null = null;

  constructor(opts: WorkerPoolOptions) {
    this.opts = opts;
    for (let i = 0; i < Math.max(1, opts.size); i++) this.slots.push(this.spawn());
  }

  /**
   * Queues a call. A `background` one (counts, facets, timelines: seconds on a big case) waits behind
   * every other call waiting, and with two workers or more one is always left to the others, so
   * rows and details never queue behind them. `signal` says nobody wants the answer any more: a
   * waiting call is dropped; a running one is asked to stop at its next check. A background one
   * answers `cancelled` at once and its worker takes no new call until it has stopped (terminated
   * after STOP_GRACE_MS); a foreground one answers whatever it ends with.
   */
  call(method: string, request: unknown, budgetMs: number, opts: { background?: boolean; signal?: AbortSignal } = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new AppError('cancelled', 'The case was closed.'));
    const background = opts.background ?? false;
    if (opts.signal?.aborted) return Promise.reject(notWanted());
    return new Promise((resolve, reject) => {
      const task: Task = { method, request, budgetMs, background, resolve, reject };
      const firstBackground = background ? -1 : this.queue.findIndex((t) => t.background);
      if (firstBackground >= 0) this.queue.splice(firstBackground, 0, task); else this.queue.push(task);
      opts.signal?.addEventListener('abort', () => this.abandon(task), { once: true });
      this.pump();
    });
  }

  /** A call whose caller gave up (see call()): dropped while waiting, else asked to stop. */
  private abandon(task: Task): void {
    const waiting = this.queue.indexOf(task);
    if (waiting >= 0) { this.queue.splice(waiting, 1); task.reject(notWanted()); return; }
    const slot = this.slots.find((s) => s.task?.task === task);
    if (!slot) return;
    const running = slot.task!;
    Atomics.store(running.stop, 0, 1);
    if (!task.background) return;
    running.abandoned = true;
    task.reject(notWanted());
    clearTimeout(running.timer);
    running.timer = setTimeout(() => this.timeOut(slot, running.id), STOP_GRACE_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new AppError('cancelled', 'The case was closed.'));
    await Promise.all(this.slots.map((s) => {
      if (s.task) { clearTimeout(s.task.timer); s.task.task.reject(new AppError('cancelled', 'The case was closed.')); s.task = null; }
      return s.worker.terminate();
    }));
  }

  private spawn(): Slot {
    const worker = new Worker(this.opts.entry, { workerData: this.opts.workerData });
    const slot = new Slot(worker);
    worker.unref(); // idle workers must not keep a process alive; busy ones are ref'd in pump()
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (e) => this.onDeath(slot, e));
    worker.on('exit', (code) => this.onDeath(slot, new Error(`query worker exited with code ${code}`)));
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.kind === 'ready') {
      slot.ready = true;
      this.startupError = null;
      this.pump();
      return;
    }
    if (m.kind === 'fatal') {
      // The worker cannot serve (the case cannot be opened): fail what waits, and let the next
      // call try a fresh worker (the file may have been fixed or created meanwhile).
      this.startupError = fromWire(m.error);
      for (const t of this.queue.splice(0)) t.reject(this.startupError);
      this.replace(slot);
      return;
    }
    const current = slot.task;
    if (!current || current.id !== m.id) return;
    clearTimeout(current.timer);
    slot.task = null;
    slot.worker.unref();
    if (!current.abandoned) {
      if (m.ok) current.task.resolve(m.value); else current.task.reject(fromWire(m.error));
    }
    this.pump();
  }

  private onDeath(slot: Slot, e: Error): void {
    if (this.closed || !this.slots.includes(slot)) return;
    const current = slot.task;
    if (current) {
      clearTimeout(current.timer);
      slot.task = null;
      if (!current.abandoned) current.task.reject(e);
    }
    this.replace(slot);
  }

  /** Swaps a dead, stuck or unusable worker for a fresh one. */
  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => { /* a terminated worker may still report; nobody listens */ });
    void slot.worker.terminate();
    if (this.closed) return;
    // After a startup failure, respawn lazily (on the next call) rather than in a tight loop.
    if (this.startupError && this.queue.length === 0) { this.slots.splice(i, 1); return; }
    this.slots[i] = this.spawn();
  }

  private pump(): void {
    if (this.closed) return;
    if (this.slots.length === 0 && this.queue.length > 0) this.slots.push(this.spawn());
    // One worker is kept from background calls: those of a query the person has already left
    // cannot be stopped mid-statement, so they must not be able to hold every worker.
    const forBackground = Math.max(1, this.slots.length - 1);
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.task) continue;
      // The queue holds foreground calls first: a background one at its head means only those wait.
      if (this.queue[0]!.background && this.slots.filter((s) => s.task?.task.background).length >= forBackground) return;
      const task = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => this.timeOut(slot, id), task.budgetMs);
      const stop = new SharedArrayBuffer(4);
      slot.task = { id, task, timer, stop: new Int32Array(stop), abandoned: false };
      slot.worker.ref();
      slot.worker.postMessage({ id, method: task.method, request: task.request, stop });
    }
  }

  /** A call past its budget, or an unwanted one that did not stop in time: its worker is terminated. */
  private timeOut(slot: Slot, id: number): void {
    const current = slot.task;
    if (!current || current.id !== id) return;
    slot.task = null;
    const what = this.opts.describe?.(current.task.method) ?? current.task.method;
    if (!current.abandoned) current.task.reject(new AppError('timed_out', `${what} ran past its ${current.task.budgetMs} ms budget and was stopped. Narrow the search (fewer words, a shorter time range) and try again.`));
    this.replace(slot);
    this.pump();
  }
}
