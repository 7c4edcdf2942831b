// Failures while reading (truncated gzip, bomb limits, I/O errors) end the batches with one reject
// carrying the reason instead of throwing; pulling is lazy and stopping early releases the source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { openRecordStream, NotAnArchiveError } from '../../../electron/engine/import/readers/index.ts';
import type { SourceEntry } from '../../../electron/engine/import/types.ts';
import { collect, onlyEntry, readFile, writeTmp } from './helpers.ts';

function lines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => JSON.stringify({ i, r: randomBytes(40).toString('hex') }));
}

test('a truncated gzip: complete records, then one reject with the partial text and the reason', async () => {
  const ls = lines(20000);
  const plain = `${ls.join('\n')}\n`;
  const gz = gzipSync(plain);
  const path = writeTmp('cut.json.gz', gz.subarray(0, Math.floor(gz.length / 2)));
  const entry = await onlyEntry(path);
  assert.equal(entry.container, 'gzip');
  const records = await collect(await openRecordStream(entry));
  const last = records.at(-1)!;
  assert.equal(last.error, 'gzip data ends early: the file is truncated');
  const good = records.slice(0, -1);
  assert.ok(good.length > 1000);
  assert.ok(good.every((r, i) => !r.error && r.text === ls[i]));
  assert.ok(ls[good.length]!.startsWith(last.text), 'the reject holds the partial record');
  assert.equal(last.line, good.length + 1);
});

test('a gzip truncated in its header fails to open with a readable reason', async () => {
  const path = writeTmp('hdr.gz', gzipSync('{"a":1}\n').subarray(0, 6));
  await assert.rejects(openRecordStream(await onlyEntry(path)), /gzip data ends early: the file is truncated/);
});

test('a gzip of nothing is not an archive (empty file)', async () => {
  const path = writeTmp('empty.gz', gzipSync(Buffer.alloc(0)));
  await assert.rejects(openRecordStream(await onlyEntry(path)), (e: Error) => e instanceof NotAnArchiveError && /empty file/.test(e.message));
});

test('a bomb limit hit while reading ends the records with a reject naming the limit', async () => {
  const head = '{"a":1}\n{"b":2}\n';
  const path = writeTmp('bomb.log.gz', gzipSync(Buffer.concat([Buffer.from(head), Buffer.alloc(30 * 1024 * 1024, 0x20)])));
  const { records } = await readFile(path, undefined, { ratioGraceBytes: 1024 * 1024, maxRatio: 50 });
  assert.deepEqual(records.slice(0, 2).map((r) => r.text), ['{"a":1}', '{"b":2}']);
  assert.equal(records.length, 3);
  assert.match(records[2]!.error!, /more than 50 times larger than its compressed size/);
  const { records: r2 } = await readFile(path, undefined, { maxUncompressedBytes: 4 * 1024 * 1024 });
  assert.match(r2.at(-1)!.error!, /exceeds the 4 MiB limit/);
});

function entryOf(stream: Readable): SourceEntry {
  return { path: 'mem', size: null, container: 'file', open: async () => stream };
}

test('an I/O error mid-stream becomes the last record (with the pending partial record)', async () => {
  const s = new Readable({ read() {} });
  s.push('{"a":1}\n{"b":2}\n{"c":');
  setTimeout(() => s.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })), 10);
  const records = await collect(await openRecordStream(entryOf(s)));
  assert.deepEqual(records.map((r) => r.text), ['{"a":1}', '{"b":2}', '{"c":']);
  assert.equal(records[2]!.error, 'cannot read the file: EIO: i/o error, read');
});

test('reading is pulled: one batch does not read the whole source; stopping early destroys it', async () => {
  let produced = 0;
  const total = 2000;
  const s = new Readable({
    highWaterMark: 1024,
    read() {
      if (produced >= total) { this.push(null); return; }
      produced++;
      this.push(`${JSON.stringify({ n: produced, pad: 'x'.repeat(1000) })}\n`);
    },
  });
  const rs = await openRecordStream(entryOf(s), { batchSize: 10 });
  for await (const batch of rs.batches) {
    assert.equal(batch.length, 10);
    break;
  }
  assert.ok(produced < total / 2, `read ahead ${produced} of ${total} chunks`);
  assert.ok(s.destroyed, 'the source is released');
});
