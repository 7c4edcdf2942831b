// parseRecordJson: big integers and over-precise numbers survive as their source text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecordJson } from '../../../electron/engine/import/readers/index.ts';
import { hasLongDigitRun } from '../../../electron/engine/import/readers/parseRecordJson.ts';

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

test('hasLongDigitRun finds a 16-digit run wherever it sits, exactly as /\\d{16}/ does', () => {
  // Every placement and length of a run around the sampling stride, in texts of other characters
  // and of shorter digit runs (which the sampler grows and must skip correctly).
  const fillers = ['x', 'a1b2', '123456789012345 ', '"12":1,'];
  for (const filler of fillers) {
    for (let pre = 0; pre < 40; pre++) {
      for (const len of [14, 15, 16, 17, 31, 32]) {
        const text = filler.repeat(40).slice(0, pre) + '9'.repeat(len) + '-' + filler.repeat(5);
        assert.equal(hasLongDigitRun(text), /\d{16}/.test(text), `${JSON.stringify(filler)} pre=${pre} len=${len}`);
      }
    }
  }
  assert.equal(hasLongDigitRun(''), false);
  assert.equal(hasLongDigitRun('1234567890123456'), true);
  assert.equal(hasLongDigitRun('123456789012345'), false);
  assert.equal(hasLongDigitRun('{"ip":"192.168.100.200","v":"1.2.3"}'), false);
});

test('a number whose 16 significant digits a decimal point splits keeps its text', () => {
  const v = parseRecordJson('{"pad":"................","x":1234567.891234567,"y":1.5}') as Record<string, unknown>;
  assert.equal(v.x, '1234567.891234567');
  assert.equal(v.y, 1.5);
});
