// Import: name files, folders or archives on this machine (in the browser there is no native file
// dialog and a dropped file has no path, so paths are typed or pasted; the desktop app also takes
// drops), follow the progress, cancel, and read the per-source summary with its rejects. The import
// shown is the parent's state, so one the desktop app started (a drop, File ▸ Import) is followed
// here exactly like one started from this form. A second tab lists every source already in the case.
import { useEffect, useState } from 'react';
import type { ErrorPayload } from '../../shared/contract.ts';
import { useApi } from '../api/ApiContext.tsx';
import { useApiCall } from '../api/useApiCall.ts';
import { Dialog } from '../app/Dialog.tsx';
import { ErrorNote } from '../app/ErrorNote.tsx';
import type { ImportJob, JobsApi } from '../app/useJobs.ts';
import { formatDuration } from '../format/time.ts';
import { ImportProgressView } from './ImportProgressView.tsx';
import { ImportSummary } from './ImportSummary.tsx';
import { RejectsView } from './RejectsView.tsx';

interface Props {
  open: boolean;
  onClose(): void;
  jobs: JobsApi;
  /** Names of files dropped on the window, shown as a hint (the browser gives no paths). */
  droppedNames: string[];
  refresh: number;
  /** The import this dialog follows (null: the form to start one). */
  importId: string | null;
  onImportId(id: string | null): void;
}

export function ImportDialog({ open, onClose, jobs, droppedNames, refresh, importId, onImportId }: Props) {
  const api = useApi();
  const [paths, setPaths] = useState('');
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [rejects, setRejects] = useState<{ sourceId: string; path: string } | null>(null);
  const [tab, setTab] = useState<'import' | 'sources'>('import');
  const sources = useApiCall('sources.list', open && tab === 'sources' ? {} : null, refresh);

  // Another import shown: its own Cancel state, its own summary, on the tab that shows it.
  useEffect(() => {
    setCancelling(false);
    setRejects(null);
    if (importId) { setError(null); setTab('import'); }
  }, [importId]);

  const job = importId ? (jobs.jobs[`import:${importId}`] as ImportJob | undefined) : undefined;
  const running = job?.state === 'running';

  const start = async () => {
    const list = paths.split('\n').map((p) => p.trim()).filter(Boolean);
    if (list.length === 0) return;
    setError(null);
    setCancelling(false);
    const r = await api.call('import.start', { paths: list });
    if (!r.ok) { setError(r.error); return; }
    jobs.track('import', r.value.importId);
    onImportId(r.value.importId);
  };

  const cancel = async () => {
    if (!importId) return;
    setCancelling(true);
    const r = await api.call('import.cancel', { importId });
    if (!r.ok) setError(r.error);
  };

  const reset = () => { onImportId(null); setPaths(''); setError(null); setRejects(null); };

  return (
    <Dialog title="Import" open={open} onClose={() => { setRejects(null); onClose(); }} wide>
      <div className="segmented" role="tablist" aria-label="Import views">
        <button type="button" role="tab" aria-selected={tab === 'import'} onClick={() => setTab('import')}>Import archives</button>
        <button type="button" role="tab" aria-selected={tab === 'sources'} onClick={() => setTab('sources')}>Sources in this case</button>
      </div>
      {rejects ? (
        <RejectsView sourceId={rejects.sourceId} path={rejects.path} onBack={() => setRejects(null)} />
      ) : tab === 'sources' ? (
        <div data-state={sources.status}>
          {sources.error && <ErrorNote error={sources.error} />}
          {sources.value && <ImportSummary sources={sources.value.map((s) => ({ ...s, sourceId: s.id }))} onRejects={(sourceId, path) => setRejects({ sourceId, path })} />}
        </div>
      ) : !importId ? (
        <form className="import-form" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <label htmlFor="import-paths">Files, folders or archives on this machine (one per line)</label>
          <textarea id="import-paths" rows={5} value={paths} onChange={(e) => setPaths(e.target.value)} spellCheck={false}
            placeholder={'/cases/acme/cloudtrail/\n/cases/acme/okta-2024-05.ndjson.gz\n/cases/acme/github-audit.zip'} />
          {droppedNames.length > 0 && (
            <p className="note">
              Dropped: {droppedNames.join(', ')}. A browser does not reveal where a dropped file lives — type its full path above
              (the desktop app imports dropped files directly).
            </p>
          )}
          <p className="muted small">Folders are read recursively; .zip and .gz archives are read in place. Formats are detected per file.</p>
          {error && <ErrorNote error={error} />}
          <button type="submit" className="primary" disabled={paths.trim() === ''}>Import</button>
        </form>
      ) : running || !job ? (
        <>
          <ImportProgressView progress={job?.progress ?? null} onCancel={() => void cancel()} cancelling={cancelling} />
          {error && <ErrorNote error={error} />}
        </>
      ) : (
        <div className="import-done" data-state="done">
          <p role="status">
            {job.state === 'done' ? 'Import finished' : job.state === 'cancelled' ? 'Import cancelled' : 'Import failed'}
            {job.result && <> in {formatDuration(job.result.elapsedMs)}</>}.
          </p>
          {job.error && <ErrorNote error={job.error} />}
          {job.result && <ImportSummary sources={job.result.sources} onRejects={(sourceId, path) => setRejects({ sourceId, path })} />}
          <div className="dialog-actions">
            <button type="button" onClick={reset}>Import more</button>
            <button type="button" className="primary" onClick={onClose}>Done</button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
