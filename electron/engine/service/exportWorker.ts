// Worker-thread entry for one export: its own read-only connection, runExport streaming the file
// and its manifest, progress forwarded, cancel wired to the abort signal.
import { workerData } from 'node:worker_threads';
import { openCase } from '../db/openCase.ts';
import { runExport } from '../export/index.ts';
import { serveJob } from './jobWorkerSide.ts';
import type { ParsedRequest } from '../../../shared/contract.ts';

export interface ExportJob { casePath: string; request: ParsedRequest<'export.start'>; appVersion: string }

const job = workerData as ExportJob;

serveJob(async (signal, progress) => {
  const db = openCase(job.casePath, { readonly: true });
  try {
    return await runExport(db, job.request, { signal, onProgress: progress, appVersion: job.appVersion });
  } finally {
    db.close();
  }
});
