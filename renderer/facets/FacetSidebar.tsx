// The left sidebar: date presets, saved filters and one facet per field, all reading and writing the
// query text (filtersFromQuery / applyFilterChange), so a click here is visible in the search box and
// an edit there shows up as checked boxes.
import { useEffect } from 'react';
import { applyFilterChange, filtersFromQuery, parseQuery, type FilterChange, type FilterState } from '../../shared/query/index.ts';
import { useApiCall } from '../api/useApiCall.ts';
import { DatePresets } from './DatePresets.tsx';
import { FacetGroup } from './FacetGroup.tsx';
import { DEFAULT_FACET_LIMIT, FACET_FIELDS } from './facetFields.ts';
import { SavedPresets } from './SavedPresets.tsx';

interface Props {
  /** The query text facet clicks edit (and whose filters show as checked). */
  query: string;
  /** The query counts are taken for (lags `query` until the grid has its rows; null = wait). */
  countQuery: string | null;
  onQueryChange(query: string): void;
  refresh: number;
  onCutShort(cut: boolean): void;
}

const EMPTY: FilterState = { include: {}, exclude: {} };

export function FacetSidebar({ query, countQuery, onQueryChange, refresh, onCutShort }: Props) {
  const parsed = parseQuery(query);
  const filters = parsed.ok ? filtersFromQuery(parsed.ast).filters : EMPTY;
  const shared = useApiCall('facets.list', countQuery === null ? null : { query: countQuery, fields: FACET_FIELDS.map((f) => f.field), limit: DEFAULT_FACET_LIMIT }, refresh, { background: true });
  const cut = shared.value?.some((f) => f.timedOut) ?? false;
  useEffect(() => { onCutShort(cut); }, [cut, onCutShort]);

  const change = (c: FilterChange) => onQueryChange(applyFilterChange(query, c));

  return (
    <aside className="sidebar" aria-label="Filters" data-state={shared.status === 'loading' ? 'loading' : 'ready'}>
      <DatePresets query={query} onQueryChange={onQueryChange} />
      <SavedPresets query={query} filters={filters} onQueryChange={onQueryChange} />
      {shared.error && <p className="facet-note error-text">{shared.error.message}</p>}
      {FACET_FIELDS.map((f) => (
        <FacetGroup
          key={f.field}
          field={f.field}
          label={f.label}
          countQuery={countQuery}
          filters={filters}
          shared={shared.value?.find((r) => r.field === f.field)}
          sharedLoading={shared.status === 'loading' || shared.status === 'idle'}
          refresh={refresh}
          onChange={change}
        />
      ))}
    </aside>
  );
}
