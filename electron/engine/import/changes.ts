// Before/after normalization: turns each source's way of recording a modification (M365
// ModifiedProperties, Jira changedValues, GitHub old_* keys, GitLab change/from/to, field maps,
// snapshot pairs) into one list of Change{path, before?, after?}. Absent sides stay absent so the
// UI can tell "created" from "set to null". Archive content is hostile: every walk is bounded.
import type { Change, JsonValue } from '../../../shared/model.ts';

/** JSON-in-a-string larger than this stays a string (bounded work per record). */
const MAX_DECODE_CHARS = 1_000_000;
/** Nesting deeper than this is compared as a whole value instead of walked. */
const MAX_DEPTH = 32;
/** A single record never yields more changes than this. */
const MAX_CHANGES = 2000;

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** Integers beyond 2^53 keep their source text (Node 24 hands revivers the source of primitives). */
const keepBigIntegers: Reviver = (_key, value, context) =>
  typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && typeof context?.source === 'string'
    ? context.source
    : value;

/**
 * Parses a JSON object/array that a source stored inside a string (M365 `"[\r\n  true\r\n]"`,
 * CloudTrail `CloudTrailEvent`, Azure `requestbody`). Anything else, or invalid JSON, is returned as is.
 */
export function decodeJsonString(v: unknown): unknown {
  if (typeof v !== 'string' || v.length > MAX_DECODE_CHARS) return v;
  const first = firstNonSpace(v);
  if (first !== '{' && first !== '[') return v;
  const last = lastNonSpace(v);
  if ((first === '{' && last !== '}') || (first === '[' && last !== ']')) return v;
  try {
    return JSON.parse(v, keepBigIntegers as Parameters<typeof JSON.parse>[1]);
  } catch {
    return v;
  }
}

function firstNonSpace(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return c;
  }
  return '';
}

function lastNonSpace(s: string): string {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i]!;
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') return c;
  }
  return '';
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Makes a parsed value safe to store as JsonValue (bigint → text, undefined → null, depth-bounded). */
export function toJsonValue(v: unknown, depth = 0): JsonValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v === undefined) return null;
  if (typeof v !== 'object') return String(v);
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(v)) return v.map((x) => toJsonValue(x, depth + 1));
  const out: { [key: string]: JsonValue } = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toJsonValue(x, depth + 1);
  return out;
}

/** Structural equality of JSON-like values (bounded depth; beyond it, different unless identical). */
export function jsonEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth >= MAX_DEPTH) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i], depth + 1)) return false;
    return true;
  }
  const ak = Object.keys(a);
  if (ak.length !== Object.keys(b).length) return false;
  const bo = b as Record<string, unknown>;
  for (const k of ak) {
    if (!Object.hasOwn(bo, k) || !jsonEqual((a as Record<string, unknown>)[k], bo[k], depth + 1)) return false;
  }
  return true;
}

/** Builds a Change, leaving out a side the source did not record (undefined). */
export function makeChange(path: string, before: unknown, after: unknown): Change {
  const c: Change = { path };
  if (before !== undefined) c.before = toJsonValue(before);
  if (after !== undefined) c.after = toJsonValue(after);
  return c;
}

/**
 * Leaf-level diff of two snapshots: nested objects are walked (paths dotted), arrays and scalars are
 * compared as whole values. Only changed, added (no `before`) and removed (no `after`) paths.
 */
export function diffObjects(before: unknown, after: unknown, prefix?: string): Change[] {
  const out: Change[] = [];
  walkDiff(before, after, prefix ?? '', 0, out);
  return out;
}

