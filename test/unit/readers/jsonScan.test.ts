// The JSON boundary scanner: envelopes vs events, arrays, concatenated documents, truncation,
// garbage, deep nesting, the size limit, and exact verbatim text/offsets/lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertVerbatim, readContent, texts } from './helpers.ts';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

test('CloudTrail {"Records":[…]} pretty-printed: elements are records, verbatim with inner whitespace', async () => {
  const doc = pretty({ Records: [{ eventTime: '2024-01-01T00:00:00Z', eventName: 'A', nested: { x: [1, 2] } }, { eventTime: 't2', eventName: 'B' }] });
  const { rs, records } = await readContent(doc, undefined, 'x.json.cloudtrail');
  assert.equal(rs.kind, 'json');
  assert.equal(rs.wrapperKey(), 'Records');
  assert.equal(records.length, 2);
  assert.deepEqual(JSON.parse(records[0]!.text), { eventTime: '2024-01-01T00:00:00Z', eventName: 'A', nested: { x: [1, 2] } });
  assert.ok(records[0]!.text.startsWith('{\n      "eventTime"'), 'leading indentation excluded, inner kept');
  assert.equal(records[0]!.line, 3);
  assertVerbatim(Buffer.from(doc), records);
});

test('Google {"kind":…activities,"items":[…],"nextPageToken":…}: unwrapped; trailing metadata ignored', async () => {
  const items = [{ kind: 'admin#reports#activity', id: { time: 't', uniqueQualifier: '1' }, events: [{ name: 'A' }] }, { kind: 'admin#reports#activity', id: { time: 't2' } }];
  const doc = pretty({ kind: 'admin#reports#activities', etag: '"abc"', items, nextPageToken: 'tok' });
  const { rs, records } = await readContent(doc);
  assert.equal(rs.wrapperKey(), 'items');
  assert.deepEqual(records.map((r) => JSON.parse(r.text)), items);
  assertVerbatim(Buffer.from(doc), records);
});

test('Slack {"entries":[…],"response_metadata":{…}}: unwrapped', async () => {
  const entries = [{ id: 'a', date_create: 1, action: 'user_login' }, { id: 'b', date_create: 2, action: 'file_downloaded' }];
  const doc = JSON.stringify({ entries, response_metadata: { next_cursor: '' } });
  const { rs, records } = await readContent(doc);
  assert.equal(rs.kind, 'json'); // one line, but an envelope: the scanner unwraps it
  assert.equal(rs.wrapperKey(), 'entries');
  assert.deepEqual(records.map((r) => JSON.parse(r.text)), entries);
  assertVerbatim(Buffer.from(doc), records);
});

test('Jira {"offset":0,"limit":…,"total":…,"records":[…]}: scalar paging keys before the array are fine', async () => {
  const recs = [{ id: 1, summary: 'User created', created: '2022-01-24T08:48:05.645+0000' }, { id: 2, summary: 'x' }];
  const doc = pretty({ offset: 0, limit: 1000, total: 2, records: recs });
  const { rs, records } = await readContent(doc);
  assert.equal(rs.wrapperKey(), 'records');
  assert.deepEqual(records.map((r) => JSON.parse(r.text)), recs);
});

test('Azure REST {"value":[…],"nextLink":…} with response metadata object first', async () => {
  const doc = pretty({ response_metadata: { next: null }, value: [{ a: 1 }, { b: 2 }], nextLink: 'x' });
  const { rs, records } = await readContent(doc);
  assert.equal(rs.wrapperKey(), 'value');
  assert.equal(records.length, 2);
});

test('a single Google activity with an events[] array is one record (not unwrapped)', async () => {
  const activity = { kind: 'admin#reports#activity', id: { time: '2024', uniqueQualifier: '5' }, actor: { email: 'a@b' }, events: [{ name: 'CHANGE' }, { name: 'OTHER' }] };
  const doc = pretty(activity);
  const { rs, records } = await readContent(doc);
  assert.equal(rs.wrapperKey(), null);
  assert.equal(records.length, 1);
  assert.equal(records[0]!.text, doc);
  // The same object with only `kind` before `events` is still an event (kind is a single activity).
  const { records: r2 } = await readContent(pretty({ kind: 'admin#reports#activity', events: [{ name: 'A' }] }));
  assert.equal(r2.length, 1);
});

