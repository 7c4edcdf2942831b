// CSV reading: header handling, quoted multi-line cells, AuditData-style JSON in cells, delimiters,
// header-only files, ragged rows and broken quotes (rejects that do not stop the rest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertVerbatim, readContent, texts } from './helpers.ts';
import { headerNames } from '../../../electron/engine/import/readers/csvRecords.ts';

test('rows become header → cell objects; text is the verbatim row; lines and offsets are exact', async () => {
  const content = 'CreationDate,UserId,Operation\r\n9/20/2023 4:05:03 AM,alice@x.com,UserLoggedIn\r\n9/21/2023 1:00:00 PM,bob@x.com,FileAccessed\r\n';
  const { rs, records } = await readContent(content, undefined, 'export.raw');
  assert.equal(rs.kind, 'csv');
  assert.equal(records.length, 2);
  assert.deepEqual(records[0]!.value, { CreationDate: '9/20/2023 4:05:03 AM', UserId: 'alice@x.com', Operation: 'UserLoggedIn' });
  assert.equal(records[0]!.text, '9/20/2023 4:05:03 AM,alice@x.com,UserLoggedIn');
  assert.deepEqual(records.map((r) => [r.recordNo, r.line]), [[1, 2], [2, 3]]);
  assertVerbatim(Buffer.from(content), records);
});

test('quoted multi-line cells, doubled quotes and JSON inside a cell (M365 AuditData)', async () => {
  const audit = JSON.stringify({ CreationTime: '2023-09-20T04:05:03', Operation: 'New-InboxRule', Parameters: [{ Name: 'x', Value: 'a "b"' }] });
  const cell = `"${audit.replace(/"/g, '""')}"`;
  const content = `RecordId,AuditData,Note\n1,${cell},"line one\nline two, with comma"\n2,${cell},plain\n`;
  const { records } = await readContent(content);
  assert.equal(records.length, 2);
  assert.equal(records[0]!.value!.AuditData, audit);
  assert.deepEqual(JSON.parse(records[0]!.value!.AuditData!), JSON.parse(audit));
  assert.equal(records[0]!.value!.Note, 'line one\nline two, with comma');
  assert.equal(records[1]!.line, 4);
  assertVerbatim(Buffer.from(content), records);
});

test('delimiters ; tab | are detected', async () => {
  for (const d of [';', '\t', '|']) {
    const { rs, records } = await readContent(`a${d}b${d}c\n1${d}2${d}3\n4${d}5${d}6\n`);
    assert.equal(rs.kind, 'csv', `delimiter ${JSON.stringify(d)}`);
    assert.deepEqual(records.map((r) => r.value), [{ a: '1', b: '2', c: '3' }, { a: '4', b: '5', c: '6' }]);
  }
});

test('a header-only CSV is valid with 0 records', async () => {
  const { rs, records } = await readContent('RecordId,CreationDate,Operation\n');
  assert.equal(rs.kind, 'csv');
  assert.equal(records.length, 0);
});

test('duplicate header names get _2 suffixes, empty ones column_N', async () => {
  assert.deepEqual(headerNames(['a', 'a', '', 'b', 'a', 'a_2']), ['a', 'a_2', 'column_3', 'b', 'a_3', 'a_2_2']);
  const { records } = await readContent('id,id,,name\n1,2,3,x\n');
  assert.deepEqual(records[0]!.value, { id: '1', id_2: '2', column_3: '3', name: 'x' });
});

test('a __proto__ header is an ordinary key', async () => {
  const { records } = await readContent('__proto__,b\nx,y\n');
  const v = records[0]!.value!;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ['__proto__', 'b']);
  assert.equal(Object.getOwnPropertyDescriptor(v, '__proto__')!.value, 'x');
});

test('ragged rows are rejects with papaparse\'s reason and raw text; the rest continues', async () => {
  const content = 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n';
  const { records } = await readContent(content);
  assert.equal(records.length, 4);
  assert.equal(records[1]!.error, 'Too few fields: expected 3 fields but parsed 2');
  assert.equal(records[1]!.text, '4,5');
  assert.equal(records[2]!.error, 'Too many fields: expected 3 fields but parsed 4');
  assert.equal(records[2]!.text, '6,7,8,9');
  assert.deepEqual(records[3]!.value, { a: '10', b: '11', c: '12' });
  assert.equal(records[3]!.line, 5);
});

test('a malformed quote rejects the affected row; later rows are read normally', async () => {
  const content = 'a,b,c\n1,"oops,x\n2,b,c\n3,"q",z\n4,d,e\n';
  const { records } = await readContent(content);
  assert.equal(records.length, 2);
  assert.equal(records[0]!.error, 'Trailing quote on quoted field is malformed');
  assert.equal(records[0]!.text, '1,"oops,x\n2,b,c\n3,"q",z');
  assert.deepEqual(records[1]!.value, { a: '4', b: 'd', c: 'e' });
  assert.equal(records[1]!.line, 5);
});

test('an unterminated quote at the end of the file is a reject', async () => {
  const content = 'a,b\n1,2\n3,"never closed\nmore text';
  const { records } = await readContent(content);
  assert.equal(records.length, 2);
  assert.deepEqual(records[0]!.value, { a: '1', b: '2' });
  assert.equal(records[1]!.error, 'Quoted field unterminated');
  assert.equal(records[1]!.text, '3,"never closed\nmore text');
});

test('blank lines are skipped; a last row without newline is read', async () => {
  const { records } = await readContent('a,b\n\n1,2\n\r\n3,4');
  assert.deepEqual(texts(records), ['1,2', '3,4']);
});

test('a row larger than maxRecordBytes is a reject; the next rows continue', async () => {
  const content = `a,b\n1,"${'x'.repeat(5000)}"\n2,y\n`;
  const { records } = await readContent(content, { maxRecordBytes: 1024 });
  assert.equal(records[0]!.error, 'record exceeds 1 KiB');
  assert.deepEqual(records[1]!.value, { a: '2', b: 'y' });
});

test('UTF-8 BOM before the header is not part of the first header name', async () => {
  const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Id,Op\n1,x\n')]);
  const { rs, records } = await readContent(file);
  assert.equal(rs.encoding, 'utf-8-bom');
  assert.deepEqual(records[0]!.value, { Id: '1', Op: 'x' });
  assertVerbatim(file, records);
});

test('quoted cells spanning read chunks are reassembled exactly', async () => {
  const rows = Array.from({ length: 200 }, (_, i) => `${i},"${'q""'.repeat(500 + i)}\nnext ${i}",end`);
  const content = `id,data,tail\n${rows.join('\n')}\n`;
  const { records } = await readContent(content);
  assert.equal(records.length, 200);
  assert.ok(records.every((r) => !r.error));
  assert.equal(records[199]!.value!.data, `${'q"'.repeat(699)}\nnext 199`);
  assertVerbatim(Buffer.from(content), records);
});

test('a UTF-16LE tab-separated export (Excel "Unicode text") is read as CSV', async () => {
  const text = 'CreationDate\tUserIds\tAuditData\r\n2023-09-20\talice\t"{""a"":1}"\r\n';
  const { rs, records } = await readContent(Buffer.from(`\ufeff${text}`, 'utf16le'));
  assert.equal(rs.encoding, 'utf-16le');
  assert.equal(rs.kind, 'csv');
  assert.deepEqual(records[0]!.value, { CreationDate: '2023-09-20', UserIds: 'alice', AuditData: '{"a":1}' });
});
