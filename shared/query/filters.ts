// The filter model ↔ query text: reads which facet values the query includes/excludes, and edits
// the text when a facet is clicked, so the checkboxes and the search box never disagree. Edits
// touch only the clause for the clicked field; every other character the user typed is kept.
import type { FieldNode, ParseOptions, QueryNode, Span } from './ast.ts';
import { parseQuery } from './parse.ts';
import { isSpace } from './lexer.ts';
import { qualifierText } from './print.ts';
import { isFieldName, lookupQualifier } from './qualifiers.ts';

/** Facet keys: canonical qualifier names, or a raw record path as typed. */
export type FacetField =
  | 'system' | 'action' | 'category' | 'status' | 'outcome' | 'actor' | 'target' | 'entity_type' | 'entity' | 'source'
  | (string & {});

/** Values per field key. include: the first top-level clause for the field (values ORed). exclude: every `-field:v`. */
export interface FilterState {
  include: Record<string, string[]>;
  exclude: Record<string, string[]>;
}

export interface FilterChange {
  field: FacetField;
  value: string;
  mode: 'include' | 'exclude' | 'remove';
}

/** Values compare like the engine compares them: case-insensitively. */
function same(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** The field key a typed name stands for (aliases resolved), or null for time qualifiers. */
function keyOf(name: string): string | null {
  const q = lookupQualifier(name);
  if (!q) return name;
  return q.kind === 'field' ? q.name : null;
}

interface FilterClause {
  key: string;
  values: string[];
  negated: boolean;
}

/** A top-level item that is a facet clause: `f:v`, `f:(a OR b)`, `f:a OR f:b`, or one of those negated — exact values only. */
function clauseOf(n: QueryNode): FilterClause | null {
  const negated = n.kind === 'not';
  const inner = n.kind === 'not' ? n.child : n;
  const fields: FieldNode[] = inner.kind === 'field' ? [inner] : inner.kind === 'or' ? (inner.children as FieldNode[]) : [];
  if (fields.length === 0 || !fields.every((f) => f.kind === 'field' && f.match === 'exact')) return null;
  const key = fields[0]!.field ?? fields[0]!.path!;
  if (!fields.every((f) => (f.field ?? f.path) === key)) return null;
  return { key, values: fields.map((f) => f.value), negated };
}

function topItems(ast: QueryNode): QueryNode[] {
  return ast.kind === 'and' ? ast.children : ast.kind === 'all' ? [] : [ast];
}

function addUnique(list: string[], values: readonly string[]): void {
  for (const v of values) if (!list.some((x) => same(x, v))) list.push(v);
}

/**
 * Splits the top-level AND chain into facet filters and the rest. A second include clause for a
 * field already included stays in `rest`: `status:A status:B` means A AND B, which a set of
 * checked values (ORed) cannot say. Wildcards, time and text always stay in `rest`.
 */
export function filtersFromQuery(ast: QueryNode): { filters: FilterState; rest: QueryNode | null } {
  // Maps, then Object.fromEntries: raw paths are user text, and `__proto__:x` or `constructor:x`
  // must become plain keys, not reach Object.prototype.
  const include = new Map<string, string[]>();
  const exclude = new Map<string, string[]>();
  const rest: QueryNode[] = [];
  for (const n of topItems(ast)) {
    const c = clauseOf(n);
    if (c && c.negated) addUnique(exclude.get(c.key) ?? exclude.set(c.key, []).get(c.key)!, c.values);
    else if (c && !include.has(c.key)) addUnique(include.set(c.key, []).get(c.key)!, c.values);
    else rest.push(n);
  }
  return {
    filters: { include: Object.fromEntries(include), exclude: Object.fromEntries(exclude) },
    rest: rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { kind: 'and', children: rest },
  };
}

/** Whether a facet value is currently included or excluded (for its checkbox), case-insensitively. */
export function filterStatus(filters: FilterState, field: FacetField, value: string): 'include' | 'exclude' | null {
  const key = keyOf(field) ?? field;
  const has = (r: Record<string, string[]>) => Object.hasOwn(r, key) && r[key]!.some((v) => same(v, value));
  if (has(filters.include)) return 'include';
  if (has(filters.exclude)) return 'exclude';
  return null;
}

function spanOf(n: QueryNode): Span | null {
  return n.kind === 'all' ? null : n.span ?? null;
}

/** A node's span widened over parentheses that enclose exactly it: `(status:A)` is one item. */
function outerSpan(text: string, span: Span): Span {
  let { start, end } = span;
  for (;;) {
    let s = start - 1;
    while (s >= 0 && isSpace(text[s]!)) s--;
    let e = end;
    while (e < text.length && isSpace(text[e]!)) e++;
    if (text[s] !== '(' || text[e] !== ')') return { start, end };
    start = s;
    end = e + 1;
  }
}

/**
 * The query text after a facet click: include adds `field:value` (or extends the field's existing
 * include clause to `field:(a OR value)`), exclude adds `-field:value` (or extends an existing
 * exclusion), and each takes the value out of the opposite clause; remove takes it out of both.
 * Values are quoted when they need it. Invalid query text is returned unchanged (it cannot be
 * edited safely; the search box already shows its error), as is a change no clause can express
 * (an empty value, a name that is not a field, a time qualifier).
 */
export function applyFilterChange(text: string, change: FilterChange, opts?: ParseOptions): string {
  const key = keyOf(change.field);
  if (key === null || change.value === '' || !isFieldName(change.field)) return text;
  const parsed = parseQuery(text, opts);
  if (!parsed.ok) return text;
  const items = topItems(parsed.ast);
  const spans = items.map(spanOf);
  if (spans.some((s) => s === null)) return text;
  const outer = spans.map((s) => outerSpan(text, s!));

  // The clauses this change may touch: the field's include clause (the first one, as in
  // filtersFromQuery) and all its exclusions.
  const clauses = items.map(clauseOf);
  const includeAt = clauses.findIndex((c) => c !== null && !c.negated && c.key === key);
  const touched = clauses.map((c, i) => c !== null && c.key === key && (c.negated || i === includeAt));
  const has = clauses.map((c, i) => touched[i]! && c!.values.some((v) => same(v, change.value)));

  // New text per item: undefined = unchanged, null = removed, string = rewritten.
  const replaced: (string | null | undefined)[] = items.map(() => undefined);
  clauses.forEach((c, i) => {
    if (!has[i] || !c) return;
    const drop = change.mode === 'remove' || (change.mode === 'include') === c.negated;
    if (!drop) return;
    const values = c.values.filter((v) => !same(v, change.value));
    replaced[i] = values.length === 0 ? null : (c.negated ? '-' : '') + clause(typedName(text, items[i]!), values);
  });

  let append: string | null = null;
  if (change.mode !== 'remove') {
    const negated = change.mode === 'exclude';
    const already = clauses.some((c, i) => has[i] && c!.negated === negated);
    const extendAt = negated ? clauses.findIndex((c, i) => touched[i] && c!.negated) : includeAt;
    if (!already && extendAt >= 0) {
      // Never dropped above: a clause of this polarity did not hold the value.
      replaced[extendAt] = (negated ? '-' : '') + clause(typedName(text, items[extendAt]!), [...clauses[extendAt]!.values, change.value]);
    } else if (!already) {
      append = (negated ? '-' : '') + clause(change.field, [change.value]);
    }
  }

  let out = replaced.every((r) => r === undefined) ? text : rebuild(text, outer, replaced);
  if (append !== null) out = appendClause(out, append, opts);
  return out;
}

function clause(name: string, values: readonly string[]): string {
  return qualifierText(name, values.map((value) => ({ value, wildcard: false })));
}

/** The field name as the user typed it (`type:` stays `type:`), read at the start of the clause. */
function typedName(text: string, n: QueryNode): string {
  const inner = n.kind === 'not' ? n.child : n;
  const start = spanOf(inner)?.start ?? 0;
  return text.slice(start, text.indexOf(':', start));
}

/** Reassembles the top-level chain: kept items keep their text and the separator (blanks or AND) before them. */
function rebuild(text: string, outer: readonly Span[], replaced: readonly (string | null | undefined)[]): string {
  const parts: string[] = [];
  outer.forEach((s, i) => {
    const r = replaced[i];
    if (r === null) return;
    if (parts.length > 0) {
      const sep = text.slice(outer[i - 1]!.end, s.start);
      parts.push(sep === '' ? ' ' : sep); // `x(status:A)y` minus the middle must not glue x and y
    }
    parts.push(r ?? text.slice(s.start, s.end));
  });
  if (parts.length === 0) return '';
  return text.slice(0, outer[0]!.start) + parts.join('') + text.slice(outer[outer.length - 1]!.end);
}

/** Adds a clause at the end, parenthesising the existing text when it would not AND with it (`a OR b`). */
function appendClause(text: string, c: string, opts?: ParseOptions): string {
  const body = text.trimEnd();
  if (body.trim() === '') return c;
  const plain = `${body} ${c}`;
  const p = parseQuery(plain, opts);
  const last = p.ok && p.ast.kind === 'and' ? p.ast.children[p.ast.children.length - 1] : undefined;
  if (last && spanOf(last)?.start === body.length + 1) return plain;
  return `(${body.trim()}) ${c}`;
}