test('an object with an event-like scalar key before a wrapper array is an event', async () => {
  const { records } = await readContent(pretty({ eventTime: 't', data: [1, 2, 3] }));
  assert.equal(records.length, 1);
  const { records: r2 } = await readContent(pretty({ specversion: '1.0', id: 'x', data: { a: [1] } }));
  assert.equal(r2.length, 1);
});

test('a bare array: each element is a record, including non-objects', async () => {
  const doc = '[\n  {"a": 1},\n  {"b": [1, {"c": "]}"}]},\n  "str\\"ing",\n  42,\n  null\n]\n';
  const { rs, records } = await readContent(doc);
  assert.equal(rs.kind, 'json');
  assert.deepEqual(texts(records), ['{"a": 1}', '{"b": [1, {"c": "]}"}]}', '"str\\"ing"', '42', 'null']);
  assert.deepEqual(records.map((r) => r.line), [2, 3, 4, 5, 6]);
  assertVerbatim(Buffer.from(doc), records);
});

test('a single pretty object starting with a blank line is one record', async () => {
  const obj = pretty({ activity_id: 1, time: 1700000000000, actor: { user: { name: 'x' } } });
  const doc = `\n${obj}\n`;
  const { rs, records } = await readContent(doc, undefined, 'a.ocsf');
  assert.equal(rs.kind, 'json');
  assert.equal(records.length, 1);
  assert.equal(records[0]!.text, obj);
  assert.equal(records[0]!.line, 2);
  assert.equal(records[0]!.byteOffset, 1);
});

test('concatenated pretty objects (and arrays) are each handled', async () => {
  const a = pretty({ id: 1, x: { y: 1 } });
  const b = pretty({ id: 2 });
  const doc = `${a}\n${b}\n[{"id":3},{"id":4}]\n{"Records":[{"id":5}]}`;
  const { rs, records } = await readContent(doc);
  assert.equal(rs.kind, 'json');
  assert.deepEqual(texts(records), [a, b, '{"id":3}', '{"id":4}', '{"id":5}']);
  assertVerbatim(Buffer.from(doc), records);
});

test('JSON Lines whose lines are envelopes are read as documents (each envelope unwrapped)', async () => {
  const doc = '{"Records":[{"id":1},{"id":2}]}\n{"Records":[{"id":3}]}\n';
  const { rs, records } = await readContent(doc);
  assert.equal(rs.kind, 'json');
  assert.deepEqual(texts(records), ['{"id":1}', '{"id":2}', '{"id":3}']);
});

test('a truncated array: the partial element is a reject with a reason', async () => {
  const doc = '{"Records":[\n  {"id":1},\n  {"id":2, "x": {"deep": [1, 2';
  const { records } = await readContent(doc);
  assert.equal(records.length, 2);
  assert.equal(records[0]!.text, '{"id":1}');
  assert.equal(records[1]!.error, 'unexpected end of file inside a record (file truncated?)');
  assert.equal(records[1]!.text, '{"id":2, "x": {"deep": [1, 2');
  assert.equal(records[1]!.line, 3);
});

test('a truncated array between elements reports that the array is not closed', async () => {
  const { records } = await readContent('[{"id":1},\n');
  assert.equal(records.length, 2);
  assert.match(records[1]!.error!, /array is not closed/);
  const { records: r2 } = await readContent('{"id":1,"actor":{"x":');
  assert.equal(r2.length, 1);
  assert.equal(r2[0]!.error, 'unexpected end of file inside a record (file truncated?)');
  assert.equal(r2[0]!.text, '{"id":1,"actor":{"x":');
});

