// Hostile and odd input: huge queries, deep nesting, control characters, Unicode. Nothing may
// throw, overflow the stack or go quadratic; every function still answers sensibly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyFilterChange, completionContext, explainQuery, filtersFromQuery, filterStatus, parseQuery, queryToText, tokenize,
} from '../../../shared/query/index.ts';
import { assertCovers, NOW, parseOk, phrase, rng, strip, word } from './helpers.ts';

/** Every entry point on one text; returns the parse result. */
function everything(text: string) {
  assertCovers(text);
  completionContext(text, text.length);
  completionContext(text, Math.floor(text.length / 2));
  const r = parseQuery(text, { now: NOW });
  if (r.ok) {
    explainQuery(r.ast);
    filtersFromQuery(r.ast);
    const printed = queryToText(r.ast);
    const back = parseQuery(printed, { now: NOW });
    assert.ok(back.ok);
    if (back.ok) assert.deepEqual(strip(back.ast), strip(r.ast));
  }
  applyFilterChange(text, { field: 'status', value: 'X', mode: 'include' }, { now: NOW });
  return r;
}

test('a 100k-character query of words and qualifiers', () => {
  const parts: string[] = [];
  for (let i = 0; parts.join(' ').length < 100_000; i++) parts.push(i % 3 === 0 ? `w${i}` : i % 3 === 1 ? `actor:a${i}` : `"p ${i}"`);
  const text = parts.join(' ');
  const r = everything(text);
  assert.ok(r.ok && r.ast.kind === 'and' && r.ast.children.length === parts.length);
});

test('a 100k-character OR chain and value group stay flat', () => {
  const chain = Array.from({ length: 20_000 }, (_, i) => `t${i}`).join(' OR ');
  const r = everything(chain);
  assert.ok(r.ok && r.ast.kind === 'or' && r.ast.children.length === 20_000);
  const group = `status:(${Array.from({ length: 10_000 }, (_, i) => `v${i}`).join(' OR ')})`;
  const g = everything(group);
  assert.ok(g.ok && g.ast.kind === 'or' && g.ast.children.length === 10_000);
});

test('100k-character single tokens', () => {
  const long = 'a'.repeat(100_000);
  assert.deepEqual(strip(everything(long).ok && parseOk(long)), word(long));
  assert.deepEqual(strip(parseOk(`"${long} b"`)), phrase(`${long} b`));
  const unclosed = everything(`"${long}`);
  assert.ok(!unclosed.ok && unclosed.error.position === 0);
  const escapes = '"' + '\\"'.repeat(50_000) + '"';
  assert.deepEqual(strip(parseOk(escapes)), phrase('"'.repeat(50_000)));
  assert.ok(everything(`actor:${long}`).ok);
  assert.ok(everything(`${'a.'.repeat(30_000)}b:c`).ok, 'a very long dotted path');
});

test('10k nested parentheses: a clear error, no stack overflow', () => {
  const deep = '('.repeat(10_000) + 'a' + ')'.repeat(10_000);
  const r = everything(deep);
  assert.ok(!r.ok && r.error.message.startsWith('Too deeply nested at column 101'));
  const open = everything('('.repeat(100_000));
  assert.ok(!open.ok);
  const close = everything(')'.repeat(100_000));
  assert.ok(!close.ok && close.error.message === 'Unexpected ) at column 1');
  const nots = everything('NOT '.repeat(10_000) + 'a');
  assert.ok(!nots.ok && nots.error.message.startsWith('Too deeply nested'));
  const dashes = everything('-'.repeat(10_000) + 'a');
  assert.ok(!dashes.ok && dashes.error.message.startsWith('Too deeply nested'));
  const alternating = everything('(-'.repeat(5_000) + 'a' + ')'.repeat(5_000));
  assert.ok(!alternating.ok);
});

test('hostile input stays linear in time', () => {
  const texts = ['"'.repeat(100_000), '\\'.repeat(100_000), '-'.repeat(100_000), ':'.repeat(100_000), 'a:'.repeat(50_000), '*'.repeat(100_000), 'a:('.repeat(33_000), 'x OR '.repeat(20_000)];
  const t0 = performance.now();
  for (const t of texts) everything(t);
  assert.ok(performance.now() - t0 < 5_000, 'well under a few seconds in total');
});

test('control characters separate terms outside quotes and are kept inside', () => {
  assert.deepEqual(strip(parseOk('\u0000foo\u0001bar\u007f')), { kind: 'and', children: [word('foo'), word('bar')] });
  assert.deepEqual(strip(parseOk('"a\u0000b"')), phrase('a\u0000b'));
  assert.deepEqual(tokenize('a\u0000b').map((t) => t.kind), ['word', 'space', 'word']);
  const r = parseOk('actor:"x\u0007y"');
  assert.equal(queryToText(r), 'actor:"x\u0007y"', 'printed back quoted');
  assert.deepEqual(strip(parseOk('a\u00a0b\u3000c')), { kind: 'and', children: [word('a'), word('b'), word('c')] }, 'Unicode spaces separate too');
  everything('\r\n\t\v\f\u0000\u001f');
  assert.deepEqual(parseOk('\r\n\t\u0000'), { kind: 'all' });
});

test('Unicode: astral characters, lone surrogates, RTL marks', () => {
  for (const s of ['🎉', 'actor:🎉', '"🎉 x"', '\ud800', 'a\udc00b', 'actor:\u202eevil', 'ünïcödé:wert', '名前:"値"']) {
    const r = everything(s);
    assert.ok(r.ok, s);
  }
});

test('raw paths named like Object.prototype members are plain keys', () => {
  const { filters, rest } = filtersFromQuery(parseOk('__proto__:x -constructor:y -__proto__:z toString:w hasOwnProperty:v'));
  assert.equal(rest, null);
  assert.deepEqual(Object.keys(filters.include), ['__proto__', 'toString', 'hasOwnProperty']);
  assert.deepEqual(filters.include['__proto__'], ['x']);
  assert.deepEqual(filters.exclude['constructor'], ['y']);
  assert.equal(Object.getPrototypeOf(filters.include), Object.prototype, 'the prototype is untouched');
  assert.equal(filterStatus(filters, 'constructor', 'y'), 'exclude');
  assert.equal(filterStatus(filters, 'valueOf', 'y'), null);
  assert.equal(applyFilterChange('x', { field: '__proto__', value: 'a', mode: 'include' }), 'x __proto__:a');
  assert.equal(applyFilterChange('constructor:a', { field: 'constructor', value: 'b', mode: 'include' }), 'constructor:(a OR b)');
});

test('random byte soup never throws (property)', () => {
  const r = rng(1234);
  for (let i = 0; i < 3000; i++) {
    let s = '';
    const len = Math.floor(r() * 30);
    for (let j = 0; j < len; j++) s += String.fromCharCode(r() < 0.8 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 0x3000));
    everything(s);
  }
});
