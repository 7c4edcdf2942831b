// Worker-thread entry owning the case's write connection for one job: `init` creates or upgrades
// the case file (migrations can take a while on a big case), `import` runs one import. The host's
// thread never holds a write connection, so it never blocks on SQLite.
import { workerData } from 'node:worker_threads';
import { openCase } from '../db/openCase.ts';
import { runImport } from '../import/importJob.ts';
import { serveJob } from './jobWorkerSide.ts';

export type WriterJob =
  | { kind: 'init'; casePath: string }
  | { kind: 'import'; casePath: string; paths: string[]; format?: string };

const job = workerData as WriterJob;

serveJob(async (signal, progress) => {
  const db = openCase(job.casePath, job.kind === 'import' ? { cacheMiB: 256 } : {});
  try {
    if (job.kind === 'init') return null;
    return await runImport(db, {
      paths: job.paths, signal, onProgress: progress,
      ...(job.format !== undefined ? { format: job.format } : {}),
    });
  } finally {
    db.close();
  }
});
