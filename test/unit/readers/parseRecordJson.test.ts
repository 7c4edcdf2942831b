// parseRecordJson: big integers and over-precise numbers survive as their source text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecordJson } from '../../../electron/engine/import/readers/index.ts';

test('integers beyond 2^53 are kept as their source text', () => {
  const v = parseRecordJson('{"id":9007199254740993,"small":42,"neg":-12345678901234567890,"nested":[{"x":18446744073709551615}]}') as Record<string, unknown>;
  assert.equal(v.id, '9007199254740993');
  assert.equal(v.small, 42);
  assert.equal(v.neg, '-12345678901234567890');
  assert.deepEqual(v.nested, [{ x: '18446744073709551615' }]);
});

test('numbers with more than 15 significant digits are kept as text; others stay numbers', () => {
  const v = parseRecordJson('{"a":0.12345678901234567,"b":1.5,"c":123456789012345,"d":1234567890123456,"e":1e300,"s":"1234567890123456789"}') as Record<string, unknown>;
  assert.equal(v.a, '0.12345678901234567');
  assert.equal(v.b, 1.5);
  assert.equal(v.c, 123456789012345);
  assert.equal(v.d, '1234567890123456');
  assert.equal(v.e, 1e300);
  assert.equal(v.s, '1234567890123456789'); // strings are untouched
});

test('without long digit runs it is plain JSON.parse (including its errors)', () => {
  assert.deepEqual(parseRecordJson('{"a":[1,2,{"b":null}]}'), { a: [1, 2, { b: null }] });
  assert.throws(() => parseRecordJson('{"a":'), SyntaxError);
  assert.throws(() => parseRecordJson('{"a":12345678901234567'), SyntaxError);
});
