// Shared helpers for the query-language tests: span-free AST comparison, a fixed clock, the
// tokenize coverage invariant, and a seeded random generator for property-style tests.
import assert from 'node:assert/strict';
import { parseQuery, tokenize } from '../../../shared/query/index.ts';
import type { ParseResult, QueryNode } from '../../../shared/query/index.ts';

/** Wednesday 15 May 2024, 12:30:00 UTC. */
export const NOW = Date.UTC(2024, 4, 15, 12, 30, 0);

/** Deep copy without `span` keys, so ASTs from different texts can be compared. */
export function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'span') out[k] = strip(x);
    return out;
  }
  return v;
}

export function parseOk(text: string): QueryNode {
  const r = parseQuery(text, { now: NOW });
  if (!r.ok) assert.fail(`expected ${JSON.stringify(text)} to parse, got: ${r.error.message} at ${r.error.position}`);
  return r.ast;
}

export function parseErr(text: string): Extract<ParseResult, { ok: false }>['error'] {
  const r = parseQuery(text, { now: NOW });
  if (r.ok) assert.fail(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(strip(r.ast))}`);
  return r.error;
}

/** Span-free AST of a query. */
export function ast(text: string): unknown {
  return strip(parseOk(text));
}

export const word = (value: string, prefix = false) => ({ kind: 'text', value, phrase: false, prefix });
export const phrase = (value: string, prefix = false) => ({ kind: 'text', value, phrase: true, prefix });
export const field = (f: string, value: string, match: 'exact' | 'wildcard' = 'exact') => ({ kind: 'field', field: f, path: null, value, match });
export const raw = (path: string, value: string, match: 'exact' | 'wildcard' = 'exact') => ({ kind: 'field', field: null, path, value, match });
export const and = (...children: unknown[]) => ({ kind: 'and', children });
export const or = (...children: unknown[]) => ({ kind: 'or', children });
export const not = (child: unknown) => ({ kind: 'not', child });

/** tokenize() must cover every character exactly once, in order, with non-empty tokens. */
export function assertCovers(text: string): void {
  const tokens = tokenize(text);
  let pos = 0;
  for (const t of tokens) {
    assert.equal(t.start, pos, `gap or overlap at ${pos} in ${JSON.stringify(text.slice(0, 80))}`);
    assert.ok(t.end > t.start, `empty token at ${pos}`);
    pos = t.end;
  }
  assert.equal(pos, text.length, 'tokens end at the end of the text');
}

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
