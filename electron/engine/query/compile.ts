// Compiles a search-language AST into one SQL condition over `facts e` (plus its parameters):
// free text → FTS5 MATCH, qualifiers → term-id sets (the dictionary is small), time → id ranges
// (ids are time-keyed) plus ts bounds, raw field paths → the raw_path() function with an FTS
// prefilter. Every leaf is NULL-safe so NOT behaves as a reader expects.
import type { FieldNode, QueryNode, TextNode } from '../../../shared/query/ast.ts';
import type { CanonicalField } from '../../../shared/query/ast.ts';
import { OUTCOME_CODES } from '../import/writer.ts';
import type { Outcome } from '../../../shared/model.ts';

export interface CompiledQuery {
  /** SQL boolean over alias `e` (facts, the filter columns), and `ev` (events) when usesEvents; '1' when the query matches everything. */
  where: string;
  /** Named parameters (`@pN`) used in `where` and `fts` (named, so one value may be used twice). */
  params: Record<string, unknown>;
  /** Placeholder (`@pN`) of the FTS5 expression every match must satisfy (the top-level AND of text terms), or null. */
  fts: string | null;
  /** Needs the raw table joined as `r` (raw field paths). */
  usesRaw: boolean;
  /** Needs the events table joined as `ev` (a column facts does not have: the source's event id). */
  usesEvents: boolean;
  /**
   * The column id ranges are written on: `fts.rowid` when an FTS MATCH drives the query (FTS5 seeks
   * a rowid range in its doclists; the same range on `e.id` is only checked after the join, after
   * every hit was read — 118 vs 20 ms for one eighth of "prod" at 1M), else `e.id`.
   */
  idColumn: string;
}

/** Term-encoded qualifiers → facts (and events) column. */
const TERM_COLUMNS: Partial<Record<CanonicalField, string>> = {
  system: 'system_t', action: 'action_t', category: 'category_t', status: 'status_t', actor: 'actor_t',
  target: 'target_t', entity: 'entity_t', entity_type: 'entity_type_t', ip: 'ip_t', version: 'version_t',
};

export function compileQuery(ast: QueryNode): CompiledQuery {
  const c = new Compiler();
  // Pure-text parts of the top-level AND chain (words, phrases, and OR/AND groups of them) become
  // one FTS MATCH that drives the query; a negated pure-text part joins it as `… NOT (…)` when
  // there is a positive part to subtract from.
  const top = flattenAnd(ast);
  const positive: string[] = [];
  const negative: { expr: string; node: QueryNode }[] = [];
  const rest: QueryNode[] = [];
  // A raw field's FTS prefilter (its value's words) joins the driving MATCH too when the field is in
  // the top-level chain: FTS5 then hands out the candidates newest first, instead of a subquery
  // building every candidate's id before the first row (10M, `errorCode:AccessDenied` first page
  // on a fresh connection: 23-59 -> 8 ms; `eventName:GetObject` 88-113 -> 7 ms).
  const prefiltered = new Set<QueryNode>();
  for (const n of top) {
    const expr = ftsExpr(n);
    if (expr !== null) { positive.push(expr); continue; }
    const pre = rawPrefilter(n);
    if (pre !== null) { positive.push(pre); prefiltered.add(n); rest.push(n); continue; }
    const neg = n.kind === 'not' ? ftsExpr(n.child) : null;
    if (neg !== null) negative.push({ expr: neg, node: n }); else rest.push(n);
  }
  // FTS5's NOT is binary: with nothing positive to subtract from, negations stay SQL conditions.
  if (positive.length === 0) rest.push(...negative.map((x) => x.node));
  c.idColumn = positive.length > 0 ? 'fts.rowid' : 'e.id';
  const parts = rest.map((n) => (prefiltered.has(n) ? c.rawPath(n as FieldNode, false) : c.node(n))).filter((s) => s !== '1');
  const ftsText = positive.length === 0 ? null : positive.join(' AND ') + negative.map((x) => ` NOT ${x.expr}`).join('');
  const fts = ftsText === null ? null : c.param(ftsText);
  return { where: parts.length > 0 ? parts.join(' AND ') : '1', params: c.params, fts, usesRaw: c.usesRaw, usesEvents: c.usesEvents, idColumn: c.idColumn };
}

class Compiler {
  params: Record<string, unknown> = {};
  private count = 0;
  usesRaw = false;
  usesEvents = false;
  idColumn = 'e.id';

  node(n: QueryNode): string {
    switch (n.kind) {
      case 'all': return '1';
      case 'and': return `(${n.children.map((x) => this.node(x)).join(' AND ')})`;
      case 'or': return `(${n.children.map((x) => this.node(x)).join(' OR ')})`;
      case 'not': return `(NOT ${this.node(n.child)})`;
      case 'text': return this.text(ftsTerm(n));
      case 'time': return this.time(n.fromMs, n.toMs);
      case 'field': return this.field(n);
    }
  }

  param(v: unknown): string {
    return this.p(v);
  }

  private p(v: unknown): string {
    const name = `p${++this.count}`;
    this.params[name] = v;
    return `@${name}`;
  }

  private text(expr: string): string {
    return `(e.id IN (SELECT rowid FROM fts WHERE fts MATCH ${this.p(expr)}))`;
  }

  time(fromMs: number | null, toMs: number | null): string {
    const parts: string[] = [];
    // The id range narrows the scan to the seconds involved; the ts bound is exact to the ms.
    if (fromMs !== null) parts.push(`${this.idColumn} >= ${this.p(Math.floor(fromMs / 1000))} * 1048576`, `e.ts >= ${this.p(fromMs)}`);
    if (toMs !== null) parts.push(`${this.idColumn} < (${this.p(Math.floor(toMs / 1000))} + 1) * 1048576`, `e.ts < ${this.p(toMs)}`);
    return parts.length > 0 ? `(${parts.join(' AND ')})` : '1';
  }

