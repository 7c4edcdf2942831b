// Highlighting tokens (total coverage, right kinds, errors painted on invalid input) and the
// autocomplete context at various cursor positions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionContext, tokenize } from '../../../shared/query/index.ts';
import { assertCovers, rng } from './helpers.ts';

/** Tokens as [kind, text] pairs, for readable expectations. */
function kinds(text: string): [string, string][] {
  return tokenize(text).map((t) => [t.kind, text.slice(t.start, t.end)]);
}

test('tokens of a valid query', () => {
  assert.deepEqual(kinds('action:post.* -status:(FAILED OR "in progress") AND ("token revoked"* OR adm*)'), [
    ['field', 'action:'], ['value', 'post.*'], ['space', ' '],
    ['negation', '-'], ['field', 'status:'], ['paren', '('], ['value', 'FAILED'], ['space', ' '], ['operator', 'OR'], ['space', ' '],
    ['value', '"in progress"'], ['paren', ')'], ['space', ' '], ['operator', 'AND'], ['space', ' '],
    ['paren', '('], ['phrase', '"token revoked"*'], ['space', ' '], ['operator', 'OR'], ['space', ' '], ['word', 'adm*'], ['paren', ')'],
  ]);
  assert.deepEqual(kinds('NOT a or b'), [['operator', 'NOT'], ['space', ' '], ['word', 'a'], ['space', ' '], ['word', 'or'], ['space', ' '], ['word', 'b']]);
  assert.deepEqual(kinds('after:-7d'), [['field', 'after:'], ['value', '-7d']]);
  assert.deepEqual(kinds('\t x\n'), [['space', '\t '], ['word', 'x'], ['space', '\n']]);
  assert.deepEqual(tokenize(''), []);
});

test('problems are painted as errors without losing coverage', () => {
  assert.deepEqual(kinds('a "bc'), [['word', 'a'], ['space', ' '], ['error', '"bc']]);
  assert.deepEqual(kinds('actor:"bo'), [['field', 'actor:'], ['error', '"bo']]);
  assert.deepEqual(kinds('a) (b'), [['word', 'a'], ['error', ')'], ['space', ' '], ['error', '('], ['word', 'b']]);
  assert.deepEqual(kinds('(a (b) c'), [['error', '('], ['word', 'a'], ['space', ' '], ['paren', '('], ['word', 'b'], ['paren', ')'], ['space', ' '], ['word', 'c']]);
  assert.deepEqual(kinds('actor: x'), [['error', 'actor:'], ['space', ' '], ['word', 'x']]);
  assert.deepEqual(kinds('a - b'), [['word', 'a'], ['space', ' '], ['error', '-'], ['space', ' '], ['word', 'b']]);
  assert.deepEqual(kinds('*x ""'), [['error', '*x'], ['space', ' '], ['error', '""']]);
  assert.deepEqual(kinds('status:(A OR B'), [['field', 'status:'], ['error', '('], ['value', 'A'], ['space', ' '], ['operator', 'OR'], ['space', ' '], ['value', 'B']]);
});

test('coverage holds on assorted valid and invalid queries', () => {
  const samples = [
    'a', '"', '""', '(', ')', ':', '-', '--', '*', 'a:', ':a', 'a:b:c', 'a:(', 'a:(b', 'a:("b', 'a:(b OR', 'x\\"y', '"\\', '"a\\"',
    'NOT', 'AND OR NOT', 'status:(A OR B) -(x y) "z"*', 'after:2024-01-01T10:00:00.123+02:00', '\u0000\u0001a\u007f',
    'emoji 🎉 actor:"José" ユーザー:名前', 'a\u00a0b\u2003c', '((((', '))))', 'https://x.y/z?q=1', 'a.b[0].c:"v" @timestamp:*',
  ];
  for (const s of samples) assertCovers(s);
});

