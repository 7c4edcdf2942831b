// Bench inputs, cached in bench/data/: the generated file for (format, events, seed), the CSV the
// sqlite3 peer loads, and head-subsets for slow peers. Each cached file has a .meta.json sidecar
// and is written under a temporary name first, so an interrupted run never leaves a half file that
// a later run would trust. The generator's own source hash is part of the key: edit the generator
// and the inputs are rebuilt.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import Papa from 'papaparse';
import { writeEvents } from '../gen/generator.ts';
import { extensionOf } from '../gen/format.ts';
import type { Format } from '../gen/format.ts';

export const DATA_DIR = join(import.meta.dirname, '..', 'data');

export interface Input {
  path: string;
  format: Format;
  events: number;
  bytes: number;
}

function generatorHash(): string {
  const dir = join(import.meta.dirname, '..', 'gen');
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 12);
}

function readMeta(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

function fresh(path: string, key: Record<string, unknown>): boolean {
  const meta = readMeta(path);
  if (!meta || !existsSync(path)) return false;
  return JSON.stringify(meta['key']) === JSON.stringify(key) && meta['bytes'] === statSync(path).size;
}

function commit(tmp: string, path: string, key: Record<string, unknown>): void {
  renameSync(tmp, path);
  writeFileSync(`${path}.meta.json`, JSON.stringify({ key, bytes: statSync(path).size }, null, 2));
}

/** The generated input for these options, generated now unless an identical one is cached. */
export async function benchInput(format: Format, events: number, seed: number, label: string): Promise<Input> {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `${format}-${label}-seed${seed}.${extensionOf(format)}`);
  const key = { format, events, seed, generator: generatorHash() };
  if (fresh(path, key)) {
    process.stderr.write(`input: reusing ${path}\n`);
  } else {
    process.stderr.write(`input: generating ${events} ${format} events → ${path}\n`);
    const s = await writeEvents({ format, events, seed }, `${path}.partial`);
    commit(`${path}.partial`, path, key);
    process.stderr.write(`input: ${s.bytes} bytes in ${s.seconds.toFixed(1)} s\n`);
  }
  return { path, format, events, bytes: statSync(path).size };
}

/** Streams a text file line by line without loading it (lines keep no trailing newline). */
export async function* lines(path: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest;
}

/** A line writer with backpressure and ~1 MB writes. */
class LineWriter {
  private readonly out;
  private batch = '';
  constructor(path: string) { this.out = createWriteStream(path); }
  async write(line: string): Promise<void> {
    this.batch += line + '\n';
    if (this.batch.length < 1 << 20) return;
    const ok = this.out.write(this.batch);
    this.batch = '';
    if (!ok) await once(this.out, 'drain');
  }
  async close(): Promise<void> {
    this.out.end(this.batch);
    await once(this.out, 'finish');
  }
}

/** The first `n` events of the input (plus the CSV header), for peers too slow for the whole file. */
export async function subsetOf(input: Input, n: number): Promise<Input> {
  if (n >= input.events) return input;
  const path = input.path.replace(/\.(\w+)$/, `.first${n}.$1`);
  const key = { source: input.path, sourceBytes: input.bytes, n };
  if (!fresh(path, key)) {
    const w = new LineWriter(`${path}.partial`);
    const limit = n + (input.format === 'backoffice-csv' ? 1 : 0);
    let i = 0;
    for await (const line of lines(input.path)) {
      if (i++ >= limit) break;
      await w.write(line);
    }
    await w.close();
    commit(`${path}.partial`, path, key);
  }
  return { ...input, path, events: n, bytes: statSync(path).size };
}

/** CSV rows as header → cell objects, streamed (papaparse's Node stream mode; async iteration gives backpressure). */
export function csvRows(path: string): AsyncIterable<Record<string, string>> {
  return createReadStream(path).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: true }));
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** time, actor, action, source for the sqlite3 peer's table; the raw record is the fifth column. */
function peerColumns(format: Format, r: Record<string, unknown>): [string, string, string, string] {
  const s = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v));
  const o = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  switch (format) {
    case 'cloudtrail': {
      const u = o(r['userIdentity']);
      return [s(r['eventTime']), s(u['arn'] ?? u['invokedBy'] ?? u['type']), s(r['eventName']), s(r['eventSource'])];
    }
    case 'okta':
      return [s(r['published']), s(o(r['actor'])['alternateId']), s(r['eventType']), 'okta'];
    case 'backoffice-csv':
      return [s(r['Time']), s(r['Actor']), s(r['Event']), 'backoffice'];
  }
}

/**
 * The input as a CSV with columns time,actor,action,source,raw (raw = the record verbatim for JSON
 * lines, the row as JSON for CSV), for `sqlite3 .import`. Built once and cached: not part of any timing.
 */
export async function sqliteCsvOf(input: Input): Promise<string> {
  const path = `${input.path}.sqlite3.csv`;
  const key = { source: input.path, sourceBytes: input.bytes };
  if (fresh(path, key)) return path;
  process.stderr.write(`sqlite3: converting ${input.path} to CSV (once, not timed)\n`);
  const w = new LineWriter(`${path}.partial`);
  await w.write('time,actor,action,source,raw');
  if (input.format === 'backoffice-csv') {
    for await (const r of csvRows(input.path)) await w.write([...peerColumns(input.format, r), JSON.stringify(r)].map(csvCell).join(','));
  } else {
    for await (const line of lines(input.path)) {
      if (line === '') continue;
      const r = JSON.parse(line) as Record<string, unknown>;
      await w.write([...peerColumns(input.format, r), line].map(csvCell).join(','));
    }
  }
  await w.close();
  commit(`${path}.partial`, path, key);
  return path;
}
