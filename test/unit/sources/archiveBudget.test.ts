// The archive-wide decompression budget: many zip entries (or many central-directory entries
// overlapping one compressed stream) that each stay under the per-member limits are still stopped
// once the archive as a whole has produced more than maxRatio × its size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { openRecordStream } from '../../../electron/engine/import/readers/index.ts';
import { expandInputs } from '../../../electron/engine/import/sources/expand.ts';
import { collect, entriesOf, tmpDir } from '../readers/helpers.ts';

/** `count` central entries all pointing at one deflated member (the overlapping-files bomb). */
function overlapping(data: Buffer, count: number): Buffer {
  const body = deflateRawSync(data);
  const name = Buffer.from('a.json');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(data) >>> 0, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const n = Buffer.from(`m${i}.json`);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc32(data) >>> 0, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    central.push(c, n);
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(local.length + name.length + body.length, 16);
  return Buffer.concat([local, name, body, cd, eocd]);
}

test('overlapping entries under every per-member limit are stopped by the archive budget, the rest listed unread', async () => {
  const dir = tmpDir();
  const member = Buffer.concat([Buffer.from('{"id":1}\n'), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
  const p = join(dir, 'overlap.zip');
  writeFileSync(p, overlapping(member, 50));
  // Per member: 2 MiB is under the 4 MiB grace. Archive: ~2 KB × 100 → stops after about 4 MiB.
  const limits = { ratioGraceBytes: 4 * 1024 * 1024, maxRatio: 100 };
  let read = 0;
  let refused = 0;
  // Lazily, as an import does: listing the next member happens after reading the previous one.
  for await (const e of expandInputs([p], limits)) {
    if (e.skipReason) { refused++; assert.match(e.skipReason, /zip bomb/); continue; }
    read++;
    // The budget can run out before a member's first bytes (the open fails, the import lists the
    // member as failed with this reason) or while reading it (its last record is the reject).
    try {
      const records = await collect(await openRecordStream(e));
      if (records.at(-1)?.error) assert.match(records.at(-1)!.error!, /zip bomb/);
    } catch (err) {
      assert.match((err as Error).message, /zip bomb/);
    }
  }
  assert.equal(read + refused, 50);
  assert.ok(read <= 3, `${read} members read before the budget ran out`);
});

test('reading the same member twice is not counted twice', async () => {
  const dir = tmpDir();
  const p = join(dir, 'one.zip');
  writeFileSync(p, overlapping(Buffer.concat([Buffer.from('{"id":1}\n'), Buffer.alloc(3 * 1024 * 1024, 0x20)]), 1));
  const [e] = await entriesOf([p], { ratioGraceBytes: 4 * 1024 * 1024, maxRatio: 100 });
  for (let i = 0; i < 3; i++) assert.equal((await collect(await openRecordStream(e!))).filter((r) => r.error).length, 0);
});
