// The command-line interface over the engine: import, info (and later search, export, serve).
// With --json, stdout carries exactly one JSON object; progress and messages go to stderr.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { resolve } from 'node:path';
import { openCase, translateSqliteError } from './engine/db/openCase.ts';
import { closeCase } from './engine/db/journalMode.ts';
import { runImport, knownFormats } from './engine/import/importJob.ts';
import { caseInfo } from './engine/caseInfo.ts';
import { AppError, isAppError } from '../shared/errors.ts';
import type { ImportProgress } from '../shared/importProgress.ts';
import { requestSchemas, type EventDetail } from '../shared/contract.ts';
import { countEvents, pageEvents, getEvent } from './engine/query/index.ts';
import { runExport } from './engine/export/index.ts';
import { appVersion } from './engine/appVersion.ts';

const USAGE = `Usage: audit-viewer <command> [options]

Commands:
  import --case FILE PATH... [--format NAME] [--json] [--stats]   import files, folders, .gz and .zip archives
  info   --case FILE [--json]                                      sources with hashes and counts, totals
  search --case FILE [--query Q] [--limit N] [--json]              events matching a query, newest first
  export --case FILE [--query Q] --out PATH [--format csv|jsonl] [--columns a,b,…] [--bom] [--tz ZONE]
                                                                   the query's rows and a manifest beside them
  serve  --case FILE [--port N] [--host H] [ARCHIVE...]            the app in a browser on 127.0.0.1 (prints READY <url>)

Formats for --format: ${knownFormats().join(', ')}`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'import': return cmdImport(rest);
    case 'info': return cmdInfo(rest);
    case 'search': return cmdSearch(rest);
    case 'export': return cmdExport(rest);
    case 'serve': return (await import('./engine/hosts/serveCommand.ts')).serveCommand(rest);
    default: throw new UsageError(`Unknown command "${command}".`);
  }
}

function parse<O extends ParseArgsOptionsConfig>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The case the running command works on, so a failure from deep in the engine can name it. */
let currentCase: string | null = null;

function requireCase(values: Record<string, unknown>): string {
  const c = values['case'];
  if (typeof c !== 'string' || c === '') throw new UsageError('--case FILE is required.');
  currentCase = resolve(c);
  return currentCase;
}

/**
 * Failures as a person reads them: SQLite and file-system errors that escaped the engine (a damaged
 * case read mid-query, a lock or a full disk met outside a source's own error handling) become the
 * app's error codes with their messages, so only real bugs print a stack.
 */
function reportable(e: unknown): unknown {
  if (e instanceof UsageError) return e;
  const where = currentCase ?? 'the case';
  if (isAppError(e)) {
    // The engine sometimes names the case generically; say which file.
    return e.message.includes('the case the case') ? new AppError(e.code, e.message.replaceAll('the case the case', `the case ${where}`), { cause: e }) : e;
  }
  const translated = translateSqliteError(e, where);
  if (translated !== e) return translated;
  if ((e as NodeJS.ErrnoException | null)?.code === 'ENOSPC') {
    return new AppError('disk_full', `The disk is full: ${(e as Error).message}. Free some space and try again.`, { cause: e });
  }
  return e;
}

/** Ctrl+C (or SIGTERM) aborts the returned signal instead of killing the process, saying `message`. */
function cancelOnSignal(message: string | null): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => { if (message) process.stderr.write(`\n${message}\n`); controller.abort(); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: controller.signal, dispose: () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); } };
}

async function cmdImport(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    case: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' }, stats: { type: 'boolean' },
    workers: { type: 'string' },
  });
  const casePath = requireCase(values);
  if (positionals.length === 0) throw new UsageError('Name at least one file or folder to import.');
  const format = values.format as string | undefined;
  if (format !== undefined && !knownFormats().includes(format))
    throw new AppError('bad_request', `Unknown format "${format}". Known formats: ${knownFormats().join(', ')}.`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);

  const db = openCase(casePath, { cacheMiB: 256 });
  const cancel = cancelOnSignal('Cancelling: the source being read will be rolled back…');
  try {
    const result = await runImport(db, {
      paths: positionals.map((p) => resolve(p)), signal: cancel.signal, onProgress: printProgress,
      ...(format !== undefined ? { format } : {}), ...(workers !== undefined ? { workers } : {}),
    });
    process.stderr.write('\n');
    if (values.json) {
      const out: Record<string, unknown> = {
        sources: result.sources.map((s) => ({
          path: s.path, sha256: s.sha256, format: s.format, status: s.status, ...(s.message ? { message: s.message } : {}),
          records: s.records, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected, events: s.events,
        })),
      };
      if (values.stats) out['stats'] = { elapsedMs: result.elapsedMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } else {
      for (const s of result.sources) {
        const counts = s.status === 'complete' ? `${s.records} records: ${s.imported} imported, ${s.duplicates} duplicates, ${s.rejected} rejected` : s.message;
        process.stdout.write(`${s.status.padEnd(16)} ${s.format ?? '-'}  ${s.path}\n${''.padEnd(17)}${counts}\n`);
      }
      process.stdout.write(`Done in ${(result.elapsedMs / 1000).toFixed(1)} s.\n`);
    }
    return result.cancelled ? 130 : result.sources.some((s) => s.status === 'failed') ? 1 : 0;
  } finally {
    cancel.dispose();
    // Unless another process has the case open, it is left a rollback-journal file that opens
    // read-only anywhere (journalMode.ts).
    closeCase(db);
  }
}

