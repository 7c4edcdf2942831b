// The date filter of the seed products' activity pages — Any time, Today, This week, This month,
// Older (more than a month ago), or a custom range — written into the query text as after:/before:
// so the search box, the timeline and this list always agree. Dates are UTC, like the language.
import { useState } from 'react';
import { parseQuery, type QueryNode } from '../../shared/query/index.ts';
import { withTimeClause, withTimeRange } from '../search/queryText.ts';

interface Preset { id: string; label: string; clause: () => string }

function mondayUtc(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const PRESETS: readonly Preset[] = [
  { id: 'any', label: 'Any time', clause: () => '' },
  { id: 'today', label: 'Today', clause: () => 'after:today' },
  { id: 'week', label: 'This week', clause: () => `after:${mondayUtc()}` },
  { id: 'month', label: 'This month', clause: () => `after:${new Date().toISOString().slice(0, 7)}` },
  { id: 'older', label: 'Older', clause: () => 'before:-1mo' },
];

/** The top-level time clauses as typed, joined, for recognising which preset is on. */
function timeText(query: string): string {
  const p = parseQuery(query);
  if (!p.ok) return '';
  const items: QueryNode[] = p.ast.kind === 'and' ? p.ast.children : [p.ast];
  return items.filter((n) => n.kind === 'time').map((n) => query.slice((n as { span: { start: number; end: number } }).span.start, (n as { span: { end: number } }).span.end)).join(' ');
}

/** `datetime-local` value (UTC wall clock) → epoch ms. */
function fromLocalInput(v: string): number | null {
  if (!v) return null;
  const ms = Date.parse(`${v}Z`);
  return Number.isFinite(ms) ? ms : null;
}

export function DatePresets({ query, onQueryChange }: { query: string; onQueryChange(q: string): void }) {
  const current = timeText(query);
  const active = PRESETS.find((p) => p.clause() === current)?.id ?? 'custom';
  const [customOpen, setCustomOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  return (
    <section className="facet date-presets" aria-label="Date facet">
      <h3 className="facet-head"><span>Date <span className="muted">(UTC)</span></span></h3>
      <div className="preset-buttons" role="group" aria-label="Date range">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" className="chip" aria-pressed={active === p.id}
            onClick={() => { setCustomOpen(false); onQueryChange(withTimeClause(query, p.clause())); }}>
            {p.label}
          </button>
        ))}
        <button type="button" className="chip" aria-pressed={active === 'custom' || customOpen} onClick={() => setCustomOpen((o) => !o)}>Custom…</button>
      </div>
      {active === 'custom' && current !== '' && <p className="facet-note muted">{current}</p>}
      {customOpen && (
        <form className="custom-range" onSubmit={(e) => { e.preventDefault(); onQueryChange(withTimeRange(query, fromLocalInput(from), fromLocalInput(to))); setCustomOpen(false); }}>
          <label>From <input type="datetime-local" step="1" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
          <label>Before <input type="datetime-local" step="1" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          <button type="submit" disabled={!from && !to}>Apply range</button>
        </form>
      )}
    </section>
  );
}
