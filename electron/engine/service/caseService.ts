// The case service: owns one open case and implements every contract method for the hosts, with all
// SQLite work off the host's thread (DESIGN §1). Creating/upgrading the case and each import run in a
// writer worker (one at a time: one writer per case file); queries run in a small pool of read-only
// query workers with a time budget; each export runs in its own worker. Progress becomes
// ProgressEvents for subscribers (SSE clients, the Electron window).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { ExportProgress, ParsedRequest, ProgressEvent, Responses } from '../../../shared/contract.ts';
import type { ImportProgress, ImportResult } from '../../../shared/importProgress.ts';
import { errorResult, type Handlers } from '../hosts/dispatch.ts';
import { appVersion as packageVersion } from '../appVersion.ts';
import { JobBook } from './jobBook.ts';
import { runJobWorker } from './jobWorker.ts';
import { WorkerPool } from './workerPool.ts';
import type { WriterJob } from './writerWorker.ts';
import type { ExportJob } from './exportWorker.ts';
import type { QueryWorkerData } from './queryWorker.ts';

// Literal worker URLs (not built from a variable): the Electron build finds them and points them
// at the bundled .js files (scripts/buildElectron.ts).
const QUERY_WORKER = new URL('./queryWorker.ts', import.meta.url);
const WRITER_WORKER = new URL('./writerWorker.ts', import.meta.url);
const EXPORT_WORKER = new URL('./exportWorker.ts', import.meta.url);

export interface CaseServiceOptions {
  casePath: string;
  appVersion?: string;
  /** Read-only query workers (default 2: the grid and the facets need not wait on each other). */
  queryWorkers?: number;
  /** Hard budget of one query call, after which its worker is replaced (default 20 s). */
  queryBudgetMs?: number;
  /** Where bugs are reported with their stack (default stderr). */
  logBug?: (text: string) => void;
}

export type ProgressListener = (event: ProgressEvent) => void;

export interface CaseService {
  readonly casePath: string;
  /** Settles when the case is open (created/upgraded); rejects with an AppError when it cannot be. */
  readonly ready: Promise<void>;
  readonly handlers: Handlers;
  readonly events: { subscribe(listener: ProgressListener): () => void };
  sqliteVersion(): Promise<string>;
  /**
   * Cancels running jobs (their sources roll back), waits briefly for them, stops the workers, and
   * leaves the case in rollback-journal mode.
   */
  close(): Promise<void>;
}

type ExportValue = Responses['export.status']['result'] & object;

const QUERY_METHODS = ['case.info', 'sources.list', 'sources.rejects', 'events.count', 'events.page', 'events.get', 'facets.list', 'histogram.get', 'entity.history'] as const;
type QueryMethod = (typeof QUERY_METHODS)[number];