function walkDiff(before: unknown, after: unknown, path: string, depth: number, out: Change[]): void {
  if (out.length >= MAX_CHANGES) return;
  const bObj = isPlainObject(before);
  const aObj = isPlainObject(after);
  // Walk when both sides are objects (or one is absent) and there is a key to walk; an empty object
  // that appears or disappears is itself a leaf.
  const walkable = depth < MAX_DEPTH && (bObj || before === undefined) && (aObj || after === undefined) &&
    ((bObj && Object.keys(before).length > 0) || (aObj && Object.keys(after).length > 0));
  if (walkable) {
    const b: Record<string, unknown> = bObj ? before : {};
    const a: Record<string, unknown> = aObj ? after : {};
    for (const k of Object.keys(b)) walkDiff(b[k], Object.hasOwn(a, k) ? a[k] : undefined, join(path, k), depth + 1, out);
    for (const k of Object.keys(a)) if (!Object.hasOwn(b, k)) walkDiff(undefined, a[k], join(path, k), depth + 1, out);
    return;
  }
  if (before === undefined && after === undefined) return;
  if (jsonEqual(before, after)) return;
  out.push(makeChange(path === '' ? 'value' : path, before, after));
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** M365 lists this pseudo-property (a comma list of the names that changed), not a change itself. */
const PSEUDO_PROPERTIES = new Set(['Included Updated Properties']);

/**
 * Lists of `{name, old, new}` entries: M365 ModifiedProperties `{Name,OldValue,NewValue}`, Jira Cloud
 * `{fieldName,changedFrom?,changedTo}`, Jira DC `{key,from,to}`, Confluence `{name,oldValue,newValue}`.
 * JSON-in-string values are decoded; a missing key means that side was not recorded.
 */
export function changesFromList(list: unknown, keys: { path: string; before: string; after: string }): Change[] {
  if (!Array.isArray(list)) return [];
  const out: Change[] = [];
  for (const item of list) {
    if (out.length >= MAX_CHANGES) break;
    if (!isPlainObject(item)) continue;
    const name = item[keys.path];
    if (name === undefined || name === null || name === '') continue;
    const path = typeof name === 'string' ? name : String(toJsonValue(name));
    if (PSEUDO_PROPERTIES.has(path)) continue;
    const before = decodeJsonString(item[keys.before]);
    const after = decodeJsonString(item[keys.after]);
    if (before === undefined && after === undefined) continue;
    out.push(makeChange(path, before, after));
  }
  return out;
}

/** `{field: {from, to}}`, `{field: {old, new}}`, `{field: {before, after}}` and `{field: [old, new]}`. */
export function changesFromFieldMap(obj: unknown): Change[] {
  if (!isPlainObject(obj)) return [];
  const out: Change[] = [];
  for (const [field, v] of Object.entries(obj)) {
    if (out.length >= MAX_CHANGES) break;
    if (Array.isArray(v)) {
      if (v.length === 2) out.push(makeChange(field, v[0], v[1]));
      continue;
    }
    if (!isPlainObject(v)) continue;
    const pair = pairOf(v, 'from', 'to') ?? pairOf(v, 'old', 'new') ?? pairOf(v, 'before', 'after');
    if (pair) out.push(makeChange(field, pair[0], pair[1]));
  }
  return out;
}

function pairOf(v: Record<string, unknown>, beforeKey: string, afterKey: string): [unknown, unknown] | null {
  if (!Object.hasOwn(v, beforeKey) && !Object.hasOwn(v, afterKey)) return null;
  return [v[beforeKey], v[afterKey]];
}

// `events_were` / `visibility_was`, `old_user`, `previous_visibility` (last dotted segment only, so
// flattened CSV headers like `data.old_user` pair with `data.user`).
const OLD_SUFFIX = /^(.+)_(?:was|were)$/;
const OLD_PREFIX = /^(?:old|previous)_(.+)$/;

/**
 * Pairs keys that hold an earlier value with the key holding the current one (GitHub `events_were` +
 * `events`, `old_user` + `user`, `previous_visibility` + `visibility`, Slack `previous_ip_address`).
 * A lone old key yields a change with only `before`.
 */
export function changesFromPrefixedKeys(record: Record<string, unknown>): Change[] {
  const out: Change[] = [];
  for (const key of Object.keys(record)) {
    if (out.length >= MAX_CHANGES) break;
    const dot = key.lastIndexOf('.');
    const head = dot < 0 ? '' : key.slice(0, dot + 1);
    const last = dot < 0 ? key : key.slice(dot + 1);
    const m = OLD_SUFFIX.exec(last) ?? OLD_PREFIX.exec(last);
    if (!m) continue;
    const before = record[key];
    if (before === undefined) continue;
    const current = head + m[1]!;
    // Singular/plural pairs (`events_were` ↔ `events`) share the stem, so only the exact key is used.
    const after = Object.hasOwn(record, current) ? record[current] : undefined;
    out.push(makeChange(current, before, after));
  }
  return out;
}

/** GitLab's `change` (field name), `from`, `to` — top level in audit_json.log, under `details` in the API. */
export function changesFromChangeFromTo(obj: unknown): Change[] {
  if (!isPlainObject(obj)) return [];
  const holder = obj['change'] !== undefined ? obj : isPlainObject(obj['details']) ? obj['details'] : null;
  if (!holder) return [];
  const name = holder['change'];
  if (name === undefined || name === null || name === '') return [];
  const before = Object.hasOwn(holder, 'from') ? holder['from'] : undefined;
  const after = Object.hasOwn(holder, 'to') ? holder['to'] : undefined;
  if (before === undefined && after === undefined) return [];
  return [makeChange(typeof name === 'string' ? name : String(toJsonValue(name)), before, after)];
}
