// Worker-thread entry owning the case's write connection for one job: `init` creates or upgrades
// the case file (migrations can take a while on a big case), `import` runs one import, `close`
// settles the journal mode when the service lets the case go. The host's thread never holds a
// write connection, so it never blocks on SQLite.
import { workerData } from 'node:worker_threads';
import { openCase } from '../db/openCase.ts';
import { closeCase } from '../db/journalMode.ts';
import { serveJob } from './jobWorkerSide.ts';

export type WriterJob =
  | { kind: 'init'; casePath: string }
  | { kind: 'import'; casePath: string; paths: string[]; format?: string }
  | { kind: 'close'; casePath: string };

const job = workerData as WriterJob;

serveJob(async (signal, progress) => {
  const db = openCase(job.casePath, job.kind === 'import' ? { cacheMiB: 256 } : { create: job.kind === 'init' });
  try {
    if (job.kind !== 'import') return null;
    // Loaded only for imports: `init` and `close` start quickly without the import pipeline.
    const { runImport } = await import('../import/importJob.ts');
    return await runImport(db, {
      paths: job.paths, signal, onProgress: progress,
      ...(job.format !== undefined ? { format: job.format } : {}),
    });
  } finally {
    // While the service has the case open it stays in WAL mode, so its readers never wait for an
    // import; `close` runs after they are gone and leaves a rollback-journal file (journalMode.ts).
    closeCase(db, { keepWal: job.kind !== 'close' });
  }
});
