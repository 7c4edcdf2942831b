// Owns the oversized inputs of the hostile corpus: a 100 MB single line (in JSON Lines, as a whole
// JSON document, and as one CSV cell) and a 48 MB line just under the record limit. They run through
// the CLI in a child process so the peak RSS it reports (`--stats`) is the import's own and an
// out-of-memory could only kill the child, never the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/tmp.ts';
import { checkCase, cli, rejectsOf } from './harness.ts';
import { addInput } from './figures.ts';
import { rec } from './corpus.ts';

const dir = tempDir('av-hostile-big-');
const MiB = 1024 * 1024;
/** Far below what 100 MB held several times over would take; the import's own peak is ~200 MB. */
const RSS_BOUND = 700 * MiB;

/** Writes `head + fill × mib MiB + tail` without ever holding the big part in memory twice. */
function writeBig(name: string, head: string, fill: string, mib: number, tail: string): string {
  const p = join(dir, name);
  const fd = openSync(p, 'w');
  const chunk = Buffer.alloc(MiB, fill);
  writeSync(fd, head);
  for (let i = 0; i < mib; i++) writeSync(fd, chunk);
  writeSync(fd, tail);
  closeSync(fd);
  return p;
}

interface CliSource { path: string; status: string; message?: string; records: number; imported: number; duplicates: number; rejected: number }

function importCli(casePath: string, paths: string[]): { sources: CliSource[]; peak: number; ms: number } {
  const r = cli(['import', '--case', casePath, '--json', '--stats', ...paths], { timeoutMs: 120_000 });
  assert.equal(r.signal, null, `killed: ${r.signal}; ${r.err}`);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { sources: CliSource[]; stats: { peakRssBytes: number; elapsedMs: number } };
  return { sources: out.sources, peak: out.stats.peakRssBytes, ms: out.stats.elapsedMs };
}

test('a 100 MB single line is one reject with a clear reason, in bounded memory (JSONL, JSON document, CSV cell)', { timeout: 120_000 }, async () => {
  const casePath = join(dir, 'big.sqlite');
  const before = `${JSON.stringify(rec(500))}\n`;
  const after = `\n${JSON.stringify(rec(501))}\n`;
  const lines = writeBig('line-100mb.jsonl', `${before}{"id":"huge","blob":"`, 'x', 100, `"}${after}`);
  const doc = writeBig('doc-100mb.json', '{"id":"huge-doc","blob":"', 'y', 100, '"}');
  const csv = writeBig('cell-100mb.csv', 'id,action,blob\r\nc-1,login,small\r\nc-2,login,"', 'z', 100, '"\r\nc-3,logout,small\r\n');
  const { sources, peak, ms } = importCli(casePath, [lines, doc, csv]);
  const [l, d, c] = sources;
  assert.deepEqual([l!.records, l!.imported, l!.rejected], [3, 2, 1]);
  assert.deepEqual([d!.records, d!.imported, d!.rejected], [1, 0, 1]);
  assert.deepEqual([c!.records, c!.imported, c!.rejected], [3, 2, 1]);
  checkCase(casePath);
  for (const [i, s] of sources.entries()) {
    const rej = rejectsOf(casePath, String(i + 1));
    assert.equal(rej.length, 1);
    assert.equal(rej[0]!.reason, 'record exceeds 64 MiB');
    assert.equal(Buffer.byteLength(rej[0]!.text), 64 * 1024, 'the first 64 KiB are kept as the raw text');
    addInput({ input: `100 MB single line (${['JSON Lines', 'JSON document', 'CSV cell'][i]})`, outcome: s.status, recordsIn: [3, 1, 3][i]!, recordsOut: s.records, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected, reason: `rejected: ${rej[0]!.reason}; peak RSS ${Math.round(peak / MiB)} MiB, ${(ms / 1000).toFixed(1)} s` });
  }
  assert.ok(peak < RSS_BOUND, `peak RSS ${Math.round(peak / MiB)} MiB`);
});

test('a 48 MB line under the limit is imported whole, in bounded memory', { timeout: 120_000 }, async () => {
  const casePath = join(dir, 'big48.sqlite');
  const head = '{"id":"big48","timestamp":"2024-01-01T00:00:00Z","action":"huge.record","blob":"';
  const p = writeBig('line-48mb.jsonl', head, 'ab c', 48, '"}\n');
  const { sources, peak, ms } = importCli(casePath, [p]);
  assert.deepEqual([sources[0]!.records, sources[0]!.imported], [1, 1]);
  checkCase(casePath);
  const search = cli(['search', '--case', casePath, '--query', 'action:huge.record', '--json'], { timeoutMs: 60_000 });
  assert.equal(search.code, 0, search.err);
  const found = JSON.parse(search.out) as { total: number; events: { raw: string }[] };
  assert.equal(found.total, 1);
  assert.equal(found.events[0]!.raw.length, head.length + 48 * MiB + 2, 'the raw record is kept whole');
  addInput({ input: '48 MB single line (under the 64 MiB limit)', outcome: 'complete', recordsIn: 1, recordsOut: 1, imported: 1, duplicates: 0, rejected: 0, reason: `imported whole; peak RSS ${Math.round(peak / MiB)} MiB, ${(ms / 1000).toFixed(1)} s` });
  assert.ok(peak < RSS_BOUND, `peak RSS ${Math.round(peak / MiB)} MiB`);
});