test('coverage holds on random input (property)', () => {
  const alphabet = ['a', 'b', 'Z', '1', ' ', '\t', '"', '\\', '(', ')', '-', '*', '?', ':', '.', '[', ']', '@', '$', 'OR', 'AND', 'NOT', 'x:', 'é', '\u0000', '🎉'];
  const r = rng(42);
  for (let i = 0; i < 2000; i++) {
    let s = '';
    const len = Math.floor(r() * 20);
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(r() * alphabet.length)];
    assertCovers(s);
  }
});

test('completion: field names at the start of a term', () => {
  assert.deepEqual(completionContext('', 0), { kind: 'field', prefix: '' });
  assert.deepEqual(completionContext('act', 3), { kind: 'field', prefix: 'act' });
  assert.deepEqual(completionContext('foo ', 4), { kind: 'field', prefix: '' });
  assert.deepEqual(completionContext('foo st', 6), { kind: 'field', prefix: 'st' });
  assert.deepEqual(completionContext('-sta', 4), { kind: 'field', prefix: 'sta' });
  assert.deepEqual(completionContext('-', 1), { kind: 'field', prefix: '' });
  assert.deepEqual(completionContext('(sta', 4), { kind: 'field', prefix: 'sta' });
  assert.deepEqual(completionContext('a OR (', 6), { kind: 'field', prefix: '' });
  assert.deepEqual(completionContext('userIdentity.ty', 15), { kind: 'field', prefix: 'userIdentity.ty' });
  assert.deepEqual(completionContext('actor:"bob" ', 12), { kind: 'field', prefix: '' });
  assert.deepEqual(completionContext('action status:x', 3), { kind: 'field', prefix: 'act' }, 'cursor inside a word');
});

test('completion: values of a field', () => {
  assert.deepEqual(completionContext('actor:', 6), { kind: 'value', field: 'actor', prefix: '' });
  assert.deepEqual(completionContext('actor:bo', 8), { kind: 'value', field: 'actor', prefix: 'bo' });
  assert.deepEqual(completionContext('actor:bob status:x', 8), { kind: 'value', field: 'actor', prefix: 'bo' }, 'cursor inside a value');
  assert.deepEqual(completionContext('type:po', 7), { kind: 'value', field: 'action', prefix: 'po' }, 'aliases resolve');
  assert.deepEqual(completionContext('recipient:', 10), { kind: 'value', field: 'target', prefix: '' });
  assert.deepEqual(completionContext('-status:SUC', 11), { kind: 'value', field: 'status', prefix: 'SUC' });
  assert.deepEqual(completionContext('status:(', 8), { kind: 'value', field: 'status', prefix: '' });
  assert.deepEqual(completionContext('status:(FAILED OR ', 18), { kind: 'value', field: 'status', prefix: '' });
  assert.deepEqual(completionContext('status:(FAILED OR WA', 20), { kind: 'value', field: 'status', prefix: 'WA' });
  assert.deepEqual(completionContext('actor:"bob sm', 13), { kind: 'value', field: 'actor', prefix: 'bob sm' });
  assert.deepEqual(completionContext('userIdentity.type:Ro', 20), { kind: 'value', field: 'userIdentity.type', prefix: 'Ro' });
  assert.deepEqual(completionContext('after:-7', 8), { kind: 'value', field: 'after', prefix: '-7' });
});

test('completion: nothing to offer', () => {
  assert.deepEqual(completionContext('"phrase', 7), { kind: 'none' });
  assert.deepEqual(completionContext('"phrase"', 8), { kind: 'none' });
  assert.deepEqual(completionContext('actor:"bob"', 11), { kind: 'none' }, 'a closed quote finishes the value');
  assert.deepEqual(completionContext('a OR', 4), { kind: 'none' });
  assert.deepEqual(completionContext('(a)', 3), { kind: 'none' });
  assert.deepEqual(completionContext('foo/bar', 7), { kind: 'none' });
  assert.deepEqual(completionContext('adm*', 4), { kind: 'none' });
  assert.deepEqual(completionContext('10.0', 4), { kind: 'none' });
});

test('completion: the cursor is clamped into the text', () => {
  assert.deepEqual(completionContext('act', 99), { kind: 'field', prefix: 'act' });
  assert.deepEqual(completionContext('act', -5), { kind: 'field', prefix: '' });
});
