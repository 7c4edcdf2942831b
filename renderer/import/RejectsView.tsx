// The records of one source that could not be imported: line (or record number), the reason, and the
// raw text exactly as read — paged, since a broken file can have many.
import { useState } from 'react';
import { useApiCall } from '../api/useApiCall.ts';
import { ErrorNote } from '../app/ErrorNote.tsx';
import { formatCount } from '../format/numbers.ts';

const PAGE = 50;

export function RejectsView({ sourceId, path, onBack }: { sourceId: string; path: string; onBack(): void }) {
  const [offset, setOffset] = useState(0);
  const r = useApiCall('sources.rejects', { sourceId, offset, limit: PAGE });
  const v = r.value;
  return (
    <div className="rejects" aria-label="Rejected records">
      <div className="section-tools">
        <button type="button" className="link-button" onClick={onBack}>← Back</button>
        <span className="wrap">Rejected records of <strong>{path}</strong></span>
      </div>
      {r.error && <ErrorNote error={r.error} />}
      {v && (
        <>
          <p className="muted">{formatCount(v.total)} rejected · showing {v.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE, v.total)}</p>
          <table className="rejects-table">
            <thead><tr><th scope="col">Line</th><th scope="col">Reason</th><th scope="col">Raw text</th></tr></thead>
            <tbody>
              {v.rejects.map((x, i) => (
                <tr key={`${offset + i}`}>
                  <td>{x.line ?? (x.recordNo !== null ? `#${x.recordNo}` : '—')}</td>
                  <td>{x.reason}</td>
                  <td><pre className="raw-text">{x.text}</pre></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
            <button type="button" disabled={offset + PAGE >= v.total} onClick={() => setOffset(offset + PAGE)}>Next</button>
          </div>
        </>
      )}
    </div>
  );
}
