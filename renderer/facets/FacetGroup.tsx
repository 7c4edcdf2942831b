// One facet: its values with counts, a checkbox to include a value (several combine with OR) and a
// ⊘ button (or Alt+click) to exclude it. A facet whose own values are filtered is counted without its
// own filter, so the other values stay visible and can be added. When counting stopped early
// (timedOut) or only the top values are listed (truncated), it says so and offers to compute more.
import { useState } from 'react';
import type { FacetResult, FacetValue } from '../../shared/contract.ts';
import { applyFilterChange, filterStatus, type FacetField, type FilterChange, type FilterState } from '../../shared/query/index.ts';
import { useApiCall } from '../api/useApiCall.ts';
import { formatCount } from '../format/numbers.ts';
import { DEFAULT_FACET_LIMIT, FULL_BUDGET_MS, MORE_FACET_LIMIT } from './facetFields.ts';

interface Props {
  field: FacetField;
  label: string;
  /** The query counts are taken for (null: not yet). */
  countQuery: string | null;
  filters: FilterState;
  shared: FacetResult | undefined;
  sharedLoading: boolean;
  refresh: number;
  onChange(change: FilterChange): void;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function FacetGroup({ field, label, countQuery, filters, shared, sharedLoading, refresh, onChange }: Props) {
  const [limit, setLimit] = useState(DEFAULT_FACET_LIMIT);
  const [full, setFull] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const included = filters.include[field] ?? [];
  const excluded = filters.exclude[field] ?? [];

  // Disjunctive counting: the facet's own include clause is taken out of the query it is counted on.
  let ownQuery = countQuery ?? '';
  for (const v of included) ownQuery = applyFilterChange(ownQuery, { field, value: v, mode: 'remove' });
  const needsOwn = included.length > 0 || limit !== DEFAULT_FACET_LIMIT || full;
  const own = useApiCall('facets.list', needsOwn && !collapsed && countQuery !== null
    ? { query: ownQuery, fields: [field], limit, budgetMs: full ? FULL_BUDGET_MS : 1500 } : null, refresh, { background: true });
  const result = needsOwn ? own.value?.[0] : shared;
  const loading = needsOwn ? own.status === 'loading' || own.status === 'idle' : sharedLoading;

  // Values the filters name but the counts did not return (excluded ones count 0 by definition).
  const listed: FacetValue[] = [...(result?.values ?? [])];
  for (const v of [...included, ...excluded]) {
    if (!listed.some((x) => x.value.toLowerCase() === v.toLowerCase())) listed.push({ value: v, label: null, count: 0 });
  }
  const max = Math.max(1, ...listed.map((v) => v.count));

  const toggleInclude = (value: string, alt: boolean) => {
    const status = filterStatus(filters, field, value);
    if (alt) onChange({ field, value, mode: status === 'exclude' ? 'remove' : 'exclude' });
    else onChange({ field, value, mode: status === 'include' ? 'remove' : 'include' });
  };

  return (
    <section className="facet" aria-label={`${label} facet`} data-field={field} data-state={loading ? 'loading' : 'ready'}>
      <h3 className="facet-head">
        <button type="button" className="facet-toggle" aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>
          <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> {label}
        </button>
        {result?.timedOut && <span className="facet-flag" title="Counting stopped at its time budget: counts are partial.">partial</span>}
        {loading && <span className="spinner" aria-label="Counting" />}
      </h3>
      {!collapsed && (
        <>
          {own.error && <p className="facet-note error-text">{own.error.message}</p>}
          {!loading && listed.length === 0 && <p className="facet-note muted">No values</p>}
          <ul className="facet-values">
            {listed.map((v) => {
              const status = filterStatus(filters, field, v.value);
              const shownText = field === 'source' ? baseName(v.value) : v.label && v.label !== v.value ? v.label : v.value;
              const name = `${shownText} ${formatCount(v.count)}`;
              return (
                <li key={v.value} className={`facet-value${status ? ` is-${status}` : ''}`}>
                  <label className="facet-label" title={v.label && v.label !== v.value ? `${v.value} — ${v.label}` : v.value}>
                    <input
                      type="checkbox"
                      aria-label={name}
                      checked={status === 'include'}
                      // React reports a checkbox change from its click, so the Alt modifier is readable here.
                      onChange={(e) => toggleInclude(v.value, (e.nativeEvent as MouseEvent).altKey === true)}
                    />
                    <span className="facet-bar" style={{ width: `${(v.count / max) * 100}%` }} aria-hidden="true" />
                    <span className="facet-text">{shownText}</span>
                    <span className="facet-count">{formatCount(v.count)}</span>
                  </label>
                  <button
                    type="button"
                    className="facet-exclude"
                    aria-label={`Exclude ${shownText}`}
                    aria-pressed={status === 'exclude'}
                    title={status === 'exclude' ? 'Stop excluding' : 'Exclude (Alt+click)'}
                    onClick={() => onChange({ field, value: v.value, mode: status === 'exclude' ? 'remove' : 'exclude' })}
                  >⊘</button>
                </li>
              );
            })}
          </ul>
          {result && (result.other > 0 || result.missing > 0) && (
            <p className="facet-note muted">
              {result.other > 0 && <>{formatCount(result.other)} in other values</>}
              {result.other > 0 && result.missing > 0 && ' · '}
              {result.missing > 0 && <>{formatCount(result.missing)} without one</>}
            </p>
          )}
          <div className="facet-actions">
            {result?.truncated && limit < MORE_FACET_LIMIT && <button type="button" className="link-button" onClick={() => setLimit(MORE_FACET_LIMIT)}>Show more</button>}
            {limit > DEFAULT_FACET_LIMIT && <button type="button" className="link-button" onClick={() => setLimit(DEFAULT_FACET_LIMIT)}>Show fewer</button>}
            {result?.timedOut && !full && <button type="button" className="link-button" onClick={() => setFull(true)}>Compute in full</button>}
          </div>
        </>
      )}
    </section>
  );
}
