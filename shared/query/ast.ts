// The search language's data types: the AST the parser produces and the engine compiles to SQL,
// plus the shapes of parse results, tokens and completion contexts. Types only, so both the
// renderer and the engine can import them without pulling in code.
//
// Semantics the engine must honour (the parser cannot enforce them, so they are written here):
// - `text` terms go to FTS5 MATCH. `value` is exactly what the user typed (minus quotes and the
//   trailing `*`); the engine must quote it as an FTS5 string, because user words may contain
//   FTS5 syntax (`:`, `^`, `-`, `NEAR`). `prefix` means FTS5 prefix search on the last token.
// - `field` values match CASE-INSENSITIVELY, against the whole value (not a substring).
//   `match: 'wildcard'`: `*` is any run of characters (also none), `?` exactly one character, and
//   the pattern is anchored at both ends (`action:post.*` matches `post.created`, not `repost.x`).
//   `match: 'exact'`: whole-value equality. A wildcard value of just `*` means "has any value".
// - `field: null` + `path`: a raw JSON path into the record, exactly as typed (`a.b[0].c`,
//   `@timestamp`, GitLab's flat dotted keys `meta.remote_ip`); the engine resolves it (a flat key
//   that contains dots wins over nesting, or both are tried). A leading `$.` (`$.id`) is how a user
//   reaches a raw top-level key that shares a qualifier's name; the engine should strip it.
//   JSON numbers and booleans compare as their text (`status_code:404`).
// - `time` nodes are half-open ranges in epoch ms UTC: fromMs <= t < toMs (null = unbounded).
// - `and` / `or` children are in source order; explicit parenthesised groups are kept as nested
//   nodes (not flattened), so the AST mirrors what the user wrote.

/** Character offsets into the query text (JS string indices, i.e. UTF-16 code units), end exclusive. */
export type Span = { start: number; end: number };

/** Qualifiers with a normalized column (aliases already resolved: `type` → action, `recipient` → target). */
export type CanonicalField =
  | 'action' | 'actor' | 'target' | 'entity' | 'entity_type' | 'category' | 'status' | 'outcome'
  | 'system' | 'ip' | 'version' | 'id' | 'source';

export type TimeOp = 'after' | 'before' | 'on';

/**
 * A parsed query. `and`/`or`/`not` carry a span when the parser made them (the span of a
 * parenthesised group excludes its parentheses; a `not` span includes its `-` or `NOT`). Inside a
 * grouped value (`status:(A OR B)`) the `or` span covers the whole qualifier and each field's span
 * covers only its value.
 */
export type QueryNode =
  | { kind: 'and'; children: QueryNode[]; span?: Span }
  | { kind: 'or'; children: QueryNode[]; span?: Span }
  | { kind: 'not'; child: QueryNode; span?: Span }
  | { kind: 'text'; value: string; phrase: boolean; prefix: boolean; span: Span }
  | { kind: 'field'; field: CanonicalField | null; path: string | null; value: string; match: 'exact' | 'wildcard'; span: Span }
  | { kind: 'time'; op: TimeOp; value: string; fromMs: number | null; toMs: number | null; span: Span }
  | { kind: 'all' };

export type FieldNode = Extract<QueryNode, { kind: 'field' }>;
export type TimeNode = Extract<QueryNode, { kind: 'time' }>;
export type TextNode = Extract<QueryNode, { kind: 'text' }>;

/** An error or warning located in the query text: position is a 0-based index, length >= 0. */
export interface QueryMessage {
  message: string;
  position: number;
  length: number;
}

/** The intersection of the time qualifiers on the top-level AND chain (null bounds are open). */
export interface TimeRange {
  fromMs: number | null;
  toMs: number | null;
}

export type ParseResult =
  | {
      ok: true;
      ast: QueryNode;
      /** Intersected range of the time qualifiers that every match must satisfy; null when there are none. */
      timeRange: TimeRange | null;
      /** Hints that do not stop the query (lower-case `or`, likely typo in a qualifier, empty time range). */
      warnings: QueryMessage[];
    }
  | { ok: false; error: QueryMessage };

export interface ParseOptions {
  /** The instant relative times (`-7d`, `today`, `now`) resolve against, epoch ms. Default Date.now(). */
  now?: number;
}

export type TokenKind = 'word' | 'phrase' | 'field' | 'value' | 'operator' | 'paren' | 'negation' | 'error' | 'space';

/** A highlighting token; tokenize() returns them contiguous, covering the whole text. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

export type CompletionContext =
  | { kind: 'field'; prefix: string }
  /** `field` is the canonical qualifier name, a time op (`after`), or the raw path as typed. */
  | { kind: 'value'; field: string; prefix: string }
  | { kind: 'none' };
