// The `serve` command: opens a case through the case service, imports any archives named on the
// command line, and serves the renderer plus the API on loopback. stdout carries exactly one line,
// `READY <url>`, once listening (scripts and tests wait for it); everything else goes to stderr.
// Runnable on its own (`node electron/engine/hosts/serveCommand.ts …`) and from the CLI.
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { isAppError } from '../../../shared/errors.ts';
import type { ProgressEvent } from '../../../shared/contract.ts';
import { createCaseService } from '../service/caseService.ts';
import { createDispatch } from './dispatch.ts';
import { startHttpHost } from './httpHost.ts';
import { isLoopbackHost } from './httpGuards.ts';
import { rendererBuilt } from './staticFiles.ts';

export const SERVE_USAGE = `Usage: audit-viewer serve --case FILE [--port N] [--host H] [ARCHIVE…]

Serves the review workspace and its API on http://127.0.0.1 (a free port unless --port is given).
Archives named are imported into the case at start. Prints one line, READY <url>, when listening;
open that URL (it carries the session's token). Stop with Ctrl+C.

  --case FILE    the case file (created when missing)
  --port N       port to listen on (default 0: any free port)
  --host H       interface to listen on (default 127.0.0.1). Anything but loopback exposes the case
                 to the network (still token-protected) and is refused unless named here.
  --renderer DIR another built renderer folder to serve (default: dist/renderer)`;

const DEFAULT_RENDERER = join(import.meta.dirname, '..', '..', '..', 'dist', 'renderer');
const PROGRESS_EVERY_MS = 2000;

export async function serveCommand(args: string[]): Promise<number> {
  let values: { case?: string | undefined; port?: string | undefined; host?: string | undefined; renderer?: string | undefined; help?: boolean | undefined };
  let archives: string[];
  try {
    const parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: { case: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, renderer: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    values = parsed.values;
    archives = parsed.positionals;
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
  if (values.help) { process.stderr.write(`${SERVE_USAGE}\n`); return 0; }
  if (!values.case) return usage('--case FILE is required.');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
  const host = values.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    process.stderr.write(`\n*** WARNING: serving on ${host}, not loopback. Other machines on that network can reach this server.\n`
      + `*** Anyone who learns the printed URL can read every event in ${values.case}. Use only on a network you trust.\n\n`);
  }
  const rendererDir = resolve(values.renderer ?? DEFAULT_RENDERER);
  if (!rendererBuilt(rendererDir)) process.stderr.write(`audit-viewer: the renderer is not built (${rendererDir}); the page will say so. Build it with: npm run build:renderer\n`);

  const service = createCaseService({ casePath: values.case });
  try {
    await service.ready;
  } catch (e) {
    await service.close();
    process.stderr.write(`audit-viewer: ${isAppError(e) ? e.message : `cannot open the case (a bug): ${e instanceof Error ? e.stack : String(e)}`}\n`);
    return 2;
  }

  const dispatch = createDispatch(service.handlers);
  let httpHost;
  try {
    httpHost = await startHttpHost({ dispatch, subscribe: service.events.subscribe, rendererDir, host, port });
  } catch (e) {
    await service.close();
    process.stderr.write(`audit-viewer: cannot listen on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const unlog = service.events.subscribe(logProgress());
  // Listening for the stop before READY: a script may send SIGTERM the moment it reads the line, and
  // the case must still be closed cleanly.
  const stopped = new Promise<NodeJS.Signals>((done) => {
    const on = (s: NodeJS.Signals) => { process.off('SIGINT', on); process.off('SIGTERM', on); done(s); };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
  process.stdout.write(`READY ${httpHost.url}\n`);
  process.stderr.write(`audit-viewer: serving ${service.casePath} — open the READY address above. Ctrl+C stops.\n`);

  if (archives.length > 0) {
    const started = await dispatch('import.start', { paths: archives.map((a) => resolve(a)) });
    if (!started.ok) process.stderr.write(`audit-viewer: import not started: ${started.error.message}\n`);
  }

  const signal = await stopped;
  process.stderr.write(`audit-viewer: ${signal}: stopping (an import in progress is rolled back)…\n`);
  unlog();
  await httpHost.close();
  await service.close();
  return 0;
}

function usage(message: string): number {
  process.stderr.write(`audit-viewer: ${message}\n\n${SERVE_USAGE}\n`);
  return 2;
}

/** Import/export progress on stderr: a line every few seconds and a summary at the end. */
function logProgress(): (e: ProgressEvent) => void {
  let last = 0;
  return (e) => {
    if (e.type === 'import.progress') {
      if (Date.now() - last < PROGRESS_EVERY_MS) return;
      last = Date.now();
      process.stderr.write(`import: ${e.payload.records} records (${e.payload.recordsPerSecond}/s), ${e.payload.rejected} rejected${e.payload.sourcePath ? ` — ${e.payload.sourcePath}` : ''}\n`);
    } else if (e.type === 'import.done') {
      const s = e.payload;
      if (s.state === 'failed') { process.stderr.write(`import failed: ${s.error?.message}\n`); return; }
      for (const src of s.result?.sources ?? []) {
        process.stderr.write(`import: ${src.status.padEnd(16)} ${src.path}${src.status === 'complete' ? ` — ${src.records} records, ${src.rejected} rejected` : src.message ? ` — ${src.message}` : ''}\n`);
      }
      process.stderr.write(`import ${s.state} in ${((s.result?.elapsedMs ?? 0) / 1000).toFixed(1)} s.\n`);
    } else if (e.type === 'export.done') {
      process.stderr.write(`export ${e.payload.state}${e.payload.result ? `: ${e.payload.result.path}` : ''}\n`);
    }
  };
}

if (import.meta.main) {
  serveCommand(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
