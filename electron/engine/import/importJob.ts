// Runs one import: expands the inputs into sources, and for each source reads records, detects the
// format, prepares events (in parse workers for big sources), writes them, and completes the source
// atomically. Cancelled, failed or killed sources leave nothing behind. Never imports electron.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { CaseDb } from '../db/openCase.ts';
import { translateSqliteError } from '../db/openCase.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ImportProgress, ImportResult, SourceResult } from '../../../shared/importProgress.ts';
import type { FormatMapper, MapContext, RawRecord, SourceEntry } from './types.ts';
import { detectMapper, findMapper, mappers } from './mappers/index.ts';
import { expandInputs, hashFile } from './sources/expand.ts';
import { openRecordStream, NotAnArchiveError } from './readers/index.ts';
import { parseRecord, prepareRecords, type PreparedBatch } from './prepare.ts';
import { ParsePool } from './parsePool.ts';
import { EventWriter } from './writer.ts';
import { BackgroundCheckpointer } from '../db/checkpointer.ts';
import { SideFtsBuild } from '../db/ftsSideBuild.ts';
import { BulkLoad } from '../db/bulkLoad.ts';
import {
  activeSources, completeSource, createSource, deleteSource, describeSource, findImportedFile, hasCompleteFileOfSize, processAlive, recoverInterruptedImports,
  type SourceCounts,
} from './sourceStore.ts';

export interface ImportOptions {
  paths: string[];
  /** Mapper name forcing the format (skips detection). */
  format?: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Parse workers (default: cores − 1, at least 1; 0 = parse inline). */
  workers?: number;
  maxRecordBytes?: number;
}

/** Records parsed to detect a source's format. */
const DETECT_SAMPLE = 50;
/**
 * Records per batch handed to a parse worker, and batches in flight ahead of the writer. Small
 * batches die young in the V8 heaps (less memory); commits are grouped separately (writer.ts).
 */
const BATCH_RECORDS = 1000;
const IN_FLIGHT = 4;
const PROGRESS_EVERY_MS = 250;
/** Sources from this size build their full-text index on the side (when the case's is empty). */
const SIDE_FTS_MIN_BYTES = 16 * 1024 * 1024;
/** Page cache of the writing connection during an import. */
const IMPORT_CACHE_KIB = 64 * 1024;
/** Batches written before WAL checkpoints move to their own thread (small imports never pay for it). */
const CHECKPOINTER_AFTER_BATCHES = 4;

export function knownFormats(): string[] {
  return mappers.map((m) => m.name);
}

export async function runImport(db: CaseDb, opts: ImportOptions): Promise<ImportResult> {
  const forced = opts.format === undefined ? undefined : findMapper(opts.format);
  if (opts.format !== undefined && !forced)
    throw new AppError('bad_request', `Unknown format "${opts.format}". Known formats: ${knownFormats().join(', ')}.`);
  if (opts.paths.length === 0) throw new AppError('bad_request', 'Nothing to import: name at least one file or folder.');
  recoverInterruptedImports(db);
  if (!db.memory && db.name !== '') SideFtsBuild.removeStale(db.name, processAlive);

  // A bigger page cache costs memory without speed for an import (docs/PERFORMANCE.md).
  const cache = db.pragma('cache_size', { simple: true }) as number;
  if (cache < -IMPORT_CACHE_KIB || cache > 0) db.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  const bulk = BulkLoad.enter(db);
  const job = new ImportRun(db, opts, forced, bulk);
  try {
    return await job.run();
  } catch (e) {
    // A lock, a full disk or a damaged page met outside one source's own handling keeps its meaning.
    throw translateSqliteError(e, db.name);
  } finally {
    await job.close();
    bulk?.exit();
    db.pragma(`cache_size = ${cache}`);
  }
}

class ImportRun {
  private readonly importId = randomUUID();
  private readonly started = Date.now();
  private readonly writer: EventWriter;
  private readonly results: SourceResult[] = [];
  private readonly zipRows = new Map<string, { id: number | null; skip: string | null }>();
  private readonly totals = { records: 0, imported: 0, duplicates: 0, rejected: 0, events: 0 };
  private pool: ParsePool | null = null;
  private checkpointer: BackgroundCheckpointer | null = null;
  private batchesWritten = 0;
  private lastProgress = 0;
  private cancelled = false;
  private readonly db: CaseDb;
  private readonly opts: ImportOptions;
  private readonly forced: FormatMapper | undefined;

