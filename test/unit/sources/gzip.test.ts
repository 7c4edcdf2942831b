// Gzip files: decompressed on open, bounded against bombs, truncation and corruption reported
// with readable reasons; concatenated gzip members read as one stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import type { SourceEntry } from '../../../electron/engine/import/types.ts';
import { entriesOf, tmpDir } from '../readers/helpers.ts';

async function readAll(entry: SourceEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await entry.open()) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function gzEntry(data: Buffer, opts?: Parameters<typeof entriesOf>[1]): Promise<SourceEntry> {
  const p = join(tmpDir(), 'data.gz');
  writeFileSync(p, data);
  const [e] = await entriesOf([p], opts);
  assert.equal(e!.container, 'gzip');
  return e!;
}

test('concatenated gzip members decompress as one stream', async () => {
  const e = await gzEntry(Buffer.concat([gzipSync('{"a":1}\n'), gzipSync('{"b":2}\n')]));
  assert.equal((await readAll(e)).toString(), '{"a":1}\n{"b":2}\n');
});

test('a gzip bomb is refused by ratio once past the grace size', async () => {
  // 200 MB of zeros compresses to ~200 KB; a low grace keeps the test fast.
  const e = await gzEntry(gzipSync(Buffer.alloc(50 * 1024 * 1024)), { ratioGraceBytes: 2 * 1024 * 1024, maxRatio: 200 });
  await assert.rejects(readAll(e), (err: Error) => err.message === 'decompressed data is more than 200 times larger than its compressed size (decompression bomb?)');
});

test('the total output limit applies whatever the ratio', async () => {
  const e = await gzEntry(gzipSync(randomBytes(3 * 1024 * 1024)), { maxUncompressedBytes: 1024 * 1024 });
  await assert.rejects(readAll(e), /decompressed data exceeds the 1 MiB limit/);
});

test('normal compressible data below the limits passes', async () => {
  const text = Array.from({ length: 50000 }, (_, i) => `{"eventName":"GetObject","i":${i}}`).join('\n');
  const e = await gzEntry(gzipSync(text), { ratioGraceBytes: 64 * 1024 * 1024 });
  assert.equal((await readAll(e)).toString(), text);
});

test('a truncated gzip fails with "the file is truncated"; corrupt data with "is corrupt"', async () => {
  const full = gzipSync(randomBytes(200000).toString('hex'));
  const cut = await gzEntry(full.subarray(0, full.length / 2));
  await assert.rejects(readAll(cut), (err: Error) => err.message === 'gzip data ends early: the file is truncated');
  const bad = Buffer.from(full);
  bad.fill(0xff, 20, 60);
  await assert.rejects(readAll(await gzEntry(bad)), /^Error: gzip data is corrupt: /);
});
