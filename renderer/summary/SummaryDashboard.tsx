// The seed products' activity dashboard, offline and for the current query: how many events and over
// what span, how many actors were active, how many failed, and the top actions, actors and systems.
// Clicking a value narrows the query to it, like a facet.
import type { ReactNode } from 'react';
import type { FacetResult } from '../../shared/contract.ts';
import { applyFilterChange } from '../../shared/query/index.ts';
import { useApiCall } from '../api/useApiCall.ts';
import { useCount } from '../api/useCount.ts';
import { ErrorNote } from '../app/ErrorNote.tsx';
import { formatBoundedCount, formatCount } from '../format/numbers.ts';
import { formatInstant, zoneLabel, type ZoneChoice } from '../format/time.ts';
import { withClause } from '../search/queryText.ts';
import { ActionText } from '../table/cells.tsx';

interface Props {
  query: string;
  onQueryChange(q: string): void;
  zone: ZoneChoice;
  refresh: number;
}

function TopList({ title, facet, render, onPick }: { title: string; facet: FacetResult | undefined; render?: (v: string) => ReactNode; onPick(v: string): void }) {
  const max = Math.max(1, ...(facet?.values.map((v) => v.count) ?? [1]));
  return (
    <section className="card" aria-label={title}>
      <h3>{title}</h3>
      {facet && facet.values.length === 0 && <p className="muted">None</p>}
      <ol className="top-list">
        {facet?.values.map((v) => (
          <li key={v.value}>
            <button type="button" className="top-item" onClick={() => onPick(v.value)} title={`Show only ${v.value}`}>
              <span className="top-value-bar" style={{ width: `${(v.count / max) * 100}%` }} aria-hidden="true" />
              <span className="top-label">{render ? render(v.value) : (v.label ?? v.value)}</span>
              <span className="top-count">{formatCount(v.count)}</span>
            </button>
          </li>
        ))}
      </ol>
      {facet?.timedOut && <p className="facet-flag">Counted partly (time budget reached)</p>}
    </section>
  );
}

export function SummaryDashboard({ query, onQueryChange, zone, refresh }: Props) {
  const count = useCount(query, refresh);
  const failures = useCount(withClause(query, 'outcome:(failure OR warning)'), refresh);
  const facets = useApiCall('facets.list', { query, fields: ['action', 'actor', 'system', 'outcome'], limit: 10 }, refresh, { background: true });
  const hist = useApiCall('histogram.get', { query, buckets: 60 }, refresh, { background: true });
  const f = (field: string) => facets.value?.find((x) => x.field === field);
  const actors = f('actor');
  const pick = (field: string) => (value: string) => onQueryChange(applyFilterChange(query, { field, value, mode: 'include' }));
  const first = hist.value?.counts.find((c) => c.count > 0)?.start ?? null;
  const lastBucket = hist.value ? [...hist.value.counts].reverse().find((c) => c.count > 0) : undefined;
  const ready = !count.counting && !failures.counting && facets.status === 'ready';

  return (
    <div className="summary" aria-label="Summary" data-state={ready ? 'ready' : 'loading'}>
      {(count.error ?? facets.error) && <ErrorNote error={(count.error ?? facets.error)!} />}
      <div className="kpis">
        <section className="card kpi" aria-label="Events in range">
          <h3>Events in range</h3>
          <p className="kpi-value">{count.value ? formatBoundedCount(count.value.total, count.value.capped) : '…'}</p>
          <p className="muted small">{first !== null && lastBucket ? <>{formatInstant(first, zone).slice(0, 16)} → {formatInstant(lastBucket.start, zone).slice(0, 16)} {zoneLabel(zone)}</> : ' '}</p>
        </section>
        <section className="card kpi" aria-label="Active actors">
          <h3>Active actors</h3>
          <p className="kpi-value">{actors ? `${formatCount(actors.distinct)}${actors.timedOut ? '+' : ''}` : '…'}</p>
          <p className="muted small">{actors && actors.missing > 0 ? `${formatCount(actors.missing)} events without an actor` : ' '}</p>
        </section>
        <section className="card kpi kpi-failures" aria-label="Failures">
          <h3>Failures and warnings</h3>
          <p className="kpi-value">{failures.value ? formatBoundedCount(failures.value.total, failures.value.capped) : '…'}</p>
          <p className="muted small">
            {failures.value && count.value && count.value.total > 0 ? `${((failures.value.total / count.value.total) * 100).toFixed(1)} % of events · ` : ''}
            <button type="button" className="link-button" onClick={() => onQueryChange(withClause(query, 'outcome:(failure OR warning)'))}>show them</button>
          </p>
        </section>
      </div>
      <div className="cards">
        <TopList title="Top actions" facet={f('action')} render={(v) => <ActionText action={v} outcome="unknown" />} onPick={pick('action')} />
        <TopList title="Top actors" facet={actors} onPick={pick('actor')} />
        <TopList title="Systems" facet={f('system')} onPick={pick('system')} />
        <TopList title="Outcomes" facet={f('outcome')} onPick={pick('outcome')} />
      </div>
    </div>
  );
}