function printProgress(p: ImportProgress): void {
  if (!process.stderr.isTTY) return;
  const pct = p.bytesTotal ? ` ${Math.min(100, Math.round((p.bytesRead / p.bytesTotal) * 100))}%` : '';
  process.stderr.write(`\r${p.records} records (${p.recordsPerSecond}/s), ${p.rejected} rejected${pct} ${p.sourcePath ?? ''}`.slice(0, 160).padEnd(80));
}

async function cmdInfo(args: string[]): Promise<number> {
  const { values } = parse(args, { case: { type: 'string' }, json: { type: 'boolean' } });
  const casePath = requireCase(values);
  const db = openCase(casePath, { readonly: true });
  try {
    const info = caseInfo(db, casePath);
    if (values.json) { process.stdout.write(`${JSON.stringify(info)}\n`); return 0; }
    process.stdout.write(`Case ${info.path}: ${info.totals.events} events from ${info.totals.sources} sources, ${info.totals.rejected} rejected records\n`);
    for (const s of info.sources) {
      process.stdout.write(`  #${s.id} ${s.path}\n     ${s.format ?? s.container}  sha256 ${s.sha256}\n     ${s.records} records: ${s.imported} imported, ${s.duplicates} duplicates, ${s.rejected} rejected (${s.events} events)\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}

async function cmdSearch(args: string[]): Promise<number> {
  const { values } = parse(args, { case: { type: 'string' }, query: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
  const casePath = requireCase(values);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0 || limit > 100_000) throw new UsageError('--limit must be a whole number from 0 to 100000.');
  const db = openCase(casePath, { readonly: true });
  try {
    const query = (values.query as string | undefined) ?? '';
    const total = countEvents(db, { query }).total;
    const events: EventDetail[] = [];
    for (let from = 0; from < Math.min(limit, total); from += 1000) {
      const page = pageEvents(db, { query, from, to: Math.min(limit, from + 1000) });
      for (const row of page.rows) events.push(getEvent(db, row.id));
    }
    if (values.json) { process.stdout.write(`${JSON.stringify({ total, events })}\n`); return 0; }
    process.stdout.write(`${total} events match\n`);
    for (const e of events) {
      const when = e.time === null ? '(no time)'.padEnd(24) : new Date(e.time).toISOString();
      process.stdout.write(`${when}  ${e.system ?? '-'}  ${e.action ?? '-'}  ${e.actor ?? '-'}  ${e.status ?? ''}  ${(e.description ?? '').slice(0, 100)}\n`);
    }
    return 0;
  } finally {
    db.close();
  }
}

async function cmdExport(args: string[]): Promise<number> {
  const { values } = parse(args, {
    case: { type: 'string' }, query: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' },
    columns: { type: 'string' }, bom: { type: 'boolean' }, tz: { type: 'string' },
  });
  const casePath = requireCase(values);
  if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out PATH is required.');
  const request = requestSchemas['export.start'].safeParse({
    query: values.query ?? '', path: resolve(values.out), format: values.format ?? 'csv', bom: values.bom ?? false, timeZone: values.tz ?? 'UTC',
    ...(values.columns ? { columns: (values.columns as string).split(',').map((c) => c.trim()) } : {}),
  });
  if (!request.success) throw new UsageError(request.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  const db = openCase(casePath, { readonly: true });
  // Ctrl+C cancels: runExport removes its partial file, so nothing is left that looks like an export.
  const cancel = cancelOnSignal(null);
  try {
    const result = await runExport(db, request.data, {
      appVersion, signal: cancel.signal,
      onProgress: (p) => process.stderr.write(`\rExporting: ${p.rows} of ${p.total} rows`),
    });
    process.stderr.write(`\n${result.rows} rows written to ${result.path}\n`);
    process.stdout.write(`${result.manifestPath}\n`);
    return 0;
  } catch (e) {
    if (!isAppError(e) || e.code !== 'cancelled') throw e;
    process.stderr.write(`\n${e.message}\n`);
    return 130;
  } finally {
    cancel.dispose();
    db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (thrown: unknown) => {
    const e = reportable(thrown);
    if (e instanceof UsageError) process.stderr.write(`audit-viewer: ${e.message}\n\n${USAGE}\n`);
    else if (isAppError(e)) process.stderr.write(`audit-viewer: ${e.message}${e.position === undefined ? '' : ` (at column ${e.position + 1})`}\n`);
    else process.stderr.write(`audit-viewer: unexpected error (a bug): ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = e instanceof UsageError || isAppError(e) ? 2 : 70;
  },
);
