// The parser on valid input: every construct of the language, precedence, aliases, raw paths,
// wildcards vs quotes, negation forms, grouped values, spans and warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, parseQueryOrThrow, QuerySyntaxError } from '../../../shared/query/index.ts';
import { and, ast, field, NOW, not, or, parseOk, phrase, raw, word } from './helpers.ts';

test('empty and blank queries match everything', () => {
  for (const q of ['', '   ', '\t\n', '*', '  *  ']) assert.deepEqual(ast(q), { kind: 'all' }, JSON.stringify(q));
  const r = parseQuery('', { now: NOW });
  assert.ok(r.ok && r.timeRange === null && r.warnings.length === 0);
});

test('free words, phrases and prefixes', () => {
  assert.deepEqual(ast('admin'), word('admin'));
  assert.deepEqual(ast('adm*'), word('adm', true));
  assert.deepEqual(ast('"token revoked"'), phrase('token revoked'));
  assert.deepEqual(ast('"token rev"*'), phrase('token rev', true));
  assert.deepEqual(ast('"say \\"hi\\" \\\\ now"'), phrase('say "hi" \\ now'), 'escapes \\" and \\\\');
  assert.deepEqual(ast('"NT AUTHORITY\\SYSTEM"'), phrase('NT AUTHORITY\\SYSTEM'), 'other backslashes are literal');
  assert.deepEqual(ast('what?'), word('what?'), '? is literal in free text');
  assert.deepEqual(ast('foo-bar'), word('foo-bar'), 'a dash inside a word is not negation');
  assert.deepEqual(ast('https://example.com/a?b=c'), word('https://example.com/a?b=c'), 'a pasted URL is a word, not the field "https"');
  assert.deepEqual(ast('10:30'), word('10:30'), 'names cannot start with a digit');
  assert.deepEqual(ast('fe80::1'), raw('fe80', ':1'), 'starts with a letter, so it is a field (quote it to search text)');
  assert.deepEqual(ast('foo"bar baz"'), and(word('foo'), phrase('bar baz')), 'a quote ends a word');
});

test('implicit and explicit AND, OR, NOT with precedence NOT > AND > OR', () => {
  assert.deepEqual(ast('a b c'), and(word('a'), word('b'), word('c')));
  assert.deepEqual(ast('a AND b'), and(word('a'), word('b')));
  assert.deepEqual(ast('a OR b'), or(word('a'), word('b')));
  assert.deepEqual(ast('a b OR c'), or(and(word('a'), word('b')), word('c')));
  assert.deepEqual(ast('a OR b c'), or(word('a'), and(word('b'), word('c'))));
  assert.deepEqual(ast('a OR b AND c OR d'), or(word('a'), and(word('b'), word('c')), word('d')));
  assert.deepEqual(ast('NOT a b'), and(not(word('a')), word('b')));
  assert.deepEqual(ast('NOT a OR b'), or(not(word('a')), word('b')));
  assert.deepEqual(ast('a NOT b'), and(word('a'), not(word('b'))));
  assert.deepEqual(ast('a AND NOT b'), and(word('a'), not(word('b'))));
  assert.deepEqual(ast('NOT NOT a'), not(not(word('a'))));
  assert.deepEqual(ast('(a OR b) c'), and(or(word('a'), word('b')), word('c')));
  assert.deepEqual(ast('a (b OR c) d'), and(word('a'), or(word('b'), word('c')), word('d')));
  assert.deepEqual(ast('((a))'), word('a'));
});

test('explicit groups stay nested: the AST mirrors what was typed', () => {
  assert.deepEqual(ast('(a b) c'), and(and(word('a'), word('b')), word('c')));
  assert.deepEqual(ast('(a OR b) OR c'), or(or(word('a'), word('b')), word('c')));
  assert.deepEqual(ast('(a)b'), and(word('a'), word('b')));
});

test('lower-case and/or/not are plain words (with a hint for or)', () => {
  assert.deepEqual(ast('a or b'), and(word('a'), word('or'), word('b')));
  assert.deepEqual(ast('not found'), and(word('not'), word('found')));
  assert.deepEqual(ast('this and that'), and(word('this'), word('and'), word('that')));
  assert.deepEqual(ast('ANDROID ORACLE NOTE'), and(word('ANDROID'), word('ORACLE'), word('NOTE')));
  const r = parseQuery('a or b', { now: NOW });
  assert.ok(r.ok);
  assert.deepEqual(r.warnings, [{ message: '“or” is searched as a word; to match either side, write OR in capitals', position: 2, length: 2 }]);
  const alone = parseQuery('or', { now: NOW });
  assert.ok(alone.ok && alone.warnings.length === 0, 'no hint without terms on both sides');
});

