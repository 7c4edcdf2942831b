// The status of background jobs (imports, exports) by id: what `*.status` answers and what
// `*.cancel` acts on. Finished jobs are kept for a while so a late status call still gets the result.
import { AppError } from '../../../shared/errors.ts';
import type { ErrorPayload, JobStatus } from '../../../shared/contract.ts';

const KEEP_FINISHED = 100;

interface Entry<P, R> { status: JobStatus<P, R>; cancel: () => void }

export class JobBook<P, R> {
  private readonly jobs = new Map<string, Entry<P, R>>();
  private readonly noun: string;

  constructor(noun: string) {
    this.noun = noun;
  }

  /**
   * `initial` is a zero progress carrying the job's id: JobStatus has no id field, so a subscriber
   * tells which job a `*.done` event is about from its progress (or result), which is never null.
   */
  add(id: string, cancel: () => void, initial: P): void {
    this.jobs.set(id, { status: { state: 'running', progress: initial, result: null, error: null }, cancel });
  }

  setCancel(id: string, cancel: () => void): void {
    const e = this.jobs.get(id);
    if (e) e.cancel = cancel;
  }

  progress(id: string, p: P): void {
    const e = this.jobs.get(id);
    if (e && e.status.state === 'running') e.status = { ...e.status, progress: p };
  }

  finish(id: string, state: 'done' | 'cancelled', result: R | null): JobStatus<P, R> {
    return this.settle(id, { state, result, error: null });
  }

  fail(id: string, error: ErrorPayload): JobStatus<P, R> {
    return this.settle(id, { state: 'failed', result: null, error });
  }

  status(id: string): JobStatus<P, R> {
    const e = this.jobs.get(id);
    if (!e) throw new AppError('not_found', `No ${this.noun} with id ${JSON.stringify(id.slice(0, 64))} in this session.`);
    return e.status;
  }

  /** Asks a running job to stop; false when it already finished. */
  cancel(id: string): boolean {
    const e = this.jobs.get(id);
    if (!e) throw new AppError('not_found', `No ${this.noun} with id ${JSON.stringify(id.slice(0, 64))} in this session.`);
    if (e.status.state !== 'running') return false;
    e.cancel();
    return true;
  }

  running(): string[] {
    return [...this.jobs].filter(([, e]) => e.status.state === 'running').map(([id]) => id);
  }

  private settle(id: string, s: Omit<JobStatus<P, R>, 'progress'>): JobStatus<P, R> {
    const e = this.jobs.get(id);
    const status: JobStatus<P, R> = { ...s, progress: e?.status.progress ?? null };
    if (e) e.status = status;
    const finished = [...this.jobs].filter(([, x]) => x.status.state !== 'running');
    for (const [old] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(old);
    return status;
  }
}
