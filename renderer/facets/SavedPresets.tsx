// Saved filters: built-in ones every reviewer reaches for ("Failures" = outcome failure or warning,
// the seed products' FAILED + WARNING pre-set) and the person's own, saved from the current query.
// Built-ins toggle their facet values through applyFilterChange, so they show up as checked boxes;
// a saved query replaces the search text. Stored in localStorage.
import { useState } from 'react';
import { applyFilterChange, filterStatus, type FilterChange, type FilterState } from '../../shared/query/index.ts';

interface BuiltIn { name: string; changes: Omit<FilterChange, 'mode'>[] }

const BUILT_INS: readonly BuiltIn[] = [
  { name: 'Failures', changes: [{ field: 'outcome', value: 'failure' }, { field: 'outcome', value: 'warning' }] },
  { name: 'In progress', changes: [{ field: 'outcome', value: 'in_progress' }] },
];

const KEY = 'auditViewer.savedQueries';

interface Saved { name: string; query: string }

function load(): Saved[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((s): s is Saved => typeof s?.name === 'string' && typeof s?.query === 'string') : [];
  } catch { return []; }
}

export function SavedPresets({ query, filters, onQueryChange }: { query: string; filters: FilterState; onQueryChange(q: string): void }) {
  const [saved, setSaved] = useState<Saved[]>(load);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const store = (list: Saved[]) => {
    setSaved(list);
    try { localStorage.setItem(KEY, JSON.stringify(list)); } catch { /* a nicety only */ }
  };

  const isOn = (b: BuiltIn) => b.changes.every((c) => filterStatus(filters, c.field, c.value) === 'include');
  const toggle = (b: BuiltIn) => {
    const mode = isOn(b) ? 'remove' : 'include';
    onQueryChange(b.changes.reduce((q, c) => applyFilterChange(q, { ...c, mode }), query));
  };

  return (
    <section className="facet presets" aria-label="Saved filters">
      <h3 className="facet-head"><span>Saved filters</span></h3>
      <div className="preset-buttons">
        {BUILT_INS.map((b) => (
          <button key={b.name} type="button" className="chip" aria-pressed={isOn(b)} onClick={() => toggle(b)}>{b.name}</button>
        ))}
        {saved.map((s) => (
          <span key={s.name} className="chip-group">
            <button type="button" className="chip" aria-pressed={s.query === query} title={s.query} onClick={() => onQueryChange(s.query)}>{s.name}</button>
            <button type="button" className="chip-remove" aria-label={`Forget ${s.name}`} onClick={() => store(saved.filter((x) => x !== s))}>✕</button>
          </span>
        ))}
      </div>
      {naming ? (
        <form className="save-preset" onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim();
          if (n) store([...saved.filter((s) => s.name !== n), { name: n, query }]);
          setNaming(false);
          setName('');
        }}>
          <input aria-label="Name for this filter" value={name} autoFocus onChange={(e) => setName(e.target.value)} placeholder="Name" />
          <button type="submit">Save</button>
        </form>
      ) : (
        <button type="button" className="link-button" disabled={query.trim() === ''} onClick={() => setNaming(true)}>Save current search…</button>
      )}
    </section>
  );
}
