// The export sink: the file holds exactly what was written and the hash is of those bytes; a stream
// that fails (at open, mid-way, while the writer waits for drain, before the end) fails the next
// write or the end with its own error instead of hanging; and many writes leave no listeners behind
// (the JSON Lines export once kept a promise reaction per row: 4 GB at 10M rows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ExportSink } from '../../../electron/engine/export/sink.ts';
import { tempDir } from '../../helpers/tmp.ts';

const dir = tempDir();

/** A real Writable that accepts `okBytes` and then fails every write with ENOSPC, slowly draining. */
function fillingDisk(okBytes: number, highWaterMark = 64): Writable {
  let taken = 0;
  return new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, done) {
      taken += chunk.length;
      setTimeout(() => done(taken > okBytes ? Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }) : null), 1);
    },
  });
}

test('the file holds the written text and the hash is of its bytes, multi-byte text included', async () => {
  const path = join(dir, 'ok.txt');
  const sink = new ExportSink(createWriteStream(path, { flags: 'wx', highWaterMark: 16 }));
  const parts = ['a,b\r\n', 'é"漢字"\r\n', '{"x":1}\n'.repeat(200)];
  for (const p of parts) await sink.write(p);
  const sha = await sink.end();
  const bytes = readFileSync(path);
  assert.equal(bytes.toString('utf8'), parts.join(''));
  assert.equal(sha, createHash('sha256').update(bytes).digest('hex'));
});

test('a file that cannot be opened fails the next write with its own error', async () => {
  const sink = new ExportSink(createWriteStream(join(dir, 'missing-dir', 'x.csv'), { flags: 'wx' }));
  await sink.write('first');
  await new Promise((r) => setTimeout(r, 50)); // the open fails asynchronously
  await assert.rejects(sink.write('second'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  await assert.rejects(sink.end(), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
});

test('a stream failing while the writer waits for drain rejects that write, and the end too', async () => {
  const sink = new ExportSink(fillingDisk(100));
  let failed: NodeJS.ErrnoException | null = null;
  try {
    for (let i = 0; i < 1000; i++) await sink.write('x'.repeat(50));
  } catch (e) {
    failed = e as NodeJS.ErrnoException;
  }
  assert.equal(failed?.code, 'ENOSPC');
  await assert.rejects(sink.end(), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC');
});

test('a stream failing as it finishes rejects the end', async () => {
  const sink = new ExportSink(fillingDisk(10, 1024));
  await sink.write('x'.repeat(20)); // accepted into the buffer; the failure comes after
  await assert.rejects(sink.end(), (e: NodeJS.ErrnoException) => e.code === 'ENOSPC');
});

test('many writes, with waits for drain, leave no listeners on the stream', async () => {
  const out = createWriteStream(join(dir, 'many.txt'), { flags: 'wx', highWaterMark: 8 });
  const sink = new ExportSink(out);
  const before = ['drain', 'error', 'close', 'finish'].map((e) => out.listenerCount(e));
  for (let i = 0; i < 2000; i++) await sink.write(`${i}\n`);
  assert.deepEqual(['drain', 'error', 'close', 'finish'].map((e) => out.listenerCount(e)), before);
  await sink.end();
});
