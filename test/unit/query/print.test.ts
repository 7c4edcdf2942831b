// Canonical printing: quoteValue, queryToText's canonical forms, and the round trip
// parse(queryToText(parse(q))) ≡ parse(q) (ignoring spans) over many queries and random ASTs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, queryToText, quoteValue, resolvedQueryText } from '../../../shared/query/index.ts';
import type { QueryNode } from '../../../shared/query/index.ts';
import { NOW, parseOk, rng, strip } from './helpers.ts';

const canon = (q: string) => queryToText(parseOk(q));

function assertRoundTrip(q: string): void {
  const first = parseOk(q);
  const text = queryToText(first);
  const again = parseQuery(text, { now: NOW });
  if (!again.ok) assert.fail(`${JSON.stringify(q)} printed as ${JSON.stringify(text)}, which fails: ${again.error.message}`);
  assert.deepEqual(strip(again.ast), strip(first), `${JSON.stringify(q)} → ${JSON.stringify(text)}`);
  assert.equal(queryToText(again.ast), text, 'printing is idempotent');
}

test('quoteValue quotes only when needed', () => {
  assert.equal(quoteValue('alice'), 'alice');
  assert.equal(quoteValue('post.created'), 'post.created');
  assert.equal(quoteValue('a,b'), 'a,b');
  assert.equal(quoteValue('NT AUTHORITY\\SYSTEM'), '"NT AUTHORITY\\SYSTEM"', 'a backslash before a letter stays single');
  assert.equal(quoteValue('two words'), '"two words"');
  assert.equal(quoteValue('say "hi"'), '"say \\"hi\\""');
  assert.equal(quoteValue('ends\\'), 'ends\\');
  assert.equal(quoteValue('a b\\'), '"a b\\\\"', 'a trailing backslash is escaped or it would eat the closing quote');
  assert.equal(quoteValue('a\\"b'), '"a\\\\\\"b"');
  assert.equal(quoteValue('f(x)'), '"f(x)"');
  assert.equal(quoteValue('post.*'), '"post.*"', 'a literal star must not become a wildcard');
  assert.equal(quoteValue('what?'), '"what?"');
  assert.equal(quoteValue('-x'), '"-x"');
  assert.equal(quoteValue('a:b'), '"a:b"');
  assert.equal(quoteValue('OR'), '"OR"');
  assert.equal(quoteValue('or'), 'or');
  assert.equal(quoteValue(''), '""');
  assert.equal(quoteValue('tab\there'), '"tab\there"');
  assert.equal(quoteValue('nul\u0000'), '"nul\u0000"');
});

test('canonical text', () => {
  assert.equal(canon(''), '');
  assert.equal(canon('  a   b  '), 'a b');
  assert.equal(canon('a AND b'), 'a b');
  assert.equal(canon('type:x recipient:y'), 'action:x target:y');
  assert.equal(canon('status:A OR status:B'), 'status:(A OR B)');
  assert.equal(canon('(status:A OR status:B)'), 'status:(A OR B)');
  assert.equal(canon('status:(A)'), 'status:A');
  assert.equal(canon('NOT actor:bob'), '-actor:bob');
  assert.equal(canon('NOT status:(A OR B)'), '-status:(A OR B)');
  assert.equal(canon('-(a OR b)'), 'NOT (a OR b)');
  assert.equal(canon('NOT NOT a'), 'NOT -a');
  assert.equal(canon('(a b) c'), '(a b) c');
  assert.equal(canon('(a b) OR c'), 'a b OR c');
  assert.equal(canon('a (b OR c)'), 'a (b OR c)');
  assert.equal(canon('(a OR b) OR c'), '(a OR b) OR c');
  assert.equal(canon('actor:"bob"'), 'actor:bob');
  assert.equal(canon('action:"post.*"'), 'action:"post.*"');
  assert.equal(canon('actor:o"brien'), 'actor:"o\\"brien"');
  assert.equal(canon('ip:fe80::1 after:-7d actor:-x'), 'ip:fe80::1 after:-7d actor:-x');
  assert.equal(canon('after:"2024-05-05 10:30"'), 'after:"2024-05-05 10:30"');
  assert.equal(canon('on:(2024-01 OR 2024-03)'), 'on:(2024-01 OR 2024-03)');
  assert.equal(canon('"a \\"b\\""* c*'), '"a \\"b\\""* c*');
  assert.equal(canon('status:("OR" OR "a b")'), 'status:("OR" OR "a b")');
  const span = { start: 0, end: 0 };
  assert.equal(queryToText({ kind: 'text', value: 'e:f', phrase: false, prefix: false, span }), '"e:f"', 'a word that would read as a qualifier');
  assert.equal(queryToText({ kind: 'text', value: 'a b', phrase: false, prefix: true, span }), '"a b"*');
});