test('a syntax error inside a balanced element is not the scanner\'s business', async () => {
  const { records } = await readContent('[{"a": 1,, "b": tru}, {"c": 2}]');
  assert.deepEqual(texts(records), ['{"a": 1,, "b": tru}', '{"c": 2}']);
  assert.ok(records.every((r) => !r.error));
});

test('garbage between top-level values is a reject; scanning resumes at the next line starting with { or [', async () => {
  const doc = '{"id":1}\nthis is not json { nor is this\nstill garbage\n  {"id":2}\n';
  const { records } = await readContent(doc);
  assert.equal(records.length, 3);
  assert.equal(records[0]!.text, '{"id":1}');
  assert.match(records[1]!.error!, /not JSON/);
  assert.equal(records[1]!.text, 'this is not json { nor is this\nstill garbage');
  assert.equal(records[1]!.line, 2);
  assert.equal(records[2]!.text, '{"id":2}');
  assert.equal(records[2]!.line, 4);
});

test('a malformed top-level object (unquoted keys) is still one record', async () => {
  const { records } = await readContent('{\n  a: {"x": 1},\n  b: 2\n}\n{"id": 2}');
  assert.deepEqual(texts(records), ['{\n  a: {"x": 1},\n  b: 2\n}', '{"id": 2}']);
});

test('100k-deep nesting neither recurses nor breaks the stream', async () => {
  const depth = 100_000;
  const deep = '['.repeat(depth) + ']'.repeat(depth);
  const doc = `[\n${deep},\n{"after":true}\n]`;
  const { records } = await readContent(doc);
  assert.equal(records.length, 2);
  assert.equal(records[0]!.text, deep);
  assert.equal(records[1]!.text, '{"after":true}');
  const { records: r2 } = await readContent(`{"x":${'{"y":'.repeat(depth)}1${'}'.repeat(depth)}}\n`);
  assert.equal(r2.length, 1);
});

test('an element larger than maxRecordBytes is a reject (first 64 KiB); the next elements go on', async () => {
  const big = { blob: 'b'.repeat(200 * 1024) };
  const doc = pretty({ Records: [{ id: 1 }, big, { id: 3 }] });
  const { records } = await readContent(doc, { maxRecordBytes: 100 * 1024 });
  assert.equal(records.length, 3);
  assert.equal(records[1]!.error, 'record exceeds 100 KiB');
  assert.equal(records[1]!.text.length, 64 * 1024);
  assert.deepEqual(JSON.parse(records[2]!.text), { id: 3 });
  assertVerbatim(Buffer.from(doc), records);
});

test('an envelope whose metadata before the array exceeds the limit still unwraps', async () => {
  const doc = JSON.stringify({ meta: { pad: 'm'.repeat(5000) }, data: [{ id: 1 }, { id: 2 }] });
  const { rs, records } = await readContent(doc, { maxRecordBytes: 1000 });
  assert.equal(rs.wrapperKey(), 'data');
  assert.deepEqual(texts(records), ['{"id":1}', '{"id":2}']);
});

test('multi-byte characters and escaped quotes keep exact byte offsets', async () => {
  const doc = '[{"n":"日本語 \\"q\\" \\\\"},\n {"n":"😀"}]';
  const { records } = await readContent(doc);
  assert.deepEqual(texts(records), ['{"n":"日本語 \\"q\\" \\\\"}', '{"n":"😀"}']);
  assertVerbatim(Buffer.from(doc), records);
});

test('a large document is split exactly whatever the chunk boundaries', async () => {
  const recs = Array.from({ length: 3000 }, (_, i) => ({ i, s: `v${'x'.repeat(i % 700)}"\\`, o: { a: [i, { b: '}]' }] } }));
  const doc = pretty({ kind: 'admin#reports#activities', items: recs });
  const { records } = await readContent(doc);
  assert.equal(records.length, recs.length);
  assert.deepEqual(JSON.parse(records[2999]!.text), recs[2999]);
  assertVerbatim(Buffer.from(doc), records);
});