  private readonly bulk: BulkLoad | null;

  constructor(db: CaseDb, opts: ImportOptions, forced: FormatMapper | undefined, bulk: BulkLoad | null) {
    this.db = db;
    this.opts = opts;
    this.forced = forced;
    this.bulk = bulk;
    this.writer = new EventWriter(db);
    this.writer.noJournal = bulk !== null;
  }

  async run(): Promise<ImportResult> {
    for await (const entry of expandInputs(this.opts.paths)) {
      if (this.opts.signal?.aborted) { this.cancelled = true; break; }
      await this.importEntry(entry);
    }
    this.finishZips();
    this.progress(null, 0, null, true);
    return { importId: this.importId, sources: this.results, cancelled: this.cancelled, elapsedMs: Date.now() - this.started };
  }

  async close(): Promise<void> {
    await this.pool?.close();
    await this.checkpointer?.stop();
  }

  private async importEntry(entry: SourceEntry): Promise<void> {
    const base = { sourceId: null, path: entry.path, sha256: null, format: null, records: 0, imported: 0, duplicates: 0, rejected: 0, events: 0 };
    if (entry.skipReason) { this.results.push({ ...base, status: 'skipped', message: entry.skipReason }); return; }
    const parentId = entry.parentPath ? await this.zipRow(entry.parentPath) : null;
    if (parentId && typeof parentId === 'string') { this.results.push({ ...base, status: 'already_imported', message: parentId }); return; }

    let fileSha256: string | null = null;
    // A plain file's bytes are exactly what the reader hashes, so its SHA-256 comes free with the read.
    // It is only needed up front when a complete file of the same size could be the same file.
    const hashWhileReading = entry.container === 'file' && entry.size !== null && !hasCompleteFileOfSize(this.db, entry.size);
    if (entry.container !== 'zip-member' && !hashWhileReading) {
      fileSha256 = await hashFile(entry.path);
      const seen = findImportedFile(this.db, fileSha256);
      if (seen) { this.results.push({ ...base, sha256: fileSha256, status: 'already_imported', message: `already imported: same SHA-256 as ${seen.path} (source ${seen.id})` }); return; }
    }

    let stream;
    try {
      stream = await openRecordStream(entry, { batchSize: BATCH_RECORDS, ...(this.opts.maxRecordBytes ? { maxRecordBytes: this.opts.maxRecordBytes } : {}) });
    } catch (e) {
      if (e instanceof NotAnArchiveError) { this.results.push({ ...base, status: 'skipped', message: e.message }); return; }
      this.results.push({ ...base, status: 'failed', message: `cannot read ${entry.path}: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }

    const sourceId = createSource(this.db, { importId: this.importId, parentId: typeof parentId === 'number' ? parentId : null, path: entry.path, container: entry.container, size: entry.size, fileSha256 });
    activeSources.add(sourceId);
    const counts: SourceCounts = { records: 0, imported: 0, duplicates: 0, rejected: 0, events: 0 };
    let mapper = this.forced ?? null;
    let side: SideFtsBuild | null = null;
    // Batches handed to workers, in file order; the records themselves are not kept here.
    const inFlight: { records: number; prepared: Promise<PreparedBatch> }[] = [];
    // Batches still being prepared when the source stops early are not wanted: a worker failing
    // with one of them is no failure of anything (and must not be an unhandled rejection).
    const dropInFlight = () => { for (const b of inFlight.splice(0)) b.prepared.catch(() => undefined); };
    try {
      // The first big source of a new case builds its full-text index on another thread.
      if (entry.size !== null && entry.size >= SIDE_FTS_MIN_BYTES) side = SideFtsBuild.startIfEmpty(this.db);
      const write = async () => {
        const next = inFlight.shift()!;
        const batch = await next.prepared;
        const c = this.writer.writeBatch(sourceId, batch, side ? 'side' : 'inline');
        if (++this.batchesWritten === CHECKPOINTER_AFTER_BATCHES) this.checkpointer = BackgroundCheckpointer.start(this.db);
        if (!this.db.inTransaction) this.checkpointer?.afterCommit();
        counts.records += next.records;
        counts.imported += c.imported; counts.duplicates += c.duplicates; counts.rejected += c.rejected; counts.events += c.events;
        this.add(c, next.records);
        this.progress(entry.path, stream.bytesRead(), entry.size);
        if (side && c.side) await side.add(c.side);
      };
      let ctx: MapContext = {};
      for await (const records of stream.batches) {
        if (this.opts.signal?.aborted) { this.cancelled = true; break; }
        if (!mapper) {
          mapper = detect(records, { wrapperKey: stream.wrapperKey() });
          ctx = { wrapperKey: stream.wrapperKey() };
          describeSource(this.db, sourceId, { kind: stream.kind, encoding: stream.encoding, wrapperKey: stream.wrapperKey(), format: mapper.name });
          inFlight.push({ records: records.length, prepared: Promise.resolve(prepareRecords(records, mapper, ctx)) });
        } else {
          this.pool ??= this.makePool();
          const m = mapper;
          inFlight.push({ records: records.length, prepared: this.pool ? this.pool.run(records, m.name, ctx) : Promise.resolve(prepareRecords(records, m, ctx)) });
        }
        if (inFlight.length >= IN_FLIGHT) await write();
      }
      // A cancel while the last batches are written (the file fully read) still cancels.
      while (inFlight.length > 0 && !this.cancelled) {
        if (this.opts.signal?.aborted) { this.cancelled = true; break; }
        await write();
      }
      if (this.cancelled) {
        dropInFlight();
        this.writer.abort();
        await side?.discard();
        deleteSource(this.db, sourceId);
        this.results.push({ ...base, status: 'cancelled', message: 'cancelled: nothing from this source was kept' });
        return;
      }
      this.writer.commit();
      if (!mapper) describeSource(this.db, sourceId, { kind: stream.kind, encoding: stream.encoding, wrapperKey: stream.wrapperKey(), format: (this.forced ?? mappers[mappers.length - 1]!).name });
      const sha = stream.sha256();
      // The read hash is the file's hash only when the whole file was read (it may have changed size).
      if (hashWhileReading) fileSha256 = stream.bytesRead() === entry.size ? sha : await hashFile(entry.path);
      const complete = (db: CaseDb) => {
        this.writer.commitTermCounts(db);
        completeSource(db, sourceId, sha, counts, counts.records === 0 ? 'no records in this file' : null, fileSha256);
      };
      if (side) {
        await side.finish();
        const s = side;
        const adopt = () => s.adopt(this.db.name, complete, { noJournal: this.bulk !== null });
        if (this.bulk) this.bulk.shareWhile(adopt); else adopt();
        side = null;
      } else this.db.transaction(() => complete(this.db))();
      this.results.push({ ...base, ...counts, sourceId: String(sourceId), sha256: sha, format: mapper?.name ?? null, status: 'complete', message: counts.records === 0 ? 'no records in this file' : null });
    } catch (e) {
      dropInFlight();
      await side?.discard();
      const err = translateSqliteError(e, this.db.name);
      // Without a journal an SQLite failure cannot be undone: the case (empty before) is given up,
      // to be recreated empty at the next open, and the import stops.
      if (this.bulk && isSqliteFailure(e)) { this.bulk.abandon(); throw err; }
      try { this.writer.abort(); } catch { /* SQLite already rolled back (disk full, I/O error) */ }
      try { deleteSource(this.db, sourceId); } catch { /* left as 'importing': the next open rolls it back */ }
      // Failures of the case itself, not of this source: the whole import stops with a clear error.
      if (err instanceof AppError && (err.code === 'disk_full' || err.code === 'read_only' || err.code === 'case_locked' || err.code === 'case_corrupt')) throw err;
      this.results.push({ ...base, status: 'failed', message: `import of ${entry.path} failed: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      activeSources.delete(sourceId);
    }
  }

  /** The case row of a zip container; a string when the whole zip was imported before. */
  private async zipRow(zipPath: string): Promise<number | string | null> {
    let row = this.zipRows.get(zipPath);
    if (!row) {
      // `outer.zip!inner.zip`: the inner zip is a member of the outer one, with no file of its own.
      const sep = zipPath.lastIndexOf('!');
      if (sep >= 0) {
        const parent = await this.zipRow(zipPath.slice(0, sep));
        if (typeof parent === 'string') row = { id: null, skip: parent };
        else {
          const id = createSource(this.db, { importId: this.importId, parentId: parent, path: zipPath, container: 'zip', size: null, fileSha256: null });
          activeSources.add(id);
          row = { id, skip: null };
        }
      } else {
        const sha = await hashFile(zipPath);
        const seen = findImportedFile(this.db, sha);
        if (seen) row = { id: null, skip: `already imported: same SHA-256 as ${seen.path} (source ${seen.id})` };
        else {
          const id = createSource(this.db, { importId: this.importId, parentId: null, path: zipPath, container: 'zip', size: null, fileSha256: sha });
          activeSources.add(id);
          row = { id, skip: null };
        }
      }
      this.zipRows.set(zipPath, row);
    }
    return row.skip ?? row.id;
  }

  /**
   * A zip is one unit: complete when the import ends, rolled back whole (with its members) when the
   * import was cancelled, so a later run never mistakes a half-read zip for an imported one.
   */
  private finishZips(): void {
    const sum = (col: string) => `(SELECT coalesce(sum(${col}), 0) FROM sources c WHERE c.id IN d AND c.container != 'zip')`;
    const complete = this.db.prepare(`
      WITH RECURSIVE d(id) AS (SELECT id FROM sources WHERE parent_id = @id UNION ALL SELECT s.id FROM sources s JOIN d ON s.parent_id = d.id)
      UPDATE sources SET status = 'complete', sha256 = file_sha256, pid = NULL, finished_at = @now,
        records = ${sum('records')}, imported = ${sum('imported')}, duplicates = ${sum('duplicates')},
        rejected = ${sum('rejected')}, events = ${sum('events')}
      WHERE id = @id`);
    for (const [zipPath, row] of this.zipRows) {
      if (row.id === null) continue;
      activeSources.delete(row.id);
      if (this.cancelled) {
        if (zipPath.includes('!')) continue; // rolled back with its outer zip
        deleteSource(this.db, row.id);
        for (const r of this.results) if (r.path.startsWith(`${zipPath}!`)) { r.status = 'cancelled'; r.message = 'cancelled: the whole zip was rolled back'; r.sourceId = null; }
      } else {
        // Counts are summed over every member at any depth (leaves only, so nothing counts twice).
        complete.run({ id: row.id, now: new Date().toISOString() });
      }
    }
  }

  private makePool(): ParsePool | null {
    const n = this.opts.workers ?? Math.max(1, Math.min(3, availableParallelism() - 1));
    return n > 0 ? new ParsePool(n) : null;
  }

  private add(c: { imported: number; duplicates: number; rejected: number; events: number }, records: number): void {
    this.totals.records += records;
    this.totals.imported += c.imported; this.totals.duplicates += c.duplicates; this.totals.rejected += c.rejected; this.totals.events += c.events;
  }

  private progress(path: string | null, bytesRead: number, bytesTotal: number | null, force = false): void {
    if (!this.opts.onProgress) return;
    const t = Date.now();
    if (!force && t - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = t;
    const elapsedMs = t - this.started;
    this.opts.onProgress({
      importId: this.importId, sourcePath: path, sourcesDone: this.results.length, bytesRead, bytesTotal, ...this.totals,
      elapsedMs, recordsPerSecond: elapsedMs > 0 ? Math.round((this.totals.records * 1000) / elapsedMs) : 0,
    });
  }
}

/** Picks the format from the first parseable records of a source. */
function detect(records: RawRecord[], ctx: MapContext): FormatMapper {
  const samples: Record<string, unknown>[] = [];
  for (const r of records) {
    if (samples.length >= DETECT_SAMPLE) break;
    if (r.error) continue;
    const v = parseRecord(r);
    if (typeof v !== 'string') samples.push(v);
  }
  if (samples.length === 0) return mappers[mappers.length - 1]!;
  return detectMapper(samples, ctx).mapper;
}

function isSqliteFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}
