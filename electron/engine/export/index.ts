// Exports exactly the rows of a query, in its sort, to CSV (papaparse, formula-safe, optional BOM,
// chosen columns, time zone named in the header) or JSON Lines (the raw records, exact), streamed
// with flat memory; writes `<file>.manifest.json` proving where every row came from. The data and
// the manifest are written to temporary names and renamed at the end, so a cancelled or failed
// export (a full disk included, even when only the manifest no longer fits) never leaves a file
// that looks complete. The count, the term labels and the rows are read in one snapshot.
import { createWriteStream, renameSync, rmSync, writeFileSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import type { CaseDb } from '../db/openCase.ts';
import { translateSqliteError } from '../db/openCase.ts';
import type { EventRow, ExportColumn, ExportManifest, ExportProgress, ParsedRequest } from '../../../shared/contract.ts';
import { DEFAULT_EXPORT_COLUMNS } from '../../../shared/contract.ts';
import { AppError } from '../../../shared/errors.ts';
import { explainQuery } from '../../../shared/query/explain.ts';
import { queryToText, resolvedQueryText } from '../../../shared/query/print.ts';
import { buildBase, DEFAULT_SORT } from '../query/resultSet.ts';
import { ROW_PLAIN_COLUMNS, TERM_COLUMNS, toEventRow, type RowRecord, type TermColumn } from '../query/rows.ts';
import { checkTimeZone, compactJson, formatTime, neutralizeFormula } from './cells.ts';
import { termLabels } from './termLabels.ts';
import { readInOrder } from './readOrder.ts';
import { ExportSink } from './sink.ts';

/** What an export shows of terms beyond a grid row's. */
const EXPORT_TERM_COLUMNS: readonly TermColumn[] = [
  ...TERM_COLUMNS,
  { col: 'ip_t', field: 'ip', shows: [['ip', 'value']] },
  { col: 'actor_type_t', field: 'actor_type', shows: [['actorType', 'value']] },
];

export interface ExportOptions {
  signal?: AbortSignal; onProgress?: (p: ExportProgress) => void; appVersion: string; exportId?: string;
  /** Rows per newest-first read batch (readOrder.ts); tests make it small. */
  readBatch?: number;
}
export type ExportResult = ExportManifest & { path: string; manifestPath: string };

const CHUNK = 1000;

interface ExportRow extends RowRecord { detail: string; raw: string; obj: string | null; sourceSha: string | null; line: number; sourceEventId: string | null; eventId: string; sourceId: number; ip: string | null; actorType: string | null }

export async function runExport(db: CaseDb, req: ParsedRequest<'export.start'>, opts: ExportOptions): Promise<ExportResult> {
  try { checkTimeZone(req.timeZone); } catch (e) { throw new AppError('bad_request', (e as Error).message); }
  // One read transaction: an import committing meanwhile changes neither the count, nor the terms
  // read into memory, nor the rows.
  db.exec('BEGIN');
  try {
    return await exportSnapshot(db, req, opts);
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}

async function exportSnapshot(db: CaseDb, req: ParsedRequest<'export.start'>, opts: ExportOptions): Promise<ExportResult> {
  const base = buildBase(db, req);
  const sort = req.sort ?? DEFAULT_SORT;
  const columns: ExportColumn[] = req.columns ?? DEFAULT_EXPORT_COLUMNS;
  let total: number;
  try {
    total = db.prepare(`SELECT count(*) ${base.fromWhere}`).pluck().get(base.params) as number;
  } catch (e) {
    throw exportError(e, req.path, db);
  }
  const partial = `${req.path}.partial-${process.pid}`;
  const out = createWriteStream(partial, { flags: 'wx' });
  const sink = new ExportSink(out);
  let sha256 = '';
  const started = Date.now();
  const perSource = new Map<number, { path: string; sha256: string | null; rows: number }>();
  let rows = 0;
  try {
    if (req.format === 'csv') {
      if (req.bom) await sink.write('\uFEFF');
      await sink.write(Papa.unparse([columns.map((c) => (c === 'time' ? `time (${req.timeZone})` : c))]) + '\r\n');
    }
    // The raw records are read only when they are exported (they are most of the case's bytes).
    const needsRaw = req.format === 'jsonl' || columns.includes('raw');
    const labels = termLabels(db, EXPORT_TERM_COLUMNS);
    const sources = new Map((db.prepare('SELECT id, path, sha256 FROM sources').all() as { id: number; path: string; sha256: string | null }[]).map((s) => [s.id, s]));
    const select = `${ROW_PLAIN_COLUMNS}, ${labels.select}, ev.detail AS detail, ${needsRaw ? 'raw.text AS raw, raw.obj AS obj' : "'' AS raw, NULL AS obj"}, ev.line AS line,
        ev.source_event_id AS sourceEventId, CAST(ev.id AS TEXT) AS eventId, ev.source_id AS sourceId`;
    const from = needsRaw ? base.rowsFromWhere.replace(/^FROM (.*?) WHERE /, 'FROM $1 JOIN raw ON raw.id = e.id WHERE ') : base.rowsFromWhere;
    const newestFirst = sort.field === 'time' && sort.dir === 'desc';
    // Rows go out CHUNK at a time: CSV rows through papaparse, JSON Lines records joined.
    let chunk: string[][] = [];
    let lines: string[] = [];
    const flush = async () => {
      if (chunk.length > 0) await sink.write(Papa.unparse(chunk, { newline: '\r\n' }) + '\r\n');
      if (lines.length > 0) await sink.write(lines.join(''));
      chunk = [];
      lines = [];
    };
    for (const r of readInOrder<ExportRow>(db, base, select, from, newestFirst, opts.readBatch)) {
      if (opts.signal?.aborted) throw new AppError('cancelled', 'Export cancelled: no file was written.');
      labels.fill(r as unknown as Record<string, unknown>);
      const source = sources.get(r.sourceId);
      r.source = source?.path ?? '';
      r.sourceSha = source?.sha256 ?? null;
      const src = perSource.get(r.sourceId) ?? { path: r.source, sha256: r.sourceSha, rows: 0 };
      src.rows++;
      perSource.set(r.sourceId, src);
      rows++;
      if (req.format === 'jsonl') {
        lines.push(`${r.obj ?? compactJson(r.raw)}\n`);
        if (lines.length >= CHUNK) await flush();
      } else {
        const row = toEventRow(r);
        let detail: Detail | null = null;
        const d = () => (detail ??= JSON.parse(r.detail) as Detail);
        chunk.push(columns.map((c) => neutralizeFormula(cell(r, row, d, c, req.timeZone))));
        if (chunk.length >= CHUNK) await flush();
      }
      if (rows % CHUNK === 0) {
        opts.onProgress?.({ exportId: opts.exportId ?? '', rows, total, elapsedMs: Date.now() - started });
        await new Promise((r) => setImmediate(r)); // let cancel and progress through
      }
    }
    await flush();
    sha256 = await sink.end();
  } catch (e) {
    out.destroy();
    rmSync(partial, { force: true });
    throw exportError(e, req.path, db);
  }
  opts.onProgress?.({ exportId: opts.exportId ?? '', rows, total, elapsedMs: Date.now() - started });
  const manifest: ExportManifest = {
    file: req.path, format: req.format, query: queryToText(base.ast), resolvedQuery: resolvedQueryText(base.ast), explain: explainQuery(base.ast), sort, columns: req.format === 'csv' ? columns : ['raw'],
    timeZone: req.timeZone, rows, complete: rows === total, sha256,
    sources: [...perSource.values()], appVersion: opts.appVersion, createdAt: new Date().toISOString(),
  };
  const manifestPath = `${req.path}.manifest.json`;
  const manifestPartial = `${manifestPath}.partial-${process.pid}`;
  let placed = false;
  try {
    if (statSync(partial).size === 0 && rows > 0) throw new AppError('io_error', `The export to ${req.path} is empty although ${rows} rows were written.`);
    // Both files are written in full under temporary names before either takes its real name (the
    // disk can fill up on the manifest too), then the data and the manifest last: the data never
    // sits at its name beside a stale manifest, and a manifest only appears beside finished data.
    writeFileSync(manifestPartial, `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    rmSync(manifestPath, { force: true });
    renameSync(partial, req.path);
    placed = true;
    renameSync(manifestPartial, manifestPath);
  } catch (e) {
    rmSync(partial, { force: true });
    rmSync(manifestPartial, { force: true });
    if (placed) rmSync(req.path, { force: true });
    throw exportError(e, req.path, db);
  }
  return { ...manifest, path: req.path, manifestPath };
}

/** Why an export failed, for a person: a full disk, a damaged case, or a file that cannot be written. */
function exportError(e: unknown, path: string, db: CaseDb): AppError {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const t = translateSqliteError(e, db.name);
    return t instanceof AppError ? t : new AppError('io_error', `Cannot read the case ${db.name} to export it: ${(e as Error).message}`, { cause: e });
  }
  if (code === 'ENOSPC') return new AppError('disk_full', `The disk is full: the export to ${path} was not written. Free some space and try again.`, { cause: e });
  if (code === 'EEXIST') return new AppError('io_error', `Cannot write ${path}: a previous export is still being written there.`, { cause: e });
  return new AppError('io_error', `Cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

type Detail = { actor: { userAgent?: string | null }; changes: unknown[] };

function cell(r: ExportRow, row: EventRow, detail: () => Detail, c: ExportColumn, zone: string): string {
  switch (c) {
    case 'time': return formatTime(row.time, zone);
    case 'outcome': return row.outcome;
    case 'actor_id': return row.actorId ?? '';
    case 'actor_type': return r.actorType ?? '';
    case 'ip': return r.ip ?? '';
    case 'user_agent': return detail().actor.userAgent ?? '';
    case 'entity_type': return row.entityType ?? '';
    case 'changes': return JSON.stringify(detail().changes);
    case 'source_sha256': return r.sourceSha ?? '';
    case 'record': return String(row.recordNo);
    case 'line': return String(r.line);
    case 'event_id': return r.sourceEventId ?? '';
    case 'raw': return r.raw;
    default: return (row[c as keyof typeof row] as string | null) ?? '';
  }
}
