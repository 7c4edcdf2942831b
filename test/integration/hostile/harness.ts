// Owns how the hostile suite imports and judges: running the real engine (runImport on a real case
// file, or the CLI as a child process), and the checks of issue 7 §1 — per source, records seen =
// imported + duplicates + rejected, every reject readable with its number, line and raw text, every
// source not imported carrying a reason — and of a consistent case (integrity_check, totals equal
// the events table, no half-imported source, facts, raw and FTS rows in step with events).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../../electron/engine/db/openCase.ts';
import { closeCase } from '../../../electron/engine/db/journalMode.ts';
import { runImport, type ImportOptions } from '../../../electron/engine/import/importJob.ts';
import { caseInfo } from '../../../electron/engine/caseInfo.ts';
import { FACT_COLUMNS } from '../../../electron/engine/db/migrations/0003-facts.ts';
import type { ImportResult, SourceResult } from '../../../shared/importProgress.ts';
import { repoRoot } from '../../helpers/tmp.ts';
import { addInput } from './figures.ts';
import { SOURCE_SPAN } from '../../../electron/engine/db/rawBlocks.ts';

export const CLI = join(repoRoot, 'electron', 'cli.ts');

/** Imports with a fresh write connection (as the CLI does), closed afterwards. */
export async function importFiles(casePath: string, paths: string[], opts: Omit<ImportOptions, 'paths'> = {}): Promise<ImportResult> {
  const db = openCase(casePath, { cacheMiB: 64 });
  try {
    return await runImport(db, { paths, ...opts });
  } finally {
    closeCase(db);
  }
}

