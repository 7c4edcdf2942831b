// A quick throughput figure for the JSON Lines splitter on a generated 50 MB file: printed, not
// asserted (timings belong to `npm run bench`, not to pass/fail tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRecordStream } from '../../../electron/engine/import/readers/index.ts';
import { onlyEntry, tmpDir } from './helpers.ts';

test('JSON Lines splitting throughput (50 MB, printed)', async (t) => {
  const dir = tmpDir();
  const path = join(dir, 'big.ndjson');
  const line = (i: number) => JSON.stringify({ eventTime: '2024-05-01T12:00:00Z', eventName: 'GetObject', eventID: `id-${i}`, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/alice' }, requestParameters: { bucketName: 'logs', key: `k/${i}` } });
  const parts: string[] = [];
  let size = 0;
  let n = 0;
  while (size < 50 * 1000 * 1000) { const l = line(n++); parts.push(l); size += l.length + 1; }
  writeFileSync(path, `${parts.join('\n')}\n`);
  try {
    const started = performance.now();
    const rs = await openRecordStream(await onlyEntry(path));
    let records = 0;
    for await (const b of rs.batches) records += b.length;
    const secs = (performance.now() - started) / 1000;
    assert.equal(records, n);
    t.diagnostic(`JSONL split: ${(rs.bytesRead() / 1e6 / secs).toFixed(0)} MB/s, ${(records / secs / 1000).toFixed(0)}k records/s (${records} records, ${(rs.bytesRead() / 1e6).toFixed(0)} MB)`);
    console.log(`# JSONL split: ${(rs.bytesRead() / 1e6 / secs).toFixed(0)} MB/s, ${(records / secs / 1000).toFixed(0)}k records/s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
