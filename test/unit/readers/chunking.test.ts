// The splitters give the same records whatever the chunk boundaries (every record, reject, offset
// and line identical when fed one byte at a time, in random chunks, or all at once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordSink } from '../../../electron/engine/import/readers/recordSink.ts';
import type { Splitter } from '../../../electron/engine/import/readers/recordSink.ts';
import { JsonScanner } from '../../../electron/engine/import/readers/jsonScanner.ts';
import { JsonLinesSplitter } from '../../../electron/engine/import/readers/jsonLines.ts';
import { CsvRowSplitter } from '../../../electron/engine/import/readers/csvRows.ts';
import { CsvRecordBuilder } from '../../../electron/engine/import/readers/csvRecords.ts';
import type { RawRecord } from '../../../electron/engine/import/types.ts';

type Make = (sink: RecordSink) => Splitter;

function run(make: Make, input: Buffer, sizes: () => number, limit = 200): RawRecord[] {
  const sink = new RecordSink(limit);
  const s = make(sink);
  for (let i = 0; i < input.length;) { const n = sizes(); s.push(input.subarray(i, i + n)); i += n; }
  s.end();
  return sink.out;
}

function sameEverywhere(make: Make, doc: string | Buffer): RawRecord[] {
  const input = typeof doc === 'string' ? Buffer.from(doc) : doc;
  const whole = run(make, input, () => input.length || 1);
  assert.deepEqual(run(make, input, () => 1), whole, 'byte by byte');
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return 1 + (seed % 13); };
  for (let k = 0; k < 5; k++) assert.deepEqual(run(make, input, rnd), whole, 'random chunks');
  return whole;
}

const json: Make = (sink) => new JsonScanner(sink, 0);
const jsonl: Make = (sink) => new JsonLinesSplitter(sink, 0);
const csv: Make = (sink) => { const b = new CsvRecordBuilder(sink, ','); return new CsvRowSplitter(sink, ',', 0, (l, o, r) => b.row(l, o, r)); };

test('JSON scanner: envelopes, arrays, escapes, garbage, truncation, oversize', () => {
  const docs = [
    '{"kind":"admin#reports#activities","items":[{"a":"x\\"]}"},\n {"b":[1,2,{"c":"日本"}]}],"next":"t"}',
    '[\n 1, "s\\\\", {"k":"v"}, null\n]\n{"id":1,"events":[{"x":1}]}\n',
    '{"id":1}\ngarbage here\n{"id":2}',
    `[{"big":"${'b'.repeat(300)}"},{"ok":1}]`,
    '{"Records":[{"a":1},{"b":',
  ];
  const out = docs.map((d) => sameEverywhere(json, d));
  assert.equal(out[0]!.length, 2);
  assert.equal(out[3]![0]!.error, 'record exceeds 200 bytes');
  assert.match(out[4]!.at(-1)!.error!, /truncated/);
});

test('JSON Lines: CRLF, blank lines, oversize, invalid UTF-8, last line without newline', () => {
  const doc = Buffer.concat([
    Buffer.from(`{"a":1}\r\n\r\n  \n{"b":"é"}\n{"big":"${'x'.repeat(300)}"}\r\n{"c":"`),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('"}\n{"d":4}'),
  ]);
  const out = sameEverywhere(jsonl, doc);
  assert.deepEqual(out.map((r) => r.error ?? r.text), ['{"a":1}', '{"b":"é"}', 'record exceeds 200 bytes', 'invalid UTF-8 at byte 343', '{"d":4}']);
});

test('CSV: quoted multi-line cells, doubled quotes, malformed quotes, CRLF', () => {
  const doc = `id,text,n\r\n1,"a ""q"" b\r\nsecond, line",2\r\n2,"x" ,3\r\n3,"bad"quote,4\n5,"ok",6\n7,plain "mid" quote,8\r\n8,"${'y'.repeat(300)}",9\r\n9,"open`;
  const out = sameEverywhere(csv, doc);
  assert.deepEqual(out[0]!.value, { id: '1', text: 'a "q" b\r\nsecond, line', n: '2' });
  assert.deepEqual(out[1]!.value, { id: '2', text: 'x', n: '3' });
  assert.equal(out.at(-1)!.error, 'Quoted field unterminated');
  assert.ok(out.some((r) => r.value?.text === 'plain "mid" quote'));
  const big = out.find((r) => r.error === 'record exceeds 200 bytes')!;
  assert.equal(big.text, `8,"${'y'.repeat(300)}",9`);
});
