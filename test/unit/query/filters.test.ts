// The facet filter model: reading include/exclude sets out of a query, and editing the query text
// on facet clicks while leaving everything else the user typed alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFilterChange, filtersFromQuery, filterStatus, parseQuery, queryToText } from '../../../shared/query/index.ts';
import type { FilterChange } from '../../../shared/query/index.ts';
import { NOW, parseOk, rng, strip } from './helpers.ts';

function fq(q: string) {
  const { filters, rest } = filtersFromQuery(parseOk(q));
  return { filters, rest: rest === null ? null : queryToText(rest) };
}

test('filtersFromQuery: includes, excludes and the rest', () => {
  assert.deepEqual(fq(''), { filters: { include: {}, exclude: {} }, rest: null });
  assert.deepEqual(fq('status:FAILED'), { filters: { include: { status: ['FAILED'] }, exclude: {} }, rest: null });
  assert.deepEqual(fq('status:(FAILED OR WARNING) foo'), { filters: { include: { status: ['FAILED', 'WARNING'] }, exclude: {} }, rest: 'foo' });
  assert.deepEqual(fq('(status:A OR status:B)'), { filters: { include: { status: ['A', 'B'] }, exclude: {} }, rest: null });
  assert.deepEqual(fq('-status:SUCCESS NOT actor:bob -actor:(x OR y)'), { filters: { include: {}, exclude: { status: ['SUCCESS'], actor: ['bob', 'x', 'y'] } }, rest: null });
  assert.deepEqual(fq('type:post.created recipient:bob'), { filters: { include: { action: ['post.created'], target: ['bob'] }, exclude: {} }, rest: null });
  assert.deepEqual(fq('meta.remote_ip:10.0.0.1 -userIdentity.type:Root'), { filters: { include: { 'meta.remote_ip': ['10.0.0.1'] }, exclude: { 'userIdentity.type': ['Root'] } }, rest: null });
});

test('filtersFromQuery leaves in the rest what checkboxes cannot say', () => {
  assert.deepEqual(fq('status:A status:B').rest, 'status:B', 'a second include clause means AND, not OR');
  assert.deepEqual(fq('status:A status:B').filters.include, { status: ['A'] });
  assert.deepEqual(fq('action:post.*').rest, 'action:post.*', 'wildcards');
  assert.deepEqual(fq('action:(a OR b.*)').rest, 'action:(a OR b.*)', 'a group with a wildcard');
  assert.deepEqual(fq('(status:A OR actor:b)').rest, 'status:A OR actor:b', 'mixed fields');
  assert.deepEqual(fq('foo OR status:A').rest, 'foo OR status:A', 'not on the top-level AND chain');
  assert.deepEqual(fq('after:2024 "x y" status:A -b').rest, 'after:2024 "x y" -b');
  assert.deepEqual(fq('NOT NOT status:A').rest, 'NOT -status:A');
});

test('filterStatus compares values case-insensitively and resolves aliases', () => {
  const { filters } = filtersFromQuery(parseOk('status:failed -type:Login'));
  assert.equal(filterStatus(filters, 'status', 'FAILED'), 'include');
  assert.equal(filterStatus(filters, 'action', 'login'), 'exclude');
  assert.equal(filterStatus(filters, 'type', 'LOGIN'), 'exclude');
  assert.equal(filterStatus(filters, 'status', 'OK'), null);
  assert.equal(filterStatus(filters, 'actor', 'x'), null);
});

const apply = (text: string, field: string, value: string, mode: FilterChange['mode']) => applyFilterChange(text, { field, value, mode }, { now: NOW });

