// The vocabulary of the search language: which qualifier names exist, their aliases, how to tell a
// raw field path from a word, and the names people see in help, completion and explanations.
import type { CanonicalField, TimeOp } from './ast.ts';

export interface QualifierInfo {
  /** Canonical name (what the AST uses). */
  name: CanonicalField | TimeOp;
  aliases: readonly string[];
  kind: 'field' | 'time';
  description: string;
  example: string;
  /** Closed set of accepted values (case-insensitive), when there is one. */
  values?: readonly string[];
}

export const OUTCOMES = ['success', 'failure', 'warning', 'in_progress', 'unknown'] as const;

export const QUALIFIERS: readonly QualifierInfo[] = [
  { name: 'action', aliases: ['type'], kind: 'field', description: 'What happened: the event type or operation name', example: 'action:post.*' },
  { name: 'actor', aliases: [], kind: 'field', description: 'Who did it: the actor\'s name or id', example: 'actor:alice' },
  { name: 'target', aliases: ['recipient'], kind: 'field', description: 'Who or what it was done to (the recipient)', example: 'target:bob' },
  { name: 'entity', aliases: [], kind: 'field', description: 'The object acted on: its name or id (a repo, project, post…)', example: 'entity:"Quarterly plan"' },
  { name: 'entity_type', aliases: [], kind: 'field', description: 'The kind of object acted on', example: 'entity_type:repo' },
  { name: 'category', aliases: [], kind: 'field', description: 'The source\'s category or event family', example: 'category:authentication' },
  { name: 'status', aliases: [], kind: 'field', description: 'The status word exactly as the source gives it', example: 'status:FAILURE' },
  { name: 'outcome', aliases: [], kind: 'field', description: 'Normalized outcome: success, failure, warning, in_progress or unknown', example: 'outcome:failure', values: OUTCOMES },
  { name: 'system', aliases: [], kind: 'field', description: 'Source system (aws, okta, github, m365…)', example: 'system:okta' },
  { name: 'ip', aliases: [], kind: 'field', description: 'The actor\'s IP address', example: 'ip:10.0.*' },
  { name: 'version', aliases: [], kind: 'field', description: 'Schema or event version as the source gives it', example: 'version:1.08' },
  { name: 'id', aliases: [], kind: 'field', description: 'The source\'s own event id', example: 'id:3b1c9f2e' },
  { name: 'source', aliases: [], kind: 'field', description: 'Path of the imported file the event came from', example: 'source:*cloudtrail*' },
  { name: 'after', aliases: [], kind: 'time', description: 'At or after a time (UTC): a date, month, year, timestamp, or -7d / today', example: 'after:-7d' },
  { name: 'before', aliases: [], kind: 'time', description: 'Strictly before a time (UTC)', example: 'before:2024-05-01' },
  { name: 'on', aliases: [], kind: 'time', description: 'Within one day, month, year or minute (UTC); -7d, now: the whole day it falls on', example: 'on:2024-05' },
];

const byName = new Map<string, QualifierInfo>();
for (const q of QUALIFIERS) {
  byName.set(q.name, q);
  for (const a of q.aliases) byName.set(a, q);
}

/**
 * The qualifier a typed name denotes, or null for a raw field path. Names are matched exactly
 * (lower-case): records have upper-case keys of their own (M365 `Actor`, `Id`), and `Id:` must
 * reach that raw key rather than the normalized event id.
 */
export function lookupQualifier(name: string): QualifierInfo | null {
  return byName.get(name) ?? null;
}

/** Human label of a canonical field for explanations ("the IP address", "the event id"). */
export const FIELD_LABELS: Record<CanonicalField, string> = {
  action: 'action', actor: 'actor', target: 'target', entity: 'entity', entity_type: 'entity type',
  category: 'category', status: 'status', outcome: 'outcome', system: 'system', ip: 'IP address',
  version: 'version', id: 'event id', source: 'source file',
};

// A field name: path segments of letters, digits, _ @ $ - joined by dots, each optionally followed
// by [n] indexes. The first character may not be a digit (so `10:30` and IPv6 text stay words) nor
// `-` (that is negation). Sticky so the lexer can test "does a field start here" without slicing.
const FIELD_AT = /[\p{L}_@$][\p{L}\p{N}_@$-]*(?:\[\d+\])*(?:\.[\p{L}\p{N}_@$-]+(?:\[\d+\])*)*:/uy;

/** Length of `name:` when a field qualifier starts at `pos` (colon included), else 0. */
export function fieldNameLengthAt(text: string, pos: number): number {
  FIELD_AT.lastIndex = pos;
  const m = FIELD_AT.exec(text);
  return m ? m[0].length : 0;
}

/** True when `name` is a complete, valid field name (no colon). */
export function isFieldName(name: string): boolean {
  return fieldNameLengthAt(name + ':', 0) === name.length + 1;
}

// What someone may be in the middle of typing as a field name (for completion).
const FIELD_PREFIX = /^(?:[\p{L}_@$][\p{L}\p{N}_@$\-.\[\]]*)?$/u;

export function isFieldNamePrefix(s: string): boolean {
  return FIELD_PREFIX.test(s);
}

/**
 * A qualifier the user probably meant when a dot-less raw name is one edit away from one
 * (`acotr`, `Actor`), so the parser can warn instead of silently searching a raw key.
 */
export function likelyQualifierTypo(name: string): string | null {
  if (name.includes('.') || name.includes('[') || lookupQualifier(name)) return null;
  const lower = name.toLowerCase();
  for (const key of byName.keys()) {
    if (lower === key || withinOneEdit(lower, key)) return key;
  }
  return null;
}

/** Damerau distance <= 1 (one insertion, deletion, substitution or adjacent swap). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 3) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
