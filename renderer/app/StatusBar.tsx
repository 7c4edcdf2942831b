// The bottom line: how many events match out of how many there are, whether a count or a facet was
// cut short (nothing silently lies), the open case, and running imports/exports with their progress.
import type { CaseInfoDto, CountResult } from '../../shared/contract.ts';
import { formatBoundedCount, formatCount } from '../format/numbers.ts';
import type { Job } from './useJobs.ts';

interface Props {
  caseInfo: CaseInfoDto | null;
  /** The count of the current query only (a lower bound while `counting` goes on), or null. */
  count: CountResult | null;
  counting: boolean;
  facetsCut: boolean;
  jobs: Job[];
}

function jobText(j: Job): string {
  if (j.kind === 'import') {
    const p = j.progress;
    return p ? `Importing: ${formatCount(p.records)} records, ${p.sourcesDone} sources done` : 'Importing…';
  }
  const p = j.progress;
  return p ? `Exporting: ${formatCount(p.rows)} of ${formatCount(p.total)} rows` : 'Exporting…';
}

export function StatusBar({ caseInfo, count, counting, facetsCut, jobs }: Props) {
  const running = jobs.filter((j) => j.state === 'running');
  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-count" data-testid="match-count">
        {count
          ? <>{formatBoundedCount(count.total, count.capped)} matching</>
          : counting ? 'Counting…' : '—'}
        {caseInfo && <> of {formatCount(caseInfo.totals.events)} events</>}
      </span>
      {count?.capped && (counting
        ? <span className="status-flag" title="The count so far: still counting, the number can only grow.">counting…</span>
        : <span className="status-flag" title="Counting stopped at its limit: the number is a lower bound.">count cut short</span>)}
      {facetsCut && <span className="status-flag" title="Some facet counts stopped early; each facet says which and can be computed in full.">facets cut short</span>}
      {running.map((j) => <span key={`${j.kind}:${j.id}`} className="status-job" role="status">{jobText(j)}</span>)}
      <span className="status-spacer" />
      {caseInfo && <span className="status-case" title={caseInfo.path}>Case: {caseInfo.path}</span>}
    </footer>
  );
}
