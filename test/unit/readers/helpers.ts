// Test helper for the reader tests: temp files, opening them through the real source expansion,
// and collecting every record of a stream.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { expandInputs } from '../../../electron/engine/import/sources/expand.ts';
import type { ExpandOptions } from '../../../electron/engine/import/sources/expand.ts';
import { openRecordStream } from '../../../electron/engine/import/readers/index.ts';
import type { ReaderOptions, RecordStream } from '../../../electron/engine/import/readers/index.ts';
import type { RawRecord, SourceEntry } from '../../../electron/engine/import/types.ts';

export const corpora = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora');

const made: string[] = [];
process.on('exit', () => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

/** A fresh temp folder, removed when the test process exits. */
export function tmpDir(): string {
  const d = mkdtempSync(join(os.tmpdir(), 'av-'));
  made.push(d);
  return d;
}

export function writeTmp(name: string, content: string | Buffer, dir = tmpDir()): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

export async function entriesOf(paths: string[], opts?: ExpandOptions): Promise<SourceEntry[]> {
  const out: SourceEntry[] = [];
  for await (const e of expandInputs(paths, opts)) out.push(e);
  return out;
}

export async function onlyEntry(path: string, opts?: ExpandOptions): Promise<SourceEntry> {
  const all = await entriesOf([path], opts);
  assert.equal(all.length, 1, `expected one entry for ${path}`);
  return all[0]!;
}

export async function collect(rs: RecordStream): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const batch of rs.batches) out.push(...batch);
  return out;
}

/** Reads a file (through expandInputs, so .gz works) and returns its stream and all its records. */
export async function readFile(path: string, opts?: ReaderOptions, expand?: ExpandOptions): Promise<{ rs: RecordStream; records: RawRecord[] }> {
  const rs = await openRecordStream(await onlyEntry(path, expand), opts);
  return { rs, records: await collect(rs) };
}

/** Reads in-memory content written to a temp file. */
export function readContent(content: string | Buffer, opts?: ReaderOptions, name = 'input.log') {
  return readFile(writeTmp(name, content), opts);
}

/** Asserts each record's text is the exact slice of `file` at its byteOffset, and its line. */
export function assertVerbatim(file: Buffer, records: RawRecord[]): void {
  for (const r of records) {
    if (r.error) continue;
    const len = Buffer.byteLength(r.text);
    assert.equal(file.subarray(r.byteOffset, r.byteOffset + len).toString('utf8'), r.text, `record ${r.recordNo} at ${r.byteOffset}`);
    const line = file.subarray(0, r.byteOffset).toString('latin1').split('\n').length;
    assert.equal(r.line, line, `record ${r.recordNo} line`);
  }
}

export function texts(records: RawRecord[]): string[] {
  return records.map((r) => r.text);
}
