// AST → query text. Canonical (qualifier names, grouping and quoting are normalized) and faithful:
// parseQuery(queryToText(ast)) gives back an equivalent AST, so facet edits, saved searches and
// "copy as query" can all go through text.
import type { FieldNode, QueryNode, TimeNode } from './ast.ts';
import { isSpace, lex, OPERATORS } from './lexer.ts';
import { readTimeValue } from './time.ts';

function escapeQuoted(v: string): string {
  // Only `"` and a backslash that would otherwise read as an escape need a backslash, so
  // `NT AUTHORITY\SYSTEM` stays readable.
  return `"${v.replace(/\\(?=["\\]|$)|"/g, '\\$&')}"`;
}

function hasSpaceOrControl(v: string): boolean {
  for (const ch of v) if (isSpace(ch)) return true;
  return false;
}

/**
 * Quotes a value when it could not be typed bare anywhere in a query: empty, blanks or control
 * characters, quotes, parentheses, wildcards (which would otherwise turn it into a pattern), a
 * leading `-`, a colon, or an operator word.
 */
export function quoteValue(v: string): string {
  const needs = v === '' || hasSpaceOrControl(v) || /["()*?:]/.test(v) || v.startsWith('-') || OPERATORS.has(v);
  return needs ? escapeQuoted(v) : v;
}

/**
 * A value right after `name:` may be bare whenever it reads back the same there: this is looser
 * than quoteValue (colons and a leading `-` are fine: `ip:fe80::1`, `after:-7d`).
 */
export function formatFieldValue(v: string, wildcard: boolean): string {
  const bareOk = v !== '' && !hasSpaceOrControl(v) && !v.includes(')') && !/^["(]/.test(v) && !OPERATORS.has(v);
  if (wildcard) return bareOk ? v : escapeQuoted(v); // an unprintable pattern can only degrade to exact
  // Exact values with a quote inside are quoted anyway: `actor:"o\"b"` reads better than `actor:o"b`.
  return bareOk && !/[*?"]/.test(v) ? v : escapeQuoted(v);
}

function fieldName(n: FieldNode): string {
  return n.field ?? n.path ?? '';
}

/** Text of one qualifier: `name:value`, or `name:(a OR b)` when several values share the name. */
export function qualifierText(name: string, values: readonly { value: string; wildcard: boolean }[]): string {
  const vs = values.map((v) => formatFieldValue(v.value, v.wildcard));
  return vs.length === 1 ? `${name}:${vs[0]}` : `${name}:(${vs.join(' OR ')})`;
}

/** An OR whose children are all the same field (or same time op), printable as `name:(a OR b)`. */
function sameFieldGroup(children: readonly QueryNode[]): string | null {
  const first = children[0];
  if (!first || (first.kind !== 'field' && first.kind !== 'time')) return null;
  const key = first.kind === 'field' ? `f:${fieldName(first)}` : `t:${first.op}`;
  const values: { value: string; wildcard: boolean }[] = [];
  for (const c of children) {
    if (c.kind === 'field' && key === `f:${fieldName(c)}`) values.push({ value: c.value, wildcard: c.match === 'wildcard' });
    else if (c.kind === 'time' && key === `t:${c.op}`) values.push({ value: c.value, wildcard: false });
    else return null;
  }
  return qualifierText(first.kind === 'field' ? fieldName(first) : (first as TimeNode).op, values);
}

function readsAsWord(text: string, value: string): boolean {
  const t = lex(text).tokens;
  return t.length === 1 && t[0]!.kind === 'word' && t[0]!.text === value && !t[0]!.error;
}

function isAtom(n: QueryNode): boolean {
  return n.kind === 'text' || n.kind === 'field' || n.kind === 'time' || (n.kind === 'or' && sameFieldGroup(n.children) !== null);
}

export function queryToText(ast: QueryNode): string {
  switch (ast.kind) {
    case 'all':
      return '';
    case 'text': {
      const star = ast.prefix ? '*' : '';
      // A word that would not read back as one word (`e:f` is a qualifier, `a b` two words) is
      // printed as a phrase, which is what the engine makes of any word for FTS5 anyway.
      return ast.phrase || !readsAsWord(ast.value + star, ast.value) ? `${escapeQuoted(ast.value)}${star}` : ast.value + star;
    }
    case 'field':
      return qualifierText(fieldName(ast), [{ value: ast.value, wildcard: ast.match === 'wildcard' }]);
    case 'time':
      return qualifierText(ast.op, [{ value: ast.value, wildcard: false }]);
    case 'not': {
      const inner = queryToText(ast.child);
      if (isAtom(ast.child)) return `-${inner}`;
      if (ast.child.kind === 'not') return `NOT ${inner}`;
      return `NOT (${inner})`;
    }
    case 'and':
      // Nested AND/OR groups keep their parentheses: the AST mirrors the user's grouping.
      return ast.children.filter((c) => c.kind !== 'all').map((c) => (c.kind === 'and' || (c.kind === 'or' && !isAtom(c)) ? `(${queryToText(c)})` : queryToText(c))).join(' ');
    case 'or': {
      const group = sameFieldGroup(ast.children);
      if (group !== null) return group;
      return ast.children.map((c) => (c.kind === 'or' && !isAtom(c) ? `(${queryToText(c)})` : queryToText(c))).join(' OR ');
    }
  }
}

/**
 * The query with every relative time (`-7d`, `now`, `today`, `yesterday`) written as the instant or
 * UTC day it resolved to, so a saved record of a search (an export's manifest) still selects the
 * same rows later. `after:`/`before:` get the ISO instant of their bound, `on:` the UTC day.
 */
export function resolvedQueryText(ast: QueryNode): string {
  return queryToText(resolveTimes(ast));
}

function resolveTimes(n: QueryNode): QueryNode {
  switch (n.kind) {
    case 'time': {
      const read = readTimeValue(n.value);
      if (!read.ok || read.spec.kind === 'absolute') return n;
      const bound = n.op === 'before' ? n.toMs : n.fromMs;
      if (bound === null) return n;
      const iso = new Date(bound).toISOString();
      const value = n.op === 'on' ? iso.slice(0, 10) : iso;
      // Years outside 0000–9999 have no query spelling: such a value stays as it was typed.
      return readTimeValue(value).ok ? { ...n, value } : n;
    }
    case 'not': return { ...n, child: resolveTimes(n.child) };
    case 'and': case 'or': return { ...n, children: n.children.map(resolveTimes) };
    default: return n;
  }
}