test('include adds a clause or extends the existing one', () => {
  assert.equal(apply('', 'status', 'FAILED', 'include'), 'status:FAILED');
  assert.equal(apply('   ', 'status', 'FAILED', 'include'), 'status:FAILED');
  assert.equal(apply('foo', 'status', 'FAILED', 'include'), 'foo status:FAILED');
  assert.equal(apply('  foo   bar  ', 'status', 'FAILED', 'include'), '  foo   bar status:FAILED', 'the user\'s spacing is kept');
  assert.equal(apply('foo status:FAILED bar', 'status', 'WARNING', 'include'), 'foo status:(FAILED OR WARNING) bar');
  assert.equal(apply('status:(A OR B) x', 'status', 'C', 'include'), 'status:(A OR B OR C) x');
  assert.equal(apply('(status:A OR status:B) x', 'status', 'C', 'include'), 'status:(A OR B OR C) x');
  assert.equal(apply('x (status:A)', 'status', 'B', 'include'), 'x status:(A OR B)');
  assert.equal(apply('type:a', 'action', 'b', 'include'), 'type:(a OR b)', 'the alias the user typed is kept');
  assert.equal(apply('x', 'type', 'b', 'include'), 'x type:b');
  assert.equal(apply('status:A status:B', 'status', 'C', 'include'), 'status:(A OR C) status:B', 'only the first include clause is the facet');
  assert.equal(apply('foo status:failed', 'status', 'FAILED', 'include'), 'foo status:failed', 'already included (case-insensitively)');
  assert.equal(apply('foo -status:SUCCESS', 'status', 'SUCCESS', 'include'), 'foo status:SUCCESS', 'an exclusion flips to an inclusion');
  assert.equal(apply('a OR b', 'status', 'X', 'include'), '(a OR b) status:X', 'a top-level OR is parenthesised first');
  assert.equal(apply('(a OR b)', 'status', 'X', 'include'), '(a OR b) status:X');
  assert.equal(apply('status:(A OR B)', 'actor', 'bob', 'include'), 'status:(A OR B) actor:bob', 'a value group is not a top-level OR');
  assert.equal(apply('x', 'meta.remote_ip', '10.0.0.1', 'include'), 'x meta.remote_ip:10.0.0.1');
});

test('exclude adds -field:value, extends an exclusion, or flips an inclusion', () => {
  assert.equal(apply('foo', 'status', 'SUCCESS', 'exclude'), 'foo -status:SUCCESS');
  assert.equal(apply('foo -status:SUCCESS', 'status', 'WARNING', 'exclude'), 'foo -status:(SUCCESS OR WARNING)');
  assert.equal(apply('NOT status:SUCCESS x', 'status', 'WARNING', 'exclude'), '-status:(SUCCESS OR WARNING) x');
  assert.equal(apply('status:SUCCESS', 'status', 'SUCCESS', 'exclude'), '-status:SUCCESS');
  assert.equal(apply('status:(A OR B)', 'status', 'A', 'exclude'), 'status:B -status:A');
  assert.equal(apply('foo -status:success', 'status', 'SUCCESS', 'exclude'), 'foo -status:success', 'already excluded');
  assert.equal(apply('a OR b', 'status', 'X', 'exclude'), '(a OR b) -status:X');
});

test('remove takes the value out of includes and excludes', () => {
  assert.equal(apply('status:FAILED foo', 'status', 'FAILED', 'remove'), 'foo');
  assert.equal(apply('foo status:FAILED', 'status', 'FAILED', 'remove'), 'foo');
  assert.equal(apply('foo AND status:FAILED', 'status', 'FAILED', 'remove'), 'foo');
  assert.equal(apply('status:FAILED AND foo', 'status', 'FAILED', 'remove'), 'foo');
  assert.equal(apply('a AND status:F AND b', 'status', 'F', 'remove'), 'a AND b');
  assert.equal(apply('status:(FAILED OR WARNING) foo', 'status', 'FAILED', 'remove'), 'status:WARNING foo');
  assert.equal(apply('foo -status:success', 'status', 'SUCCESS', 'remove'), 'foo');
  assert.equal(apply('-status:(A OR B) x', 'status', 'B', 'remove'), '-status:A x');
  assert.equal(apply('-status:A x -status:A', 'status', 'A', 'remove'), 'x', 'every exclusion of the value');
  assert.equal(apply('status:FAILED', 'status', 'FAILED', 'remove'), '');
  assert.equal(apply('(-status:A -status:A)', 'status', 'A', 'remove'), '');
  assert.equal(apply('x(status:A)y', 'status', 'A', 'remove'), 'x y', 'neighbours are not glued together');
  assert.equal(apply('(x status:A)', 'status', 'A', 'remove'), '(x)');
  assert.equal(apply('foo', 'status', 'A', 'remove'), 'foo', 'nothing to remove');
  assert.equal(apply('status:A status:B', 'status', 'B', 'remove'), 'status:A status:B', 'a clause outside the facet is the user\'s text');
});