export function withCase<T>(casePath: string, fn: (db: CaseDb) => T): T {
  const db = openCase(casePath, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The same for work that awaits (an export streams its file before it returns). */
export async function withCaseAsync<T>(casePath: string, fn: (db: CaseDb) => Promise<T>): Promise<T> {
  const db = openCase(casePath, { readonly: true });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/** A reason a person can read: some words, no stack trace, no leaked object dump. */
export function assertReadable(reason: unknown, what: string): asserts reason is string {
  assert.equal(typeof reason, 'string', `${what}: reason is not text`);
  const r = reason as string;
  assert.ok(r.trim().length >= 5, `${what}: reason too short: ${JSON.stringify(r)}`);
  assert.doesNotMatch(r, /\n\s+at \S+ \(|\[object \w+\]|\bundefined\b/, `${what}: reason is not readable: ${r.slice(0, 300)}`);
}

export interface RejectRow { source_id: number; record_no: number | null; line: number | null; byte_offset: number | null; reason: string; text: string }

export function rejectsOf(casePath: string, sourceId: string | null): RejectRow[] {
  if (sourceId === null) return [];
  return withCase(casePath, (db) => db.prepare('SELECT source_id, record_no, line, byte_offset, reason, text FROM rejects WHERE source_id = ? ORDER BY id').all(Number(sourceId)) as RejectRow[]);
}

/**
 * The rule of issue 7 §1 for every source of one import, checked against what the case stores, not
 * only against what the import said.
 */
export function checkRule(casePath: string, result: ImportResult): void {
  withCase(casePath, (db) => {
    for (const s of result.sources) checkSource(db, s);
  });
}

function checkSource(db: CaseDb, s: SourceResult): void {
  const what = `source ${s.path}`;
  if (s.status !== 'complete') {
    assertReadable(s.message, `${what} (${s.status})`);
    assert.equal(s.sourceId, null, `${what}: a ${s.status} source has no row`);
    return;
  }
  assert.equal(s.records, s.imported + s.duplicates + s.rejected, `${what}: records = imported + duplicates + rejected`);
  const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(Number(s.sourceId)) as Record<string, number | string | null> | undefined;
  assert.ok(row, `${what}: its row is in the case`);
  assert.equal(row['status'], 'complete');
  for (const k of ['records', 'imported', 'duplicates', 'rejected', 'events'] as const) assert.equal(row[k], s[k], `${what}: stored ${k}`);

  const rejects = db.prepare('SELECT record_no, line, byte_offset, reason, text FROM rejects WHERE source_id = ?').all(Number(s.sourceId)) as Omit<RejectRow, 'source_id'>[];
  assert.equal(rejects.length, s.rejected, `${what}: one reject row per rejected record`);
  const rejectNos = new Set<number>();
  for (const r of rejects) {
    assertReadable(r.reason, `${what} reject #${r.record_no}`);
    assert.ok(Number.isInteger(r.record_no) && r.record_no! >= 1 && r.record_no! <= s.records, `${what}: reject record number ${r.record_no} within 1..${s.records}`);
    assert.ok(Number.isInteger(r.line) && r.line! >= 1, `${what}: reject line ${r.line}`);
    assert.ok(Number.isInteger(r.byte_offset) && r.byte_offset! >= 0, `${what}: reject byte offset`);
    assert.equal(typeof r.text, 'string', `${what}: reject raw text kept`);
    assert.ok(r.text.length <= 64 * 1024, `${what}: reject text bounded`);
    assert.ok(!rejectNos.has(r.record_no!), `${what}: record ${r.record_no} rejected twice`);
    rejectNos.add(r.record_no!);
  }
  const ev = db.prepare('SELECT count(*) AS n, count(DISTINCT record_no) AS recs, max(record_no) AS maxNo FROM events WHERE source_id = ?').get(Number(s.sourceId)) as { n: number; recs: number; maxNo: number | null };
  assert.equal(ev.n, s.events, `${what}: events stored`);
  assert.equal(ev.recs, s.imported, `${what}: records with an event = imported`);
  assert.ok(ev.maxNo === null || ev.maxNo <= s.records, `${what}: event record numbers within the source`);
  const both = db.prepare('SELECT count(*) FROM rejects r WHERE source_id = ? AND EXISTS (SELECT 1 FROM events e WHERE e.source_id = r.source_id AND e.record_no = r.record_no)').pluck().get(Number(s.sourceId));
  assert.equal(both, 0, `${what}: no record is both imported and rejected`);
}

/** A consistent case: SQLite's own check, no half-imported source, totals equal to the tables. */
export function checkCase(casePath: string): { events: number; sources: number } {
  return withCase(casePath, (db) => {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'PRAGMA integrity_check');
    assert.deepEqual(db.pragma('foreign_key_check'), [], 'foreign keys');
    assert.equal(db.prepare("SELECT count(*) FROM sources WHERE status != 'complete'").pluck().get(), 0, 'no source left importing');
    const info = caseInfo(db, casePath);
    const events = db.prepare('SELECT count(*) FROM events').pluck().get() as number;
    assert.equal(info.totals.events, events, 'info totals = events in the table');
    assert.equal(db.prepare('SELECT count(*) FROM raw WHERE text IS NOT NULL').pluck().get(), events, 'every event reads its raw record');
    assert.equal(db.prepare(`SELECT count(*) FROM raw_blocks WHERE id / ${SOURCE_SPAN} NOT IN (SELECT id FROM sources)`).pluck().get(), 0, 'no raw record block of a removed source');
    assert.equal(db.prepare('SELECT count(*) FROM fts_docsize').pluck().get(), events, 'one FTS row per event');
    // The narrow copy of the filter columns queries scan (migration 3) holds exactly the events' values.
    assert.equal(db.prepare(`SELECT count(*) FROM facts f JOIN events e USING (id) WHERE ${FACT_COLUMNS.split(', ').map((c) => `f.${c} IS e.${c}`).join(' AND ')}`).pluck().get(), events, 'one equal facts row per event');
    assert.equal(db.prepare('SELECT count(*) FROM facts').pluck().get(), events, 'no orphan facts row');
    const rejected = db.prepare("SELECT count(*) FROM rejects r JOIN sources s ON s.id = r.source_id WHERE s.container != 'zip'").pluck().get() as number;
    assert.equal(info.totals.rejected, rejected, 'info rejected = reject rows');
    assert.equal(db.prepare('SELECT count(*) FROM rejects WHERE source_id NOT IN (SELECT id FROM sources)').pluck().get(), 0, 'no orphan reject');
    return { events, sources: info.totals.sources };
  });
}

/** Adds the figure row of one input: its sources' counts summed, the statuses and the distinct reasons. */
export function figure(input: string, casePath: string, result: ImportResult, recordsIn: number | null): void {
  const complete = result.sources.filter((s) => s.status === 'complete');
  const sum = (k: 'records' | 'imported' | 'duplicates' | 'rejected') => complete.reduce((n, s) => n + s[k], 0);
  const others = result.sources.filter((s) => s.status !== 'complete');
  const statuses = [...new Set(result.sources.map((s) => s.status))].join('+');
  const rejectReasons = new Set<string>();
  for (const s of complete) for (const r of rejectsOf(casePath, s.sourceId)) rejectReasons.add(r.reason.replace(/\d{2,}/g, 'N'));
  const reasons = [...others.map((s) => `${s.status}: ${s.message}`), ...[...rejectReasons].map((r) => `rejected: ${r}`)];
  addInput({
    input, outcome: statuses || 'nothing', recordsIn,
    recordsOut: complete.length > 0 ? sum('records') : null,
    imported: sum('imported'), duplicates: sum('duplicates'), rejected: sum('rejected'),
    reason: reasons.join('; ') || (sum('imported') > 0 ? 'all imported' : ''),
  });
}

/**
 * Imports, then checks the rule and the case, and records the figure: the whole of §1 for one input.
 */
export async function tryInput(input: string, casePath: string, paths: string[], recordsIn: number | null, opts: Omit<ImportOptions, 'paths'> = {}): Promise<ImportResult> {
  const result = await importFiles(casePath, paths, opts);
  checkRule(casePath, result);
  checkCase(casePath);
  if (recordsIn !== null) {
    const seen = result.sources.filter((s) => s.status === 'complete').reduce((n, s) => n + s.records, 0);
    assert.equal(seen, recordsIn, `${input}: every record written was seen (no silent loss)`);
  }
  figure(input, casePath, result, recordsIn);
  return result;
}

export interface CliRun { code: number | null; signal: string | null; out: string; err: string; ms: number }

/** Runs the real CLI (`node electron/cli.ts …`) to completion. */
export function cli(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): CliRun {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8', cwd: opts.cwd ?? repoRoot, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}

/** The CLI as a running child process (for kill -9 and for concurrent readers). */
export function cliChild(args: string[], cwd = repoRoot) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, out: () => out, err: () => err };
}

/** A CLI failure as a person sees it: non-zero exit, one clear message, never a crash or a stack. */
export function assertCleanFailure(r: CliRun, message: RegExp, what: string): void {
  assert.equal(r.signal, null, `${what}: not killed by a signal (${r.signal})`);
  assert.notEqual(r.code, 0, `${what}: non-zero exit`);
  assert.ok(r.code !== 70, `${what}: exit 70 means the CLI saw a bug: ${r.err}`);
  assert.match(r.err, message, `${what}: message`);
  assert.doesNotMatch(r.err, /unexpected error|\n\s+at \S+|SqliteError|Error: /, `${what}: no stack trace or raw error: ${r.err}`);
}

export function writeText(dir: string, name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
