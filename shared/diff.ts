// The diff model: a list of normalized changes → field-level entries a reviewer reads (added /
// removed / changed / unchanged), with object values and JSON held inside strings (M365
// ModifiedProperties, Azure request bodies) opened up into nested paths. Values are never cut:
// long values are kept whole for display. Pure; runs in the renderer and the engine.
import type { Change, JsonValue } from './model.ts';

export type DiffKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffEntry {
  /** Dotted path; nested parts found inside a value extend the change's own path. */
  path: string;
  kind: DiffKind;
  /** Display text of each side; null when the source did not record that side. */
  before: string | null;
  after: string | null;
  /** A side held JSON inside a string and was decoded to find nested fields. */
  decoded: boolean;
}

/** Values larger than this are compared and shown whole, but not opened into nested paths. */
const MAX_EXPAND_CHARS = 1 << 20;
/** Nesting opened into paths; deeper values are shown as JSON text. */
const MAX_DEPTH = 8;

/** Decodes a string holding a JSON object or array (trimmed); other values come back as they are. */
export function decodeNested(v: JsonValue | undefined): { value: JsonValue | undefined; decoded: boolean } {
  if (typeof v !== 'string' || v.length > MAX_EXPAND_CHARS) return { value: v, decoded: false };
  const t = v.trim();
  if (!((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']')))) return { value: v, decoded: false };
  try {
    return { value: JSON.parse(t) as JsonValue, decoded: true };
  } catch {
    return { value: v, decoded: false };
  }
}

/** Display text of one side: strings as they are, everything else as JSON (pretty for objects). */
export function displayValue(v: JsonValue | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v === null || typeof v !== 'object') return String(v);
  return JSON.stringify(v, null, 2);
}

export function diffChanges(changes: readonly Change[]): DiffEntry[] {
  const out: DiffEntry[] = [];
  for (const c of changes) {
    const b = decodeNested(c.before);
    const a = decodeNested(c.after);
    expand(c.path, b.value, a.value, b.decoded || a.decoded, 0, out);
  }
  return out;
}

const isObject = (v: JsonValue | undefined): v is { [k: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

function expand(path: string, before: JsonValue | undefined, after: JsonValue | undefined, decoded: boolean, depth: number, out: DiffEntry[]): void {
  // Two objects (or one object and a missing side): open them up key by key.
  const bothObjects = (isObject(before) || before === undefined) && (isObject(after) || after === undefined) && (isObject(before) || isObject(after));
  if (bothObjects && depth < MAX_DEPTH) {
    const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    if (keys.size === 0) { out.push(entry(path, before, after, decoded)); return; }
    for (const k of keys) {
      const sub = path === '' ? k : `${path}.${k}`;
      const bv = before === undefined ? undefined : (Object.hasOwn(before, k) ? before[k] : undefined);
      const av = after === undefined ? undefined : (Object.hasOwn(after, k) ? after[k] : undefined);
      const bd = decodeNested(bv);
      const ad = decodeNested(av);
      expand(sub, bd.value, ad.value, decoded || bd.decoded || ad.decoded, depth + 1, out);
    }
    return;
  }
  out.push(entry(path, before, after, decoded));
}

function entry(path: string, before: JsonValue | undefined, after: JsonValue | undefined, decoded: boolean): DiffEntry {
  const b = displayValue(before);
  const a = displayValue(after);
  const kind: DiffKind = b === null && a !== null ? 'added' : a === null && b !== null ? 'removed' : b === a ? 'unchanged' : 'changed';
  return { path, kind, before: b, after: a, decoded };
}
