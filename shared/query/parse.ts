// The parser: query text → AST, or one error a person can act on (message + position).
// Recursive descent over the lexer's tokens; precedence NOT/- > AND (explicit or implicit) > OR.
// Nesting is capped (MAX_DEPTH) so a pasted wall of parentheses gets an error, not a stack overflow.
import type { ParseOptions, ParseResult, QueryMessage, QueryNode, Span, TimeRange } from './ast.ts';
import { column, lex, LONE_DASH, type LexToken } from './lexer.ts';
import { likelyQualifierTypo, lookupQualifier, OUTCOMES, type QualifierInfo } from './qualifiers.ts';
import { readTimeValue, resolveTime } from './time.ts';

/** Parentheses + NOT/- levels a query may nest; far beyond what anyone types, far below the stack limit. */
export const MAX_DEPTH = 100;

/** Thrown by parseQueryOrThrow (the CLI and the engine prefer exceptions). */
export class QuerySyntaxError extends Error {
  readonly position: number;
  readonly length: number;
  constructor(msg: QueryMessage) {
    super(msg.message);
    this.name = 'QuerySyntaxError';
    this.position = msg.position;
    this.length = msg.length;
  }
}

/** Internal early exit; parseQuery turns it into `{ ok: false }`. */
class Failure {
  readonly msg: QueryMessage;
  constructor(msg: QueryMessage) {
    this.msg = msg;
  }
}

function fail(message: string, at: Span): never {
  throw new Failure({ message, position: at.start, length: at.end - at.start });
}

/** Values echoed in messages are cut short: a message should fit under the search box. */
function shown(v: string): string {
  return v.length > 40 ? `${v.slice(0, 39)}…` : v;
}