const QUERIES = [
  '', 'a', 'a b c', 'a OR b', 'a b OR c d', 'NOT a', '-a -b', 'NOT (a OR b) c', '(a b) (c d)', '((a OR b) c) OR d',
  '"token revoked"', '"token rev"*', 'adm*', '"a \\"quoted\\" \\\\ word"', 'https://example.com/x?y=1', 'a or b', 'not found',
  'action:post.*', 'action:"post.*"', '-status:SUCCESS', 'NOT actor:bob', 'status:(FAILED OR WARNING)', '-status:(A OR B)',
  'type:a recipient:b', 'outcome:failure', 'outcome:(success OR in_progress)', 'ip:10.0.* ip:fe80::1', 'version:1.08 id:abc-123',
  'source:"/tmp/my logs/x.json"', 'entity_type:repo entity:"Quarterly plan (draft)"', 'category:"user management"',
  'metadata.feed_label:"Announcements"', 'userIdentity.type:Root', 'debugContext.debugData.requestUri:*authorize*',
  '@timestamp:1700000000000', 'meta.remote_ip:10.1.2.3', 'a.b[0].c:x', '$.id:1', 'Actor:"NT AUTHORITY\\SYSTEM (x)"',
  'after:2024-01-05 before:2024-02', 'on:2024', 'on:2024-05-05T10:30:15.123+02:00', 'after:-7d', 'after:-3mo before:-1h',
  'on:today OR on:yesterday', 'after:now', '-on:2024-01', 'actor:* -target:*', 'actor:o"brien', 'entity:a,b',
  'x (status:A) y', 'actor:"x)y" status:("(" OR ")")', 'action:(login OR user.session.* OR "a b")', 'a -(b c) NOT NOT d',
  'status:(A OR B) OR actor:c', '(status:A OR actor:b) c', 'emoji 🎉 actor:"José"', 'ユーザー.名前:太郎', 'actor:"tab\there"',
];

test('round trip: parse(queryToText(parse(q))) ≡ parse(q) for a list of queries', () => {
  for (const q of QUERIES) assertRoundTrip(q);
});

/** Random ASTs built directly (not from text), with awkward values, must print to text that parses back to them. */
function randomAst(r: () => number, depth: number): QueryNode {
  const values = ['a', 'B c', 'x"y', 'p\\', 'OR', '-d', 'e:f', 'g)h', '(i', 'j*', 'k?', '', 'é', 'l\tm', 'NOT', 'a\\"b'];
  const v = () => values[Math.floor(r() * values.length)]!;
  const span = { start: 0, end: 0 };
  const pick = Math.floor(r() * (depth > 2 ? 4 : 8));
  switch (pick) {
    case 0: {
      const value = v().replace(/[\s"():*]/g, '') || 'w';
      return { kind: 'text', value: /^[-*]|^(AND|OR|NOT)$/.test(value) ? `w${value}` : value, phrase: false, prefix: r() < 0.3, span };
    }
    case 1:
      return { kind: 'text', value: v() || 'w', phrase: true, prefix: r() < 0.3, span };
    case 2: {
      const f = (['actor', 'status', 'action', null] as const)[Math.floor(r() * 4)]!;
      return { kind: 'field', field: f, path: f === null ? 'a.b[0].c' : null, value: v() || 'w', match: 'exact', span };
    }
    case 3:
      return { kind: 'field', field: 'action', path: null, value: ['post.*', 'a?b', '*', 'x"y*'][Math.floor(r() * 4)]!, match: 'wildcard', span };
    case 4:
    case 5: {
      const children = Array.from({ length: 2 + Math.floor(r() * 3) }, () => randomAst(r, depth + 1));
      return { kind: pick === 4 ? 'and' : 'or', children };
    }
    default:
      return { kind: 'not', child: randomAst(r, depth + 1) };
  }
}

test('round trip on random ASTs (property)', () => {
  const r = rng(7);
  for (let i = 0; i < 1500; i++) {
    const node = randomAst(r, 0);
    const text = queryToText(node);
    const back = parseQuery(text, { now: NOW });
    if (!back.ok) assert.fail(`${JSON.stringify(strip(node))} printed as ${JSON.stringify(text)}: ${back.error.message}`);
    assert.deepEqual(strip(back.ast), strip(node), text);
  }
});

test('round trip on random text that happens to parse (property)', () => {
  const parts = ['a', 'b', ' ', ' ', '"x y"', '(', ')', '-', 'OR', ' OR ', ' AND ', 'NOT ', 'status:', 'A', '*', 'actor:(', 'q.r:', '"', '\\'];
  const r = rng(99);
  let parsed = 0;
  for (let i = 0; i < 5000; i++) {
    let s = '';
    for (let j = Math.floor(r() * 10); j > 0; j--) s += parts[Math.floor(r() * parts.length)];
    if (parseQuery(s, { now: NOW }).ok) {
      parsed++;
      assertRoundTrip(s);
    }
  }
  assert.ok(parsed > 500, `enough samples parsed (${parsed})`);
});

test('resolvedQueryText writes relative times as the instants and days they meant, and selects the same range later', () => {
  const q = 'action:login (after:-7d before:-1h) OR on:yesterday -on:now after:2024-05-01';
  const ast = parseOk(q);
  const resolved = resolvedQueryText(ast);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  assert.equal(resolved, `action:login (after:${new Date(NOW - 7 * 86_400_000).toISOString()} before:${new Date(NOW - 3_600_000).toISOString()}) OR on:${day(NOW - 86_400_000)} -on:${day(NOW)} after:2024-05-01`);
  // Parsed a year later, it still selects exactly the ranges the query selected at NOW.
  const later = parseQuery(resolved, { now: NOW + 365 * 86_400_000 });
  assert.ok(later.ok);
  const ranges = (n: QueryNode): unknown[] => n.kind === 'time' ? [[n.op, n.fromMs, n.toMs]] : n.kind === 'not' ? ranges(n.child) : n.kind === 'and' || n.kind === 'or' ? n.children.flatMap(ranges) : [];
  assert.deepEqual(ranges(later.ast), ranges(ast));
  // A query without relative times prints as itself.
  assert.equal(resolvedQueryText(parseOk('after:2024-05-01 actor:bob')), queryToText(parseOk('after:2024-05-01 actor:bob')));
});