export function createCaseService(opts: CaseServiceOptions): CaseService {
  const casePath = resolve(opts.casePath);
  const appVersion = opts.appVersion ?? packageVersion;
  const baseBudget = opts.queryBudgetMs ?? 20_000;
  const logBug = opts.logBug ?? ((t: string) => process.stderr.write(`${t}\n`));
  const listeners = new Set<ProgressListener>();
  /** The latest event of each running job, replayed to late subscribers (a reloaded window). */
  const live = new Map<string, ProgressEvent>();
  const imports = new JobBook<ImportProgress, ImportResult>('import');
  const exports = new JobBook<ExportProgress, ExportValue>('export');
  const settling = new Set<Promise<unknown>>();
  let readOnly = false;
  let closed = false;
  let writerChain: Promise<void> = Promise.resolve();

  const emit = (id: string, event: ProgressEvent, done: boolean) => {
    if (done) live.delete(id); else live.set(id, event);
    for (const l of listeners) {
      try { l(event); } catch (e) { logBug(`audit-viewer: a progress listener failed: ${e instanceof Error ? e.stack : String(e)}`); }
    }
  };
  const payloadOf = (e: unknown, what: string) => {
    const r = errorResult(e, what, logBug);
    return r.ok ? { code: 'internal' as const, message: 'unknown failure' } : r.error;
  };

  // Opening for writing creates or upgrades the case; a read-only file is still worth viewing.
  const ready: Promise<void> = runJobWorker<never, null>(WRITER_WORKER, { kind: 'init', casePath } satisfies WriterJob).result.then(
    () => undefined,
    (e: unknown) => {
      if (e instanceof AppError && e.code === 'read_only' && existsSync(casePath)) { readOnly = true; return; }
      throw e;
    },
  );
  ready.catch(() => { /* reported to every caller that awaits it */ });
  const pool: Promise<WorkerPool> = ready.then(() => {
    if (closed) throw new AppError('cancelled', 'The case was closed.');
    return new WorkerPool({
      entry: QUERY_WORKER, size: opts.queryWorkers ?? 2, workerData: { casePath, appVersion } satisfies QueryWorkerData,
      describe: (m) => (m === 'facets.list' ? 'Counting the facets' : m === 'events.count' ? 'Counting the results' : 'The query'),
    });
  });
  pool.catch(() => { /* same error as ready */ });

  const query = <M extends QueryMethod>(method: M) => async (req: ParsedRequest<M>, signal?: AbortSignal): Promise<Responses[M]> => {
    const p = await pool;
    return (await p.call(method, req, budgetFor(method, req, baseBudget), { background: BACKGROUND.has(method), ...(signal ? { signal } : {}) })) as Responses[M];
  };

  const track = (p: Promise<unknown>) => { settling.add(p); void p.finally(() => settling.delete(p)); };

  function startImport(req: ParsedRequest<'import.start'>): { importId: string } {
    const importId = randomUUID();
    let cancelledEarly = false;
    imports.add(importId, () => { cancelledEarly = true; }, {
      importId, sourcePath: null, sourcesDone: 0, bytesRead: 0, bytesTotal: null, records: 0, imported: 0, duplicates: 0, rejected: 0, events: 0, elapsedMs: 0, recordsPerSecond: 0,
    });
    const run = async () => {
      if (cancelledEarly || closed) {
        const nothing: ImportResult = { importId, sources: [], cancelled: true, elapsedMs: 0 };
        emit(importId, { type: 'import.done', payload: imports.finish(importId, 'cancelled', nothing) }, true);
        return;
      }
      const job = runJobWorker<ImportProgress, ImportResult>(WRITER_WORKER, {
        kind: 'import', casePath, paths: req.paths.map((p) => resolve(p)), ...(req.format !== undefined ? { format: req.format } : {}),
      } satisfies WriterJob, (p) => {
        const progress = { ...p, importId };
        imports.progress(importId, progress);
        emit(importId, { type: 'import.progress', payload: progress }, false);
      });
      imports.setCancel(importId, job.cancel);
      try {
        const result = { ...(await job.result), importId };
        emit(importId, { type: 'import.done', payload: imports.finish(importId, result.cancelled ? 'cancelled' : 'done', result) }, true);
      } catch (e) {
        emit(importId, { type: 'import.done', payload: imports.fail(importId, payloadOf(e, 'import')) }, true);
      }
    };
    // One writer per case file: imports queue behind each other.
    const next = writerChain.then(run);
    writerChain = next;
    track(next);
    return { importId };
  }

  function startExport(req: ParsedRequest<'export.start'>): { exportId: string } {
    const exportId = randomUUID();
    const job = runJobWorker<ExportProgress, ExportValue>(EXPORT_WORKER, {
      casePath, appVersion, request: { ...req, path: resolve(req.path) },
    } satisfies ExportJob, (p) => {
      const progress = { ...p, exportId };
      exports.progress(exportId, progress);
      emit(exportId, { type: 'export.progress', payload: progress }, false);
    });
    exports.add(exportId, job.cancel, { exportId, rows: 0, total: 0, elapsedMs: 0 });
    track(job.result.then(
      // Finished is done even when incomplete (rows changed meanwhile): the manifest says complete: false.
      (value) => emit(exportId, { type: 'export.done', payload: exports.finish(exportId, 'done', value) }, true),
      (e: unknown) => emit(exportId, {
        type: 'export.done',
        payload: e instanceof AppError && e.code === 'cancelled' ? exports.finish(exportId, 'cancelled', null) : exports.fail(exportId, payloadOf(e, 'export')),
      }, true),
    ));
    return { exportId };
  }

  const handlers: Handlers = {
    'case.info': query('case.info'),
    'sources.list': query('sources.list'),
    'sources.rejects': query('sources.rejects'),
    'events.count': query('events.count'),
    'events.page': query('events.page'),
    'events.get': query('events.get'),
    'facets.list': query('facets.list'),
    'histogram.get': query('histogram.get'),
    'entity.history': query('entity.history'),
    'import.start': async (req) => {
      await ready;
      if (closed) throw new AppError('cancelled', 'The case is closing.');
      if (readOnly) throw new AppError('read_only', `The case ${casePath} is read-only, so nothing can be imported into it. Copy it somewhere writable or create a new case.`);
      return startImport(req);
    },
    'import.status': async (req) => imports.status(req.importId),
    'import.cancel': async (req) => ({ cancelled: imports.cancel(req.importId) }),
    'export.start': async (req) => {
      await ready;
      if (closed) throw new AppError('cancelled', 'The case is closing.');
      return startExport(req);
    },
    'export.status': async (req) => exports.status(req.exportId),
    'export.cancel': async (req) => ({ cancelled: exports.cancel(req.exportId) }),
  };

  return {
    casePath,
    ready,
    handlers,
    events: {
      subscribe(listener) {
        listeners.add(listener);
        for (const e of live.values()) {
          try { listener(e); } catch { /* the listener's own problem; it stays subscribed */ }
        }
        return () => { listeners.delete(listener); };
      },
    },
    async sqliteVersion() {
      return String(await (await pool).call('sqlite.version', {}, baseBudget));
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const id of imports.running()) imports.cancel(id);
      for (const id of exports.running()) exports.cancel(id);
      // Cancelled imports roll their source back; give them a moment, never forever.
      await Promise.race([Promise.allSettled([...settling]), new Promise((r) => setTimeout(r, 5000).unref())]);
      listeners.clear();
      await pool.then((p) => p.close(), () => undefined);
      // The readers are gone: leave the case a rollback-journal file that opens read-only anywhere
      // (db/journalMode.ts). Not while a job still runs (it holds the case; the mode stays WAL, which
      // is safe), and never for a case that could not be opened for writing.
      const opened = await ready.then(() => true, () => false);
      if (opened && !readOnly && settling.size === 0) {
        await runJobWorker<never, null>(WRITER_WORKER, { kind: 'close', casePath } satisfies WriterJob).result.catch(() => undefined);
      }
    },
  };
}

/** The hard stop for one call. Facets and counts carry their own soft budgets; this is the backstop. */
/** Calls that may take seconds on a big case: served after every other waiting call, never on every worker. */
const BACKGROUND: ReadonlySet<QueryMethod> = new Set<QueryMethod>(['events.count', 'facets.list', 'histogram.get']);

function budgetFor(method: QueryMethod, req: unknown, base: number): number {
  if (method === 'facets.list') {
    const r = req as ParsedRequest<'facets.list'>;
    return Math.max(base, r.budgetMs * r.fields.length + 2_000);
  }
  if (method === 'events.count') {
    // The count stops itself at its budget (between two ranges, each aimed at ~150 ms).
    const r = req as ParsedRequest<'events.count'>;
    return Math.max(base, (r.budgetMs ?? 0) + 5_000);
  }
  return base;
}
