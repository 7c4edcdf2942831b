// Export the current query (its exact rows, in its sort): CSV with chosen columns, optional BOM for
// spreadsheet apps and a named time zone, or JSON Lines of the raw records; progress and cancel; then
// the result — file, row count, whether it is complete, its SHA-256 and the manifest beside it.
import { useEffect, useState } from 'react';
import { DEFAULT_EXPORT_COLUMNS, EXPORT_COLUMNS, type CountResult, type ErrorPayload, type ExportColumn, type QueryRequest } from '../../shared/contract.ts';
import { explainQuery, parseQuery } from '../../shared/query/index.ts';
import { useApi } from '../api/ApiContext.tsx';
import { Dialog } from '../app/Dialog.tsx';
import { ErrorNote } from '../app/ErrorNote.tsx';
import type { ExportJob, JobsApi } from '../app/useJobs.ts';
import { formatBoundedCount, formatCount } from '../format/numbers.ts';
import { formatDuration, ianaZone, zoneChoices, zoneLabel, type ZoneChoice } from '../format/time.ts';

interface Props {
  open: boolean;
  onClose(): void;
  jobs: JobsApi;
  query: string;
  sort: NonNullable<QueryRequest['sort']>;
  zone: ZoneChoice;
  casePath: string | null;
  /** The query's count as the status bar has it (null while it is counted). */
  count: Pick<CountResult, 'total' | 'capped'> | null;
}

function defaultPath(casePath: string | null, format: 'csv' | 'jsonl'): string {
  const dir = casePath ? casePath.replace(/[\\/][^\\/]*$/, '') : '.';
  const sep = casePath?.includes('\\') && !casePath.includes('/') ? '\\' : '/';
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${dir}${sep}export-${stamp}.${format}`;
}

export function ExportDialog({ open, onClose, jobs, query, sort, zone, casePath, count }: Props) {
  const api = useApi();
  const [format, setFormat] = useState<'csv' | 'jsonl'>('csv');
  const [columns, setColumns] = useState<ExportColumn[]>(DEFAULT_EXPORT_COLUMNS);
  const [bom, setBom] = useState(false);
  const [timeZone, setTimeZone] = useState(ianaZone(zone));
  const [path, setPath] = useState('');
  const [exportId, setExportId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);

  useEffect(() => {
    if (open && !exportId) { setPath(defaultPath(casePath, format)); setTimeZone(ianaZone(zone)); }
  }, [open]); // only when the dialog opens: later edits are the person's
  useEffect(() => { setPath((p) => p.replace(/\.(csv|jsonl)$/, `.${format}`)); }, [format]);

  const job = exportId ? (jobs.jobs[`export:${exportId}`] as ExportJob | undefined) : undefined;
  const parsed = parseQuery(query);

  const start = async () => {
    setError(null);
    const r = await api.call('export.start', { query, sort, path, format, columns: format === 'csv' ? columns : undefined, bom, timeZone });
    if (!r.ok) { setError(r.error); return; }
    jobs.track('export', r.value.exportId);
    setExportId(r.value.exportId);
  };

  const toggleColumn = (c: ExportColumn) =>
    setColumns((cols) => (cols.includes(c) ? cols.filter((x) => x !== c) : EXPORT_COLUMNS.filter((x) => x === c || cols.includes(x))));

  const close = () => { if (job && job.state !== 'running') setExportId(null); onClose(); };

  return (
    <Dialog title="Export" open={open} onClose={close} wide>
      <p className="export-query">
        <strong>{parsed.ok ? explainQuery(parsed.ast) : query}</strong>
        <span className="muted" data-testid="export-count"> · {count ? `${formatBoundedCount(count.total, count.capped)} ${count.total === 1 ? 'event' : 'events'}` : 'counting…'}</span>
        <span className="muted"> · sorted by {sort.field} {sort.dir === 'asc' ? 'ascending' : 'descending'}</span>
      </p>
      {!exportId ? (
        <form className="export-form" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <fieldset>
            <legend>Format</legend>
            <label className="check-line"><input type="radio" name="format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> CSV (chosen columns)</label>
            <label className="check-line"><input type="radio" name="format" checked={format === 'jsonl'} onChange={() => setFormat('jsonl')} /> JSON Lines (the raw records)</label>
          </fieldset>
          {format === 'csv' && (
            <>
              <fieldset className="column-grid">
                <legend>Columns</legend>
                {EXPORT_COLUMNS.map((c) => (
                  <label key={c} className="check-line"><input type="checkbox" checked={columns.includes(c)} onChange={() => toggleColumn(c)} /> {c}</label>
                ))}
              </fieldset>
              <label className="check-line"><input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> Start with a UTF-8 byte order mark (for Excel)</label>
              <label>Time zone for the time column{' '}
                <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                  {zoneChoices().filter((z) => z !== 'local').map((z) => <option key={z} value={z}>{z}</option>)}
                </select>
              </label>
            </>
          )}
          <label htmlFor="export-path">Save to (a path on this machine; a manifest is written beside it)</label>
          <input id="export-path" type="text" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
          {error && <ErrorNote error={error} />}
          <div className="dialog-actions">
            <button type="submit" className="primary" disabled={path.trim() === '' || (format === 'csv' && columns.length === 0)}>Export</button>
          </div>
        </form>
      ) : !job || job.state === 'running' ? (
        <div className="export-progress" data-state="running">
          <progress max={Math.max(1, job?.progress?.total ?? 1)} value={job?.progress?.rows ?? undefined} aria-label="Export progress" />
          <p>{job?.progress ? `${formatCount(job.progress.rows)} of ${formatCount(job.progress.total)} rows · ${formatDuration(job.progress.elapsedMs)}` : 'Starting…'}</p>
          <button type="button" onClick={() => { void api.call('export.cancel', { exportId }).then((r) => { if (!r.ok) setError(r.error); }); }}>Cancel export</button>
          {error && <ErrorNote error={error} />}
        </div>
      ) : (
        <div className="export-done" data-state={job.state}>
          {job.error && <ErrorNote error={job.error} />}
          {job.state === 'cancelled' && <p role="status">Export cancelled. No file that looks complete was left behind.</p>}
          {job.result && (
            <>
              <p role="status">{job.result.complete ? 'Export complete.' : 'Export incomplete — the manifest says so.'}</p>
              <dl className="fields">
                <dt>File</dt><dd className="wrap" data-testid="export-path">{job.result.path}</dd>
                <dt>Rows</dt><dd data-testid="export-rows">{formatCount(job.result.rows)}</dd>
                <dt>Manifest</dt><dd className="wrap">{job.result.manifestPath}</dd>
                <dt>SHA-256</dt><dd><code className="wrap hash">{job.result.sha256}</code></dd>
                <dt>Time zone</dt><dd>{zoneLabel(job.result.timeZone)}</dd>
                <dt>Sources</dt><dd>{job.result.sources.map((s) => <div key={s.path} className="wrap small">{s.path} — {formatCount(s.rows)} rows</div>)}</dd>
              </dl>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setExportId(null)}>Export again</button>
            <button type="button" className="primary" onClick={close}>Done</button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