  private field(n: FieldNode): string {
    if (n.field === null) return this.rawPath(n);
    const anyValue = n.match === 'wildcard' && /^\*+$/.test(n.value);
    const column = TERM_COLUMNS[n.field];
    if (column) {
      if (anyValue) return `(e.${column} IS NOT NULL)`;
      const match = this.textMatch(n, ['value', 'label']);
      return `coalesce(e.${column} IN (SELECT id FROM terms WHERE field = ${this.p(n.field)} AND (${match})), 0)`;
    }
    switch (n.field) {
      case 'outcome': {
        const codes = (Object.keys(OUTCOME_CODES) as Outcome[]).filter((o) => likePattern(n).test(o)).map((o) => OUTCOME_CODES[o]);
        return codes.length > 0 ? `(e.outcome IN (${codes.join(',')}))` : '0';
      }
      case 'id':
        this.usesEvents = true;
        if (anyValue) return '(ev.source_event_id IS NOT NULL)';
        return `coalesce(${this.textMatch(n, ['ev.source_event_id'])}, 0)`;
      case 'source': {
        if (anyValue) return '1';
        // Matches the whole path or just the file name (what people remember).
        const whole = this.textMatch(n, ['path']);
        const name = n.match === 'exact' ? `path LIKE ${this.p(`%/${escapeLike(n.value)}`)} ESCAPE '\\'` : '0';
        return `(e.source_id IN (SELECT id FROM sources WHERE ${whole} OR ${name}))`;
      }
      default: return '0';
    }
  }

  /** Case-insensitive whole-value match of n against the given columns (exact or wildcard). */
  private textMatch(n: FieldNode, columns: string[]): string {
    if (n.match === 'exact') {
      const v = this.p(n.value);
      return columns.map((c) => `${c} = ${v} COLLATE NOCASE`).join(' OR ');
    }
    const v = this.p(wildcardToLike(n.value));
    return columns.map((c) => `${c} LIKE ${v} ESCAPE '\\'`).join(' OR ');
  }

  /** A raw field path's condition; `prefilter: false` when its FTS prefilter already drives the query. */
  rawPath(n: FieldNode, prefilter = true): string {
    this.usesRaw = true;
    const path = this.p((n.path ?? '').replace(/^\$\./, ''));
    const anyValue = n.match === 'wildcard' && /^\*+$/.test(n.value);
    if (anyValue) return `raw_match(coalesce(r.obj, r.text), ${path}, NULL, 0)`;
    const pre = prefilter ? rawPrefilter(n) : null;
    return `(${pre === null ? '' : `${this.text(pre)} AND `}raw_match(coalesce(r.obj, r.text), ${path}, ${this.p(n.value)}, ${n.match === 'wildcard' ? 1 : 0}))`;
  }
}

/**
 * The FTS prefilter of a raw field path (an exact value's words must occur among the record's
 * strings, as a phrase), or null for anything else (other nodes, wildcards, true/false/null).
 */
function rawPrefilter(n: QueryNode): string | null {
  if (n.kind !== 'field' || n.field !== null || n.match !== 'exact') return null;
  const words = n.value.match(/[\p{L}\p{N}]+/gu);
  return words && words.length > 0 && !/^(true|false|null)$/i.test(n.value) ? `"${words.join(' ')}"` : null;
}

/** The top-level AND chain, with nested ANDs (parenthesised groups) flattened into it. */
function flattenAnd(n: QueryNode): QueryNode[] {
  return n.kind === 'and' ? n.children.flatMap(flattenAnd) : [n];
}

/**
 * A pure-text subtree (words and phrases under AND/OR, with binary NOT inside AND) as one FTS5
 * expression, or null when the subtree holds anything else.
 */
export function ftsExpr(n: QueryNode): string | null {
  switch (n.kind) {
    case 'text': return ftsTerm(n);
    case 'or': {
      const parts = n.children.map(ftsExpr);
      return parts.every((p) => p !== null) ? `(${parts.join(' OR ')})` : null;
    }
    case 'and': {
      const pos: string[] = [];
      const neg: string[] = [];
      for (const child of n.children) {
        const p = ftsExpr(child);
        if (p !== null) { pos.push(p); continue; }
        const q = child.kind === 'not' ? ftsExpr(child.child) : null;
        if (q === null) return null;
        neg.push(q);
      }
      if (pos.length === 0) return null;
      return `(${pos.join(' AND ')}${neg.map((x) => ` NOT ${x}`).join('')})`;
    }
    default: return null;
  }
}

/** One text term as an FTS5 expression; user words are always quoted (they may contain FTS syntax). */
export function ftsTerm(n: TextNode): string {
  // Format characters are not in the index (see prepare.ts FORMAT_CHARS): drop them from terms too.
  const quoted = `"${n.value.replace(/\p{Cf}/gu, '').replace(/"/g, '""')}"`;
  return n.prefix ? `${quoted} *` : quoted;
}

export function escapeLike(v: string): string {
  return v.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `*` → `%`, `?` → `_`, everything else literal (LIKE is case-insensitive for ASCII). */
export function wildcardToLike(v: string): string {
  return escapeLike(v).replace(/\*/g, '%').replace(/\?/g, '_');
}

/** The node's value as a JS matcher (for small closed vocabularies such as outcomes). */
function likePattern(n: FieldNode): RegExp {
  const body = n.match === 'exact'
    ? n.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    : n.value.split('').map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'i');
}