export function parseQuery(text: string, opts: ParseOptions = {}): ParseResult {
  const now = opts.now ?? Date.now();
  const tokens = lex(text).tokens.filter((t) => t.kind !== 'space');
  // Empty (blanks and control characters only) matches everything; so does a lone `*`, which is
  // what many log tools use for "everything".
  const only = tokens.length === 1 ? tokens[0]! : null;
  if (tokens.length === 0 || (only?.kind === 'word' && text.slice(only.start, only.end) === '*')) {
    return { ok: true, ast: { kind: 'all' }, timeRange: null, warnings: [] };
  }
  const warnings: QueryMessage[] = [];
  let idx = 0;
  let depth = 0;
  let lastEnd = 0;

  const peek = (): LexToken | undefined => tokens[idx];
  const next = (): LexToken | undefined => {
    const t = tokens[idx++];
    if (t) lastEnd = t.end;
    return t;
  };
  const isOp = (t: LexToken | undefined, op: string): boolean => t?.kind === 'operator' && t.text === op;
  /** Where a term was required but the query ends, closes a group, or has another operator. */
  const noTermAt = (t: LexToken | undefined): boolean => !t || t.kind === 'rparen' || isOp(t, 'AND') || isOp(t, 'OR');
  const enter = (t: LexToken): void => {
    if (++depth > MAX_DEPTH) fail(`Too deeply nested at column ${column(t.start)}: use at most ${MAX_DEPTH} levels of parentheses and NOT`, t);
  };

  function parseOr(): QueryNode {
    const start = peek()?.start ?? text.length;
    const children = [parseAnd()];
    while (isOp(peek(), 'OR')) {
      const op = next()!;
      if (noTermAt(peek())) fail('OR needs a term on both sides', op);
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children, span: { start, end: lastEnd } };
  }

  function parseAnd(): QueryNode {
    const start = peek()?.start ?? text.length;
    const children = [parseUnary()];
    for (let t = peek(); t && t.kind !== 'rparen' && !isOp(t, 'OR'); t = peek()) {
      if (isOp(t, 'AND')) {
        next();
        if (noTermAt(peek())) fail('AND needs a term on both sides', t);
      }
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children, span: { start, end: lastEnd } };
  }

  function parseUnary(): QueryNode {
    const t = peek();
    if (!t || !(t.kind === 'negation' || isOp(t, 'NOT'))) return parsePrimary();
    if (t.error) fail(t.error, t);
    next();
    enter(t);
    if (noTermAt(peek())) fail(t.kind === 'negation' ? LONE_DASH : 'NOT needs a term after it', t);
    const child = parseUnary();
    depth--;
    return { kind: 'not', child, span: { start: t.start, end: lastEnd } };
  }

  function parsePrimary(): QueryNode {
    const t = next();
    if (!t) fail('The query ends where a term was expected', { start: text.length, end: text.length });
    if (t.error) fail(t.error, t);
    switch (t.kind) {
      case 'lparen': {
        enter(t);
        if (peek()?.kind === 'rparen') fail(`Empty parentheses at column ${column(t.start)}: put a term inside or remove them`, { start: t.start, end: peek()!.end });
        if (!peek()) fail(`Missing ) for the ( at column ${column(t.start)}`, t);
        const inner = parseOr();
        if (peek()?.kind !== 'rparen') fail(`Missing ) for the ( at column ${column(t.start)}`, t);
        next();
        depth--;
        return inner;
      }
      case 'rparen':
        return fail(`Unexpected ) at column ${column(t.start)}`, t);
      case 'operator':
        return fail(`${t.text} needs a term on both sides`, t);
      case 'word':
        if (t.text.toLowerCase() === 'or' && !t.prefix && idx > 1 && peek() && peek()!.kind !== 'rparen') {
          warnings.push({ message: '“or” is searched as a word; to match either side, write OR in capitals', position: t.start, length: t.end - t.start });
        }
        return { kind: 'text', value: t.text, phrase: false, prefix: t.prefix === true, span: { start: t.start, end: t.end } };
      case 'phrase':
        return { kind: 'text', value: t.text, phrase: true, prefix: t.prefix === true, span: { start: t.start, end: t.end } };
      case 'field':
        return parseField(t);
      default:
        return fail(`Unexpected ${t.text} at column ${column(t.start)}`, t);
    }
  }

  function parseField(f: LexToken): QueryNode {
    const name = f.text;
    const q = lookupQualifier(name);
    const needsValue = (spaced = false): never => {
      const example = q ? q.example.replace(/^[^:]+/, name) : `${name}:value`;
      return fail(`${name}: needs a value, e.g. ${example}${spaced ? ' (with no space after the colon)' : ''}`, f);
    };
    if (f.emptyValue) {
      // `actor: bob` is the commonest slip: say what is wrong, not just that a value is missing.
      const after = peek();
      return needsValue(after !== undefined && after.kind !== 'rparen' && !isOp(after, 'OR') && !isOp(after, 'AND'));
    }
    if (!q) {
      const meant = likelyQualifierTypo(name);
      if (meant) warnings.push({ message: `${name}: searches the raw record field “${name}”; the qualifier is ${meant}:`, position: f.start, length: f.end - f.start });
    }
    const first = next()!; // the lexer always emits a value or a group `(` after a non-empty field
    if (first.kind === 'value') return valueNode(name, q, first, { start: f.start, end: first.end }, needsValue);
    const values: QueryNode[] = [];
    const missing = (): never => fail(`Missing ) for the ( at column ${column(first.start)}`, first);
    const separate = (at: LexToken): never => fail(`Inside ${name}:( … ) separate values with OR, e.g. ${name}:(first OR second)`, at);
    for (;;) {
      const v = next();
      if (!v) return missing();
      if (v.kind === 'rparen' && values.length === 0) return needsValue();
      if (v.kind !== 'value') return separate(v);
      if (v.error) fail(v.error, v);
      values.push(valueNode(name, q, v, { start: v.start, end: v.end }, needsValue));
      const w = next();
      if (!w) return missing();
      if (w.kind === 'rparen') break;
      if (!isOp(w, 'OR')) return separate(w);
      if (peek()?.kind === 'rparen' || !peek()) fail('OR needs a term on both sides', w);
    }
    const span = { start: f.start, end: lastEnd };
    if (values.length === 1) return { ...values[0]!, span } as QueryNode;
    return { kind: 'or', children: values, span };
  }

  function valueNode(name: string, q: QualifierInfo | null, v: LexToken, span: Span, needsValue: () => never): QueryNode {
    if (v.error) fail(v.error, v);
    if (v.text === '') return needsValue();
    if (q?.kind === 'time') {
      const op = q.name as 'after' | 'before' | 'on';
      const read = readTimeValue(v.text);
      // One message for all three: on: takes every value after:/before: take (a relative value or
      // `now` means the UTC day it falls on, time.ts).
      if (!read.ok) fail(`${name}: expects a date like 2024-05-01 or -7d, not "${shown(v.text)}"${read.reason ? ` (${read.reason})` : ''}`, v);
      const r = resolveTime(op, read.spec, now);
      if (!r.ok) fail(`${name}: "${shown(v.text)}" is too far from today to be a date`, v);
      return { kind: 'time', op, value: v.text, fromMs: r.fromMs, toMs: r.toMs, span };
    }
    const match = v.wildcard && !v.quoted ? 'wildcard' : 'exact';
    if (q?.name === 'outcome' && !outcomeAccepts(v.text, match)) fail(`outcome: must be one of ${OUTCOMES.join(', ')}`, v);
    return { kind: 'field', field: q ? (q.name as Exclude<typeof q.name, 'after' | 'before' | 'on'>) : null, path: q ? null : name, value: v.text, match, span };
  }

  try {
    const ast = parseOr();
    const rest = peek();
    if (rest) fail(`Unexpected ) at column ${column(rest.start)}`, rest); // parseOr stops only at the end or a `)`
    const timeRange = timeRangeOf(ast);
    if (timeRange && timeRange.fromMs !== null && timeRange.toMs !== null && timeRange.fromMs >= timeRange.toMs) {
      warnings.push({ message: 'These time limits leave no time in between, so nothing can match', position: 0, length: text.length });
    }
    return { ok: true, ast, timeRange, warnings };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.msg };
    throw e;
  }
}

/** A wildcard outcome must be able to match one of the five outcomes, or it is a typo. */
function outcomeAccepts(value: string, match: 'exact' | 'wildcard'): boolean {
  const v = value.toLowerCase();
  if (match === 'exact') return (OUTCOMES as readonly string[]).includes(v);
  const re = new RegExp(`^${v.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return OUTCOMES.some((o) => re.test(o));
}

export function parseQueryOrThrow(text: string, opts?: ParseOptions): QueryNode {
  const r = parseQuery(text, opts);
  if (!r.ok) throw new QuerySyntaxError(r.error);
  return r.ast;
}

/**
 * The range every match must fall in, from the time qualifiers that are ANDed at the top level
 * (nested AND groups included; anything under OR or NOT is left to the node itself). The engine
 * can use it as an index range; the time nodes stay in the AST so text and explanation keep them.
 */
export function timeRangeOf(ast: QueryNode): TimeRange | null {
  let range: TimeRange | null = null;
  const stack: QueryNode[] = [ast];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'and') stack.push(...n.children);
    else if (n.kind === 'time') {
      range ??= { fromMs: null, toMs: null };
      if (n.fromMs !== null) range.fromMs = range.fromMs === null ? n.fromMs : Math.max(range.fromMs, n.fromMs);
      if (n.toMs !== null) range.toMs = range.toMs === null ? n.toMs : Math.min(range.toMs, n.toMs);
    }
  }
  return range;
}
