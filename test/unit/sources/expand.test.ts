// Expanding files and folders into sources: content-based container detection, sorted walks,
// hidden files and symlinks listed but skipped, empty files, missing paths, file hashing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { expandInputs, hashFile } from '../../../electron/engine/import/sources/expand.ts';
import { entriesOf, tmpDir } from '../readers/helpers.ts';
import { makeZip } from './zipWriter.ts';

async function readStream(entry: { open(): Promise<NodeJS.ReadableStream> }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await entry.open()) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test('a plain file is one entry; its stream is the file', async () => {
  const dir = tmpDir();
  const p = join(dir, 'events.log');
  writeFileSync(p, '{"a":1}\n');
  const [e, ...rest] = await entriesOf([p]);
  assert.equal(rest.length, 0);
  assert.deepEqual({ path: e!.path, size: e!.size, container: e!.container, skip: e!.skipReason }, { path: p, size: 8, container: 'file', skip: undefined });
  assert.equal((await readStream(e!)).toString(), '{"a":1}\n');
  assert.equal((await readStream(e!)).toString(), '{"a":1}\n', 'each open() starts over');
});

test('gzip is recognized by its magic bytes, not its name', async () => {
  const dir = tmpDir();
  const p = join(dir, 'no-extension');
  const gz = gzipSync('{"a":1}\n');
  writeFileSync(p, gz);
  const [e] = await entriesOf([p]);
  assert.equal(e!.container, 'gzip');
  assert.equal(e!.path, p);
  assert.equal(e!.size, gz.length);
  assert.equal((await readStream(e!)).toString(), '{"a":1}\n');
});

test('a folder is walked recursively in sorted order; README listed, hidden files and symlinks skipped', async () => {
  const dir = tmpDir();
  mkdirSync(join(dir, 'b-sub'));
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'config'), 'x');
  writeFileSync(join(dir, 'c.json'), '[]');
  writeFileSync(join(dir, 'a.log'), '{}');
  writeFileSync(join(dir, 'README.md'), '# Notes\n');
  writeFileSync(join(dir, '.hidden.json'), '{}');
  writeFileSync(join(dir, 'b-sub', 'inner.ndjson'), '{}\n');
  writeFileSync(join(dir, 'empty.json'), '');
  writeFileSync(join(dir, 'z.zip'), makeZip([{ name: 'm.json', data: '{}' }]));
  symlinkSync(join(dir, 'a.log'), join(dir, 'link.log'));
  symlinkSync(dir, join(dir, 'loop')); // a loop, if it were followed
  const entries = await entriesOf([dir]);
  const summary = entries.map((e) => [e.path.slice(dir.length + 1), e.container, e.skipReason ?? null]);
  assert.deepEqual(summary, [
    ['.git', 'file', 'hidden folder'],
    ['.hidden.json', 'file', 'hidden file'],
    ['README.md', 'file', null], // not decided here: the reader's sniffing says it is not an archive
    ['a.log', 'file', null],
    ['b-sub/inner.ndjson', 'file', null],
    ['c.json', 'file', null],
    ['empty.json', 'file', 'empty file'],
    ['link.log', 'file', 'symbolic link (not followed)'],
    ['loop', 'file', 'symbolic link (not followed)'],
    ['z.zip!m.json', 'zip-member', null],
  ]);
  await assert.rejects(entries[0]!.open(), /not imported: hidden folder/);
});

test('a FIFO in a folder is listed as not a regular file (never opened)', async (t) => {
  const dir = tmpDir();
  try { execFileSync('mkfifo', [join(dir, 'pipe')]); } catch { t.skip('mkfifo not available'); return; }
  const entries = await entriesOf([dir]);
  assert.deepEqual(entries.map((e) => e.skipReason), ['not a regular file']);
});

test('a path that does not exist throws a message naming it', async () => {
  const missing = join(tmpDir(), 'nope.json');
  await assert.rejects(entriesOf([missing]), (e: Error) => e.message === `cannot read ${missing}: no such file or folder`);
});

test('entries are produced lazily: a later missing path only fails when reached', async () => {
  const dir = tmpDir();
  const ok = join(dir, 'ok.json');
  writeFileSync(ok, '{}');
  const it = expandInputs([ok, join(dir, 'missing')]);
  const first = await it.next();
  assert.equal(first.done, false);
  assert.equal(first.value!.path, ok);
  await assert.rejects(it.next(), /missing: no such file or folder/);
});

test('hashFile is the SHA-256 of the file as stored', async () => {
  const dir = tmpDir();
  const p = join(dir, 'a.gz');
  writeFileSync(p, gzipSync('hello'));
  assert.equal(await hashFile(p), createHash('sha256').update(readFileSync(p)).digest('hex'));
  await assert.rejects(hashFile(join(dir, 'missing')), /cannot read .*missing: no such file or folder/);
});