test('values are quoted when they need it', () => {
  assert.equal(apply('', 'actor', 'NT AUTHORITY\\SYSTEM (x)', 'include'), 'actor:"NT AUTHORITY\\SYSTEM (x)"');
  assert.equal(apply('', 'action', 'post.*', 'include'), 'action:"post.*"', 'a literal star stays literal');
  assert.equal(apply('', 'actor', 'say "hi"', 'exclude'), '-actor:"say \\"hi\\""');
  assert.equal(apply('', 'status', 'OR', 'include'), 'status:"OR"');
  assert.equal(apply('', 'ip', 'fe80::1', 'include'), 'ip:fe80::1');
  assert.equal(apply('actor:"a b"', 'actor', 'c d', 'include'), 'actor:("a b" OR "c d")');
});

test('changes that cannot be made leave the text alone', () => {
  assert.equal(apply('"unclosed', 'status', 'A', 'include'), '"unclosed', 'invalid text');
  assert.equal(apply('x', 'status', '', 'include'), 'x', 'empty value');
  assert.equal(apply('x', 'after', '2024', 'include'), 'x', 'time qualifiers are not facets');
  assert.equal(apply('x', 'not a field', 'v', 'include'), 'x');
});

test('after any change the filter model reflects it and the rest is untouched (property)', () => {
  const starts = ['', 'foo', 'a OR b', 'status:A', 'status:(A OR B) x', '-status:C "p q"', 'x AND status:b AND y', '(a b) -actor:z after:2024', 'type:a status:A status:B'];
  const fields = ['status', 'actor', 'action', 'type', 'meta.remote_ip'];
  const values = ['A', 'a', 'B', 'C', 'z', 'two words', 'x"y', 'post.*', 'OR'];
  const modes: FilterChange['mode'][] = ['include', 'exclude', 'remove'];
  const r = rng(3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  for (const start of starts) {
    let text = start;
    for (let i = 0; i < 40; i++) {
      const change: FilterChange = { field: pick(fields), value: pick(values), mode: pick(modes) };
      const before = parseQuery(text, { now: NOW });
      assert.ok(before.ok, text);
      if (!before.ok) return;
      const next = applyFilterChange(text, change, { now: NOW });
      const after = parseQuery(next, { now: NOW });
      if (!after.ok) assert.fail(`${JSON.stringify(text)} + ${JSON.stringify(change)} gave invalid ${JSON.stringify(next)}`);
      const got = filtersFromQuery(after.ast);
      const expected = change.mode === 'remove' ? null : change.mode;
      // A later include clause of the same field (left in the rest) may still mention the value: only the facet counts.
      assert.equal(filterStatus(got.filters, change.field, change.value), expected, `${JSON.stringify(text)} + ${JSON.stringify(change)} → ${JSON.stringify(next)}`);
      const restOf = (a: typeof before.ast) => {
        const x = filtersFromQuery(a);
        return strip(x.rest);
      };
      const beforeRest = restOf(before.ast);
      const afterRest = restOf(after.ast);
      // Wrapping a top-level OR moves it into the rest unchanged; otherwise the rest is identical.
      if (before.ast.kind !== 'or' || JSON.stringify(afterRest) === JSON.stringify(beforeRest)) {
        assert.deepEqual(afterRest, beforeRest, `${JSON.stringify(text)} + ${JSON.stringify(change)} → ${JSON.stringify(next)}`);
      }
      text = next;
    }
  }
});
