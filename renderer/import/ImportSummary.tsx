// After an import: one line per source (file, or member of an archive) with its format, what became
// of its records, and a way into its rejects.
import type { SourceResult } from '../../shared/importProgress.ts';
import { formatCount } from '../format/numbers.ts';

/** A finished import's source result, or a source already in the case (whose status is free text). */
interface Row extends Pick<SourceResult, 'sourceId' | 'path' | 'format' | 'message' | 'records' | 'imported' | 'duplicates' | 'rejected'> {
  status: string;
}

export function ImportSummary({ sources, onRejects }: { sources: Row[]; onRejects(sourceId: string, path: string): void }) {
  if (sources.length === 0) return <p className="muted">No sources.</p>;
  return (
    <table className="summary-table import-summary">
      <thead>
        <tr><th scope="col">Source</th><th scope="col">Format</th><th scope="col">Status</th><th scope="col">Records</th><th scope="col">Imported</th><th scope="col">Duplicates</th><th scope="col">Rejected</th></tr>
      </thead>
      <tbody>
        {sources.map((s, i) => (
          <tr key={`${s.sourceId ?? s.path}:${i}`} className={`source-${s.status}`}>
            <td className="wrap">{s.path}{s.message && <div className="muted small">{s.message}</div>}</td>
            <td>{s.format ?? '—'}</td>
            <td><span className={`badge status-${s.status === 'complete' ? 'success' : s.status === 'failed' ? 'failure' : s.status === 'cancelled' ? 'warning' : 'unknown'}`}>{s.status.replace('_', ' ')}</span></td>
            <td className="num">{formatCount(s.records)}</td>
            <td className="num">{formatCount(s.imported)}</td>
            <td className="num">{formatCount(s.duplicates)}</td>
            <td className="num">
              {s.rejected > 0 && s.sourceId
                ? <button type="button" className="link-button" onClick={() => onRejects(s.sourceId!, s.path)}>{formatCount(s.rejected)} — view</button>
                : formatCount(s.rejected)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
