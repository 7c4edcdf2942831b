// The raw_match() SQL function: matches a field path of the raw record (JSON, or a CSV row's
// object) against a value, case-insensitively, with wildcards. Paths may be flat dotted keys
// (GitLab's `meta.remote_ip`) or nested (`userIdentity.type`, `a.b[0].c`); JSON inside strings
// (M365 AuditData) is looked into; an array matches when any element does. Records are parsed as
// the importer parses them (parseRecordJson), so a 64-bit id is compared as the digits it has, not
// as the nearest double (9007199254740993 is not 9007199254740992).
import type { CaseDb } from '../db/openCase.ts';
import { parseRecordJson } from '../import/readers/parseRecordJson.ts';

const MAX_DECODE = 1 << 20;

const registered = new WeakSet<CaseDb>();

/** Registers raw_match() on a connection (once). */
export function registerRawMatch(db: CaseDb): void {
  if (registered.has(db)) return;
  registered.add(db);
  const patterns = new Map<string, RegExp>();
  db.function('raw_match', { deterministic: true, varargs: false }, (text: unknown, path: unknown, value: unknown, wildcard: unknown) => {
    if (typeof text !== 'string' || typeof path !== 'string') return 0;
    let root: unknown;
    try { root = parseRecordJson(text); } catch { return 0; }
    const found = resolvePath(root, path);
    if (value === null) return found.length > 0 ? 1 : 0;
    const v = String(value);
    let test: (s: string) => boolean;
    if (wildcard) {
      let re = patterns.get(v);
      if (!re) {
        if (patterns.size > 100) patterns.clear();
        re = new RegExp(`^${v.split('').map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 'i');
        patterns.set(v, re);
      }
      test = (s) => re.test(s);
    } else {
      const lower = v.toLowerCase();
      test = (s) => s.toLowerCase() === lower;
    }
    return found.some((x) => test(x)) ? 1 : 0;
  });
}

/** Every scalar (as text) the path reaches; arrays along the way fan out. */
export function resolvePath(root: unknown, path: string): string[] {
  const out: string[] = [];
  walk(decode(root), splitPath(path), 0, out);
  return out;
}

function walk(node: unknown, segs: string[], i: number, out: string[]): void {
  if (out.length > 1000) return;
  if (i === segs.length) { collect(node, out); return; }
  if (Array.isArray(node)) {
    const seg = segs[i]!;
    if (/^\d+$/.test(seg)) { walk(decode(node[Number(seg)]), segs, i + 1, out); return; }
    for (const el of node) walk(decode(el), segs, i, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  // A flat key containing dots wins (GitLab writes "meta.remote_ip" as one key).
  for (let j = segs.length; j > i + 1; j--) {
    const key = segs.slice(i, j).join('.');
    if (Object.hasOwn(obj, key)) { walk(decode(obj[key]), segs, j, out); return; }
  }
  const seg = segs[i]!;
  if (Object.hasOwn(obj, seg)) { walk(decode(obj[seg]), segs, i + 1, out); return; }
  // Keys are matched case-insensitively as a fallback (exports differ in casing).
  const lower = seg.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) { walk(decode(obj[k]), segs, i + 1, out); return; }
}

function collect(node: unknown, out: string[]): void {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) { for (const el of node) if (el === null || typeof el !== 'object') collect(el, out); return; }
  if (typeof node === 'object') { out.push(JSON.stringify(node)); return; }
  out.push(String(node));
}

/** Strings that hold JSON objects or arrays are looked into (bounded). */
function decode(v: unknown): unknown {
  if (typeof v !== 'string' || v.length > MAX_DECODE) return v;
  const t = v.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return v;
  try { return parseRecordJson(v); } catch { return v; }
}

/** `a.b[0].c` → ['a', 'b', '0', 'c']. */
function splitPath(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
}
