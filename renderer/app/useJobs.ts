// Running imports and exports as the whole UI sees them: fed by the host's progress events and, as a
// fallback when the event stream is not available, by polling each job's status once a second. The
// status bar, the import and export dialogs, and the data refresh after an import all read from here.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobStatus, Responses } from '../../shared/contract.ts';
import type { ImportProgress, ImportResult } from '../../shared/importProgress.ts';
import { useApi } from '../api/ApiContext.tsx';

export type ImportJob = { kind: 'import'; id: string; startedAt: number } & JobStatus<ImportProgress, ImportResult>;
export type ExportJob = { kind: 'export'; id: string; startedAt: number } & Responses['export.status'];
export type Job = ImportJob | ExportJob;

const POLL_MS = 1000;

export function useJobs(onImportFinished: () => void) {
  const api = useApi();
  const [jobs, setJobs] = useState<Record<string, Job>>({});
  const finished = useRef(onImportFinished);
  finished.current = onImportFinished;

  const update = useCallback((key: string, patch: (j: Job | undefined) => Job | undefined) => {
    setJobs((all) => {
      const next = patch(all[key]);
      if (!next || next === all[key]) return all;
      if (next.kind === 'import' && next.state !== 'running' && (all[key] === undefined || all[key].state === 'running')) queueMicrotask(() => finished.current());
      return { ...all, [key]: next };
    });
  }, []);

  useEffect(() => api.subscribe((e) => {
    switch (e.type) {
      case 'import.progress':
        update(`import:${e.payload.importId}`, (j) => (j?.kind === 'import' && j.state !== 'running' ? j
          : { kind: 'import', id: e.payload.importId, startedAt: j?.startedAt ?? Date.now(), state: 'running', progress: e.payload, result: null, error: null }));
        break;
      case 'import.done': {
        const id = e.payload.result?.importId ?? e.payload.progress?.importId;
        if (id) update(`import:${id}`, (j) => ({ kind: 'import', id, startedAt: j?.startedAt ?? Date.now(), ...e.payload }));
        break;
      }
      case 'export.progress':
        update(`export:${e.payload.exportId}`, (j) => (j?.kind === 'export' && j.state !== 'running' ? j
          : { kind: 'export', id: e.payload.exportId, startedAt: j?.startedAt ?? Date.now(), state: 'running', progress: e.payload, result: null, error: null }));
        break;
      case 'export.done': {
        const id = e.payload.progress?.exportId;
        if (id) update(`export:${id}`, (j) => ({ kind: 'export', id, startedAt: j?.startedAt ?? Date.now(), ...e.payload }));
        break;
      }
    }
  }), [api, update]);

  // Poll whatever is still running (the event stream may be down, or an event may have been missed).
  const running = Object.values(jobs).filter((j) => j.state === 'running').map((j) => `${j.kind}:${j.id}`).join(',');
  useEffect(() => {
    if (running === '') return;
    const timer = setInterval(() => {
      for (const key of running.split(',')) {
        const [kind, id] = key.split(':') as ['import' | 'export', string];
        if (kind === 'import') {
          void api.call('import.status', { importId: id }).then((r) => {
            if (r.ok) update(key, (j) => (j && j.state !== 'running' ? j : { kind: 'import', id, startedAt: j?.startedAt ?? Date.now(), ...r.value }));
          });
        } else {
          void api.call('export.status', { exportId: id }).then((r) => {
            if (r.ok) update(key, (j) => (j && j.state !== 'running' ? j : { kind: 'export', id, startedAt: j?.startedAt ?? Date.now(), ...r.value }));
          });
        }
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, running, update]);

  const track = useCallback((kind: 'import' | 'export', id: string) => {
    update(`${kind}:${id}`, (j) => j ?? ({ kind, id, startedAt: Date.now(), state: 'running', progress: null, result: null, error: null } as Job));
  }, [update]);

  return { jobs, track };
}

export type JobsApi = ReturnType<typeof useJobs>;
