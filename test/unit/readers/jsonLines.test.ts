// JSON Lines splitting: terminators, blank lines, encodings, the size limit and invalid UTF-8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertVerbatim, onlyEntry, readContent, texts, writeTmp } from './helpers.ts';
import { openRecordStream } from '../../../electron/engine/import/readers/index.ts';

const A = '{"id":1,"action":"login"}';
const B = '{"id":2,"action":"logout","note":"é ✓ 😀"}';
const C = '{"id":3}';

test('JSONL with a trailing newline: one record per line, verbatim, with offsets and lines', async () => {
  const content = `${A}\n${B}\n${C}\n`;
  const { rs, records } = await readContent(content);
  assert.equal(rs.kind, 'jsonl');
  assert.equal(rs.encoding, 'utf-8');
  assert.equal(rs.wrapperKey(), null);
  assert.deepEqual(texts(records), [A, B, C]);
  assert.deepEqual(records.map((r) => [r.recordNo, r.line]), [[1, 1], [2, 2], [3, 3]]);
  assert.ok(records.every((r) => r.error === undefined && r.value === undefined));
  assertVerbatim(Buffer.from(content), records);
});

test('JSONL without a trailing newline: the last line is a record', async () => {
  const { records } = await readContent(`${A}\n${C}`);
  assert.deepEqual(texts(records), [A, C]);
});

test('CRLF and mixed CRLF/LF: the text excludes the terminator', async () => {
  const content = `${A}\r\n${B}\n${C}\r\n`;
  const { records } = await readContent(content);
  assert.deepEqual(texts(records), [A, B, C]);
  assertVerbatim(Buffer.from(content), records);
});

test('blank and whitespace-only lines are skipped but still counted in line numbers', async () => {
  const content = `\n${A}\n\n   \n\t\r\n${C}\n\n`;
  const { rs, records } = await readContent(content);
  assert.equal(rs.kind, 'jsonl');
  assert.deepEqual(texts(records), [A, C]);
  assert.deepEqual(records.map((r) => r.line), [2, 6]);
  assertVerbatim(Buffer.from(content), records);
});

test('a single-line file is JSON Lines with one record', async () => {
  const { rs, records } = await readContent(A);
  assert.equal(rs.kind, 'jsonl');
  assert.deepEqual(texts(records), [A]);
});

test('UTF-8 BOM: encoding reported, offsets count the BOM bytes', async () => {
  const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${A}\n${B}\n`)]);
  const { rs, records } = await readContent(file);
  assert.equal(rs.encoding, 'utf-8-bom');
  assert.deepEqual(texts(records), [A, B]);
  assert.equal(records[0]!.byteOffset, 3);
  assertVerbatim(file, records);
});

function utf16(text: string, be: boolean, bom: boolean): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return be ? Buffer.from(le).swap16() : le;
}

for (const [name, be, bom] of [['UTF-16LE', false, true], ['UTF-16BE', true, true], ['BOM-less UTF-16LE', false, false], ['BOM-less UTF-16BE', true, false]] as const) {
  test(`${name} is transcoded to UTF-8; offsets refer to the UTF-8 stream`, async () => {
    const text = `${A}\r\n${B}\r\n${C}`;
    const { rs, records } = await readContent(utf16(text, be, bom));
    assert.equal(rs.encoding, be ? 'utf-16be' : 'utf-16le');
    assert.equal(rs.kind, 'jsonl');
    assert.deepEqual(texts(records), [A, B, C]);
    assertVerbatim(Buffer.from(text, 'utf8'), records);
  });
}

test('a line longer than maxRecordBytes is rejected with its first 64 KiB; the next lines go on', async () => {
  const long = `{"blob":"${'x'.repeat(300 * 1024)}"}`;
  const content = `${A}\n${long}\n${C}\n`;
  const { records } = await readContent(content, { maxRecordBytes: 100 * 1024 });
  assert.equal(records.length, 3);
  assert.equal(records[0]!.text, A);
  assert.equal(records[1]!.error, 'record exceeds 100 KiB');
  assert.equal(records[1]!.text.length, 64 * 1024);
  assert.ok(long.startsWith(records[1]!.text));
  assert.equal(records[1]!.line, 2);
  assert.equal(records[1]!.byteOffset, A.length + 1);
  assert.equal(records[2]!.text, C);
  assert.equal(records[2]!.line, 3);
});

test('the default limit is 64 MiB and is named in the reason', async () => {
  const long = `{"a":"${'y'.repeat(64 * 1024 * 1024)}"}`;
  const { records } = await readContent(`${A}\n${long}\n${C}`);
  assert.equal(records[1]!.error, 'record exceeds 64 MiB');
  assert.equal(records[2]!.text, C);
});

test('a line of exactly maxRecordBytes (with CRLF) is accepted', async () => {
  const line = `{"a":"${'z'.repeat(1000 - 8)}"}`;
  assert.equal(line.length, 1000);
  const { records } = await readContent(`${A}\r\n${line}\r\n`, { maxRecordBytes: 1000 });
  assert.equal(records[1]!.error, undefined);
  assert.equal(records[1]!.text, line);
});

test('invalid UTF-8 in one record rejects only that record, naming the byte', async () => {
  const bad = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
  const file = Buffer.concat([Buffer.from(`${A}\n`), bad, Buffer.from(`\n${C}\n`)]);
  const { records } = await readContent(file);
  assert.equal(records.length, 3);
  assert.equal(records[0]!.error, undefined);
  assert.equal(records[1]!.error, `invalid UTF-8 at byte ${A.length + 1 + 12}`);
  assert.ok(records[1]!.text.startsWith('{"name":"caf'));
  assert.equal(records[2]!.text, C);
});

test('records come in batches of batchSize, numbered continuously', async () => {
  const lines = Array.from({ length: 25 }, (_, i) => `{"n":${i}}`);
  const rs = await openRecordStream(await onlyEntry(writeTmp('b.log', lines.join('\n'))), { batchSize: 10 });
  const sizes: number[] = [];
  const nos: number[] = [];
  for await (const b of rs.batches) { sizes.push(b.length); nos.push(...b.map((r) => r.recordNo)); }
  assert.deepEqual(sizes, [10, 10, 5]);
  assert.deepEqual(nos, Array.from({ length: 25 }, (_, i) => i + 1));
});

test('sha256 and bytesRead cover the bytes as stored (before decoding)', async () => {
  const { createHash } = await import('node:crypto');
  const file = utf16(`${A}\n${C}\n`, false, true);
  const { rs } = await readContent(file);
  assert.equal(rs.bytesRead(), file.length);
  assert.equal(rs.sha256(), createHash('sha256').update(file).digest('hex'));
});

test('records spanning many read chunks are reassembled exactly', async () => {
  const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify({ i, pad: 'p'.repeat(20000 + i * 997) }));
  const content = lines.join('\n');
  const { records } = await readContent(content);
  assert.deepEqual(texts(records), lines);
  assertVerbatim(Buffer.from(content), records);
});