test('negation forms', () => {
  assert.deepEqual(ast('-admin'), not(word('admin')));
  assert.deepEqual(ast('-"token revoked"'), not(phrase('token revoked')));
  assert.deepEqual(ast('-status:SUCCESS'), not(field('status', 'SUCCESS')));
  assert.deepEqual(ast('NOT actor:bob'), not(field('actor', 'bob')));
  assert.deepEqual(ast('-(a OR b)'), not(or(word('a'), word('b'))));
  assert.deepEqual(ast('--a'), not(not(word('a'))));
  assert.deepEqual(ast('-7d'), not(word('7d')), 'outside a time qualifier -7d is a negated word');
  assert.deepEqual(ast('a -b c'), and(word('a'), not(word('b')), word('c')));
});

test('every qualifier and its aliases', () => {
  for (const f of ['action', 'actor', 'target', 'entity', 'entity_type', 'category', 'status', 'system', 'ip', 'version', 'id', 'source']) {
    assert.deepEqual(ast(`${f}:x`), field(f, 'x'), f);
  }
  assert.deepEqual(ast('outcome:failure'), field('outcome', 'failure'));
  assert.deepEqual(ast('type:post.created'), field('action', 'post.created'), 'type: is action:');
  assert.deepEqual(ast('recipient:bob'), field('target', 'bob'), 'recipient: is target:');
});

test('qualifier names are exact lower-case; other spellings are raw paths', () => {
  assert.deepEqual(ast('Actor:x'), raw('Actor', 'x'));
  assert.deepEqual(ast('Id:abc'), raw('Id', 'abc'), 'M365 Id, not the normalized event id');
  const r = parseQuery('Actor:x acotr:y', { now: NOW });
  assert.ok(r.ok);
  assert.deepEqual(r.warnings.map((w) => [w.position, w.message]), [
    [0, 'Actor: searches the raw record field “Actor”; the qualifier is actor:'],
    [8, 'acotr: searches the raw record field “acotr”; the qualifier is actor:'],
  ]);
  const plain = parseQuery('userIdentity.type:Root org:acme', { now: NOW });
  assert.ok(plain.ok && plain.warnings.length === 0, 'dotted paths and unrelated names get no hint');
});

test('raw field paths as typed', () => {
  assert.deepEqual(ast('metadata.feed_label:"Announcements"'), raw('metadata.feed_label', 'Announcements'));
  assert.deepEqual(ast('userIdentity.type:Root'), raw('userIdentity.type', 'Root'));
  assert.deepEqual(ast('debugContext.debugData.requestUri:*authorize*'), raw('debugContext.debugData.requestUri', '*authorize*', 'wildcard'));
  assert.deepEqual(ast('@timestamp:1700000000000'), raw('@timestamp', '1700000000000'));
  assert.deepEqual(ast('meta.remote_ip:10.1.2.3'), raw('meta.remote_ip', '10.1.2.3'));
  assert.deepEqual(ast('a.b[0].c:1'), raw('a.b[0].c', '1'));
  assert.deepEqual(ast('Records[0][1].x:y'), raw('Records[0][1].x', 'y'));
  assert.deepEqual(ast('$event_schema.version:2'), raw('$event_schema.version', '2'));
  assert.deepEqual(ast('$.id:42'), raw('$.id', '42'), 'a leading $. reaches a raw key that shares a qualifier name');
  assert.deepEqual(ast('x-forwarded-for:1.2.3.4'), raw('x-forwarded-for', '1.2.3.4'));
  assert.deepEqual(ast('ユーザー.名前:太郎'), raw('ユーザー.名前', '太郎'), 'letters are Unicode letters');
});

