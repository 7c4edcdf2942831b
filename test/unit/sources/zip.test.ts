// Zip containers: members as entries (never extracted), gzip members, one level of nested zip,
// hostile member names kept as labels, zip bombs and corrupt archives refused with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openRecordStream } from '../../../electron/engine/import/readers/index.ts';
import type { SourceEntry } from '../../../electron/engine/import/types.ts';
import { collect, entriesOf, tmpDir } from '../readers/helpers.ts';
import { makeZip } from './zipWriter.ts';

async function readAll(entry: SourceEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await entry.open()) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

function zipFile(dir: string, name: string, zip: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, zip);
  return p;
}

test('each member is an entry (directories ignored); a gzip member is gunzipped', async () => {
  const dir = tmpDir();
  const p = zipFile(dir, 'export.zip', makeZip([
    { name: 'logs/', data: '', method: 0 },
    { name: 'logs/a.json', data: '{"Records":[{"id":1},{"id":2}]}' },
    { name: 'logs/b.ndjson', data: '{"id":3}\n{"id":4}\n', method: 0 },
    { name: 'logs/c.json.gz', data: gzipSync('{"id":5}\n') },
    { name: 'README.txt', data: 'Exported by the admin console.\n' },
  ]));
  const entries = await entriesOf([p]);
  assert.deepEqual(entries.map((e) => [e.path, e.container, e.parentPath, e.size]), [
    [`${p}!logs/a.json`, 'zip-member', p, 31],
    [`${p}!logs/b.ndjson`, 'zip-member', p, 18],
    [`${p}!logs/c.json.gz`, 'zip-member', p, gzipSync('{"id":5}\n').length],
    [`${p}!README.txt`, 'zip-member', p, 31],
  ]);
  assert.equal((await readAll(entries[2]!)).toString(), '{"id":5}\n');
  const texts: string[] = [];
  for (const e of entries.slice(0, 3)) for (const r of await collect(await openRecordStream(e))) texts.push(r.text);
  assert.deepEqual(texts, ['{"id":1}', '{"id":2}', '{"id":3}', '{"id":4}', '{"id":5}']);
  assert.equal((await readAll(entries[1]!)).toString(), '{"id":3}\n{"id":4}\n', 'members can be reopened');
});

test('a zip inside a zip is expanded one level; deeper nesting is listed with a reason', async () => {
  const dir = tmpDir();
  const deepest = makeZip([{ name: 'x.json', data: '{}' }]);
  const inner = makeZip([{ name: 'in.json', data: '[{"id":1}]' }, { name: 'deeper.zip', data: deepest }, { name: 'in2.log', data: '{"id":2}\n' }]);
  const p = zipFile(dir, 'outer.zip', makeZip([{ name: 'first.json', data: '{"id":0}' }, { name: 'inner.zip', data: inner }]));
  const entries = await entriesOf([p]);
  assert.deepEqual(entries.map((e) => [e.path.slice(dir.length + 1), e.parentPath?.slice(dir.length + 1), e.skipReason ?? null]), [
    ['outer.zip!first.json', 'outer.zip', null],
    ['outer.zip!inner.zip!in.json', 'outer.zip!inner.zip', null],
    ['outer.zip!inner.zip!deeper.zip', 'outer.zip!inner.zip', 'zip nested more than one level deep is not expanded'],
    ['outer.zip!inner.zip!in2.log', 'outer.zip!inner.zip', null],
  ]);
  assert.equal((await readAll(entries[1]!)).toString(), '[{"id":1}]');
  assert.equal((await readAll(entries[3]!)).toString(), '{"id":2}\n');
});

test('a nested zip over maxNestedZipBytes is listed, not buffered', async () => {
  const dir = tmpDir();
  const inner = makeZip([{ name: 'in.json', data: 'x'.repeat(5000), method: 0 }]);
  const p = zipFile(dir, 'o.zip', makeZip([{ name: 'inner.zip', data: inner }]));
  const entries = await entriesOf([p], { maxNestedZipBytes: 1024 });
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.skipReason, 'nested zip larger than 1 KiB is not expanded');
});

