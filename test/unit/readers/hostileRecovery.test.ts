// The readers' recovery from hostile or damaged input, found by the hostile-archive suite
// (test/integration/hostile): one bad line or byte costs that record, not the file — bare JSON
// values on their own lines, CSV rows mixing CRLF and LF, a stray quote in a CSV row, NUL bytes
// (a corrupted record, a zero-filled crash tail), JSON nested deeper than the stack with big numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecordJson } from '../../../electron/engine/import/readers/index.ts';
import { quoteLongNumbers } from '../../../electron/engine/import/readers/parseRecordJson.ts';
import { ZERO_FILLED_REASON } from '../../../electron/engine/import/readers/recordSink.ts';
import { readContent, texts } from './helpers.ts';

test('bare JSON values on their own lines after an object are JSON Lines: one record each', async () => {
  const { rs, records } = await readContent('{"id":1}\n42\n"text"\nnull\n[]\n{"id":2}\n');
  assert.equal(rs.kind, 'jsonl');
  assert.deepEqual(texts(records), ['{"id":1}', '42', '"text"', 'null', '[]', '{"id":2}']);
});

test('a CSV mixing CRLF and LF rows is CSV, one record per row', async () => {
  const { rs, records } = await readContent('id,action\r\na,login\nb,logout\r\nc,"x\r\ny"\n', {}, 'mixed.csv');
  assert.equal(rs.kind, 'csv');
  assert.deepEqual(records.map((r) => r.value?.['id']), ['a', 'b', 'c']);
});

test('a stray quote rejects its own CSV row only; the next rows are read', async () => {
  const { records } = await readContent('id,actor\n1,"ann"x\n2,bob\n3,"cy"\n', {}, 'stray.csv');
  assert.equal(records.length, 3);
  assert.equal(records[0]!.text, '1,"ann"x');
  assert.match(records[0]!.error!, /malformed/i);
  assert.deepEqual(records.slice(1).map((r) => r.value?.['actor']), ['bob', 'cy']);
});

test('a NUL byte inside one record does not make the file binary', async () => {
  const { rs, records } = await readContent('{"id":1}\n{"id":"a\u0000b"}\n{"id":3}\n');
  assert.equal(rs.encoding, 'utf-8');
  assert.equal(records.length, 3);
});

test('a zero-filled gap is its own reject; a record after it on the same line is read', async () => {
  const { records } = await readContent(`{"id":1}\n${'\u0000'.repeat(3000)}{"id":2}\n${'\u0000'.repeat(5000)}`);
  assert.deepEqual(records.map((r) => [r.text.replace(/\u0000+/, (m) => `<${m.length} NUL>`), r.error ?? null, r.byteOffset]), [
    ['{"id":1}', null, 0],
    ['<3000 NUL>', ZERO_FILLED_REASON, 9],
    ['{"id":2}', null, 3009],
    ['<5000 NUL>', ZERO_FILLED_REASON, 3018],
  ]);
});

test('a pretty document with a zero-filled tail says so', async () => {
  const { records } = await readContent(`[\n  {"id":1,"action":"login"}\n]\n${'\u0000'.repeat(100)}`, {}, 'doc.json');
  assert.equal(records.length, 2);
  assert.equal(records[1]!.error, ZERO_FILLED_REASON);
});

test('big numbers stay exact in a record nested deeper than the call stack', () => {
  const n = 100_000;
  const text = `{"id":12345678901234567890,"deep":${'['.repeat(n)}9007199254740993${']'.repeat(n)},"small":42}`;
  const v = parseRecordJson(text) as { id: unknown; deep: unknown; small: unknown };
  assert.equal(v.id, '12345678901234567890');
  assert.equal(v.small, 42);
  let leaf: unknown = v.deep;
  for (let i = 0; i < n; i++) leaf = (leaf as unknown[])[0];
  assert.equal(leaf, '9007199254740993');
});

test('quoteLongNumbers gives the same values as the reviver and never turns invalid JSON valid', () => {
  const same = [
    '{"a":12345678901234567,"b":[1,-98765432109876543210,0.12345678901234567],"c":{"d":1e400,"e":"12345678901234567"}}',
    '[12345678901234567, 2, {"x": -0.000000000000000012345678901234567e5}]',
    '12345678901234567890',
    '{"k":"\\"12345678901234567\\"","n":12345678901234567}',
  ];
  for (const t of same) {
    const viaReviver = parseRecordJson(t);
    assert.deepEqual(JSON.parse(quoteLongNumbers(t)), viaReviver, t);
  }
  for (const bad of ['{12345678901234567:1}', '{"a":1,12345678901234567:2}', '{"a":012345678901234567}', '[1 12345678901234567]']) {
    assert.throws(() => JSON.parse(quoteLongNumbers(bad)), SyntaxError, bad);
  }
});
