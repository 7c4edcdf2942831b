// The search language's public face: parsing, explanation, highlighting, completion, the
// facet filter model and canonical printing. Everything here runs in the renderer and in Node.
export type {
  CanonicalField, CompletionContext, FieldNode, ParseOptions, ParseResult, QueryMessage, QueryNode, Span, TextNode,
  TimeNode, TimeOp, TimeRange, Token, TokenKind,
} from './ast.ts';
export { MAX_DEPTH, parseQuery, parseQueryOrThrow, QuerySyntaxError, timeRangeOf } from './parse.ts';
export { explainQuery } from './explain.ts';
export { tokenize } from './tokenize.ts';
export { completionContext } from './complete.ts';
export { formatFieldValue, queryToText, quoteValue, resolvedQueryText } from './print.ts';
export { applyFilterChange, filtersFromQuery, filterStatus } from './filters.ts';
export type { FacetField, FilterChange, FilterState } from './filters.ts';
export { isFieldName, lookupQualifier, OUTCOMES, QUALIFIERS } from './qualifiers.ts';
export type { QualifierInfo } from './qualifiers.ts';
export { readTimeValue, resolveTime } from './time.ts';
export type { TimeSpec } from './time.ts';
