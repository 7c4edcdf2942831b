// Edits of the query text that are not facet clicks: the timeline brush and the date presets write a
// time range (`after:` / `before:` / `on:` clauses replaced, everything else kept as typed), and the
// summary combines the current query with an extra condition. Text is the single source of truth,
// so each edit is a string splice guided by the parser's spans.
import { parseQuery, type QueryNode } from '../../shared/query/index.ts';

function topItems(ast: QueryNode): QueryNode[] {
  return ast.kind === 'and' ? ast.children : ast.kind === 'all' ? [] : [ast];
}

/** `2024-05-01T10:00:00.000Z`, the form after:/before: read exactly (ms precision, UTC). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** The query text with its top-level time clauses replaced by `after:from before:to` (null = open). */
export function withTimeRange(text: string, fromMs: number | null, toMs: number | null): string {
  const parsed = parseQuery(text);
  let body = text;
  if (parsed.ok) {
    const cuts = topItems(parsed.ast)
      .filter((n): n is Extract<QueryNode, { kind: 'time' }> => n.kind === 'time')
      .map((n) => n.span)
      .sort((a, b) => b.start - a.start);
    for (const s of cuts) body = body.slice(0, s.start) + body.slice(s.end);
    body = body.replace(/\s{2,}/g, ' ').trim();
  }
  const clauses: string[] = [];
  if (fromMs !== null) clauses.push(`after:${isoInstant(fromMs)}`);
  if (toMs !== null) clauses.push(`before:${isoInstant(toMs)}`);
  return withClause(body, clauses.join(' '));
}

/** The query text with its top-level time clauses replaced by one clause as typed (`after:-7d`). */
export function withTimeClause(text: string, clause: string): string {
  return withClause(withTimeRange(text, null, null), clause);
}

/** Appends a clause so that it ANDs with the whole existing query, whatever its shape. */
export function withClause(text: string, clause: string): string {
  const body = text.trim();
  if (clause === '') return body;
  if (body === '') return clause;
  const parsed = parseQuery(body);
  // A top-level OR would swallow the new clause into one branch: parenthesise it.
  if (parsed.ok && parsed.ast.kind === 'or') return `(${body}) ${clause}`;
  return `${body} ${clause}`;
}

/** The time range the query restricts to (top-level time clauses intersected), if any. */
export function queryTimeRange(text: string): { fromMs: number | null; toMs: number | null } | null {
  const parsed = parseQuery(text);
  return parsed.ok ? parsed.timeRange : null;
}