test('hostile member names are only labels: escaped for display, nothing written to disk', async () => {
  const dir = tmpDir();
  const work = join(dir, 'work');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(work);
  const p = zipFile(work, 'evil.zip', makeZip([
    { name: '../evil.json', data: '{"id":1}' },
    { name: '/etc/abs.json', data: '{"id":2}' },
    { name: 'C:\\win\\back.json', data: '{"id":3}' },
    { name: 'bell\u0007\u001b[31mred\u202Egnp.json', data: '{"id":4}' },
  ]));
  const entries = await entriesOf([p]);
  assert.deepEqual(entries.map((e) => e.path.slice(p.length + 1)), [
    '../evil.json',
    '/etc/abs.json',
    'C:\\win\\back.json',
    'bell\\x07\\x1b[31mred\\u{202e}gnp.json',
  ]);
  for (const e of entries) assert.equal((await collect(await openRecordStream(e))).length, 1);
  assert.deepEqual(readdirSync(dir).sort(), ['work']);
  assert.deepEqual(readdirSync(work), ['evil.zip']);
});

test('a zip bomb member is refused by ratio with a readable reason', async () => {
  const dir = tmpDir();
  const bomb = Buffer.concat([Buffer.from('{"id":1}\n'), Buffer.alloc(40 * 1024 * 1024, 0x20)]);
  const p = zipFile(dir, 'bomb.zip', makeZip([{ name: 'bomb.ndjson', data: bomb }]));
  const [entry] = await entriesOf([p], { ratioGraceBytes: 1024 * 1024, maxRatio: 100 });
  await assert.rejects(readAll(entry!), /more than 100 times larger than its compressed size \(decompression bomb\?\)/);
  const records = await collect(await openRecordStream(entry!));
  assert.equal(records[0]!.text, '{"id":1}');
  assert.match(records.at(-1)!.error!, /decompression bomb/);
});

test('a member declaring more than maxUncompressedBytes is listed with a reason', async () => {
  const dir = tmpDir();
  const p = zipFile(dir, 'big.zip', makeZip([{ name: 'a.json', data: 'x'.repeat(3000) }]));
  const [e] = await entriesOf([p], { maxUncompressedBytes: 1024 });
  assert.match(e!.skipReason!, /over the 1 KiB limit/);
});

test('a member whose real size differs from its declared size fails (yauzl validation stays on)', async () => {
  const dir = tmpDir();
  const p = zipFile(dir, 'lie.zip', makeZip([{ name: 'a.ndjson', data: '{"id":1}\n{"id":2}\n{"id":3}\n', declaredSize: 9 }]));
  const [e] = await entriesOf([p]);
  await assert.rejects(readAll(e!), /zip member is corrupt: too many bytes in the stream/);
});

test('a corrupt member and a corrupt archive are reported with readable reasons', async () => {
  const dir = tmpDir();
  const good = makeZip([{ name: 'a.ndjson', data: Array.from({ length: 2000 }, (_, i) => `{"id":${i},"v":"${i * 7919}"}`).join('\n') }]);
  const broken = Buffer.from(good);
  for (let i = 60; i < 400; i++) broken[i] = broken[i]! ^ 0x5a; // damage the deflate data
  const p = zipFile(dir, 'broken.zip', broken);
  const [e] = await entriesOf([p]);
  if (e!.skipReason) assert.match(e!.skipReason, /zip member (is corrupt|data ends early)/);
  else {
    const records = await collect(await openRecordStream(e!).catch((err: Error) => { throw err; }));
    assert.match(records.at(-1)!.error!, /zip member (is corrupt|data ends early)/);
  }
  const cut = zipFile(dir, 'cut.zip', good.subarray(0, good.length - 30));
  const entries = await entriesOf([cut]);
  assert.equal(entries.length, 1);
  assert.equal(entries[0]!.path, cut);
  assert.match(entries[0]!.skipReason!, /^zip archive is corrupt: /);
});

test('empty zips, empty, encrypted, hidden and __MACOSX members are listed with reasons', async () => {
  const dir = tmpDir();
  const empty = zipFile(dir, 'empty.zip', makeZip([]));
  const mixed = zipFile(dir, 'mixed.zip', makeZip([
    { name: 'zero.json', data: '' },
    { name: 'secret.json', data: '{}', flags: 0x1 },
    { name: 'logs/.hidden.json', data: '{}' },
    { name: '__MACOSX/logs/._a.json', data: 'x' },
    { name: 'logs/a.json', data: '{}' },
  ]));
  const entries = await entriesOf([empty, mixed]);
  assert.deepEqual(entries.map((e) => [e.path.slice(dir.length + 1), e.skipReason]), [
    ['empty.zip', 'zip archive contains no files'],
    ['mixed.zip!zero.json', 'empty file'],
    ['mixed.zip!secret.json', 'encrypted zip member (not supported)'],
    ['mixed.zip!logs/.hidden.json', 'hidden file'],
    ['mixed.zip!__MACOSX/logs/._a.json', 'macOS resource fork (not data)'],
    ['mixed.zip!logs/a.json', undefined],
  ]);
});