test('values: bare, quoted, wildcards', () => {
  assert.deepEqual(ast('action:post.*'), field('action', 'post.*', 'wildcard'));
  assert.deepEqual(ast('ip:10.0.*'), field('ip', '10.0.*', 'wildcard'));
  assert.deepEqual(ast('actor:bo?'), field('actor', 'bo?', 'wildcard'));
  assert.deepEqual(ast('actor:*'), field('actor', '*', 'wildcard'));
  assert.deepEqual(ast('action:"post.*"'), field('action', 'post.*'), 'a star inside quotes is literal');
  assert.deepEqual(ast('entity:"Quarterly plan (draft)"'), field('entity', 'Quarterly plan (draft)'));
  assert.deepEqual(ast('actor:"say \\"hi\\""'), field('actor', 'say "hi"'));
  assert.deepEqual(ast('ip:fe80::1'), field('ip', 'fe80::1'), 'colons are part of a bare value');
  assert.deepEqual(ast('entity:a,b'), field('entity', 'a,b'), 'commas are literal');
  assert.deepEqual(ast('actor:-bob'), field('actor', '-bob'), 'a dash after the colon is part of the value');
  assert.deepEqual(ast('status:OR'), field('status', 'OR'), 'an operator word right after the colon is a value');
  assert.deepEqual(ast('actor:o"brien'), field('actor', 'o"brien'), 'a quote inside a bare value is literal');
  assert.deepEqual(ast('(actor:bob)'), field('actor', 'bob'), 'a bare value ends at )');
  assert.deepEqual(ast('actor:"bob"smith'), and(field('actor', 'bob'), word('smith')));
});

test('grouped values are sugar for an OR of the same field', () => {
  assert.deepEqual(ast('status:(FAILED OR WARNING)'), or(field('status', 'FAILED'), field('status', 'WARNING')));
  assert.deepEqual(ast('status:(FAILED OR WARNING)'), ast('(status:FAILED OR status:WARNING)'));
  assert.deepEqual(ast('action:( post.* OR "a b" OR c? )'), or(field('action', 'post.*', 'wildcard'), field('action', 'a b'), field('action', 'c?', 'wildcard')));
  assert.deepEqual(ast('status:(FAILED)'), field('status', 'FAILED'));
  assert.deepEqual(ast('-status:(A OR B)'), not(or(field('status', 'A'), field('status', 'B'))));
  assert.deepEqual(ast('type:(a OR b)'), or(field('action', 'a'), field('action', 'b')));
  assert.deepEqual(ast('x status:(A OR B) y'), and(word('x'), or(field('status', 'A'), field('status', 'B')), word('y')));
  assert.deepEqual(ast('outcome:(success OR FAILURE)'), or(field('outcome', 'success'), field('outcome', 'FAILURE')));
});

test('outcome values are validated case-insensitively, wildcards must match one', () => {
  for (const v of ['success', 'failure', 'warning', 'in_progress', 'unknown', 'SUCCESS', 'Failure', 'fail*', 'in_*', '*']) {
    assert.ok(parseQuery(`outcome:${v}`, { now: NOW }).ok, v);
  }
});

test('spans point into the text', () => {
  const a = parseOk('  action:post.* -status:SUCCESS (a OR b)');
  assert.equal(a.kind, 'and');
  if (a.kind !== 'and') return;
  assert.deepEqual(a.span, { start: 2, end: 40 });
  assert.deepEqual((a.children[0] as { span: unknown }).span, { start: 2, end: 15 });
  assert.deepEqual((a.children[1] as { span: unknown }).span, { start: 16, end: 31 }, 'a not span includes its -');
  assert.deepEqual((a.children[2] as { span: unknown }).span, { start: 33, end: 39 }, 'a group span excludes its parentheses');
  const g = parseOk('status:(A OR Bee)');
  assert.ok(g.kind === 'or');
  if (g.kind !== 'or') return;
  assert.deepEqual(g.span, { start: 0, end: 17 });
  assert.deepEqual(g.children.map((c) => (c as { span: unknown }).span), [{ start: 8, end: 9 }, { start: 13, end: 16 }]);
  const t = parseOk('"a b"*');
  assert.deepEqual(t.kind === 'text' && t.span, { start: 0, end: 6 });
});

test('parseQueryOrThrow throws a QuerySyntaxError with the position', () => {
  assert.deepEqual(parseQueryOrThrow('a b', { now: NOW }).kind, 'and');
  assert.throws(() => parseQueryOrThrow('a (b'), (e: unknown) => e instanceof QuerySyntaxError && e.position === 2 && e.length === 1 && e.message === 'Missing ) for the ( at column 3');
});
