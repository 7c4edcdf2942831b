// What to offer under the search box for the word at the cursor: qualifier names while a field name
// is being typed, the known values of a qualifier (outcomes, time shortcuts) or the case's top values
// from facets.list while a value is, and the recent searches when the box is empty.
import { useEffect, useState } from 'react';
import { completionContext, formatFieldValue, QUALIFIERS, type CompletionContext } from '../../shared/query/index.ts';
import { useApi } from '../api/ApiContext.tsx';
import { formatCompact } from '../format/numbers.ts';

export interface Completion {
  /** What is shown. */
  label: string;
  /** Extra text on the right (a count, a description). */
  detail: string;
  kind: 'field' | 'value' | 'recent';
  /** What replaces the word under the cursor (for recent: the whole text). */
  insert: string;
}

const TIME_VALUES = ['-1h', '-24h', '-7d', '-30d', 'today', 'yesterday'];
/** Fields facets.list can count from its per-field columns (fast even for a prefix). */
const FACETABLE = new Set(['system', 'action', 'category', 'status', 'actor', 'target', 'entity_type', 'entity', 'ip', 'version', 'source']);

function fieldCompletions(prefix: string): Completion[] {
  const p = prefix.toLowerCase();
  const out: Completion[] = [];
  for (const q of QUALIFIERS) {
    for (const name of [q.name, ...q.aliases]) {
      if (name.startsWith(p) && name !== p) out.push({ label: `${name}:`, detail: q.description, kind: 'field', insert: `${name}:` });
    }
  }
  return out;
}

function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

export function useCompletions(text: string, cursor: number, active: boolean, recent: readonly string[]) {
  const api = useApi();
  const ctx: CompletionContext = active ? completionContext(text, cursor) : { kind: 'none' };
  const ctxKey = JSON.stringify(ctx);
  const [remote, setRemote] = useState<{ key: string; items: Completion[] }>({ key: '', items: [] });

  // Top values of the field from the case (whole-case facets are instant), narrowed by the prefix.
  useEffect(() => {
    if (ctx.kind !== 'value' || !FACETABLE.has(ctx.field)) return;
    const field = ctx.field;
    const prefix = ctx.prefix;
    let live = true;
    const timer = setTimeout(() => {
      const query = prefix === '' ? '' : `${field}:${formatFieldValue(`${prefix}*`, true)}`;
      void api.call('facets.list', { query, fields: [field], limit: 12, budgetMs: 400 }).then((r) => {
        if (!live || !r.ok) return;
        const values = r.value[0]?.values ?? [];
        const p = prefix.toLowerCase();
        setRemote({
          key: ctxKey,
          items: values
            .filter((v) => v.value.toLowerCase().startsWith(p))
            .map((v) => ({ label: v.label && v.label !== v.value ? `${v.value} (${v.label})` : v.value, detail: formatCompact(v.count), kind: 'value', insert: v.value })),
        });
      });
    }, 90);
    return () => { live = false; clearTimeout(timer); };
  }, [ctxKey]);

  if (!active) return { ctx, items: [] as Completion[] };
  if (text.trim() === '') {
    return { ctx, items: recent.slice(0, 8).map((q) => ({ label: q, detail: 'recent', kind: 'recent' as const, insert: q })) };
  }
  if (ctx.kind === 'field') return { ctx, items: ctx.prefix === '' ? [] : fieldCompletions(ctx.prefix) };
  if (ctx.kind === 'value') {
    const p = ctx.prefix.toLowerCase();
    const q = QUALIFIERS.find((x) => x.name === ctx.field);
    if (q?.kind === 'time') {
      return { ctx, items: [...TIME_VALUES, thisMonth()].filter((v) => v.startsWith(p)).map((v) => ({ label: v, detail: q.description, kind: 'value' as const, insert: v })) };
    }
    if (q?.values) return { ctx, items: q.values.filter((v) => v.startsWith(p)).map((v) => ({ label: v, detail: '', kind: 'value' as const, insert: v })) };
    return { ctx, items: remote.key === ctxKey ? remote.items : [] };
  }
  return { ctx, items: [] as Completion[] };
}
