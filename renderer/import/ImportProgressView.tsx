// A running import: a bar for the file being read, bytes, records, rate and an estimate of the time
// left for that file, plus totals so far, and Cancel.
import { useRef } from 'react';
import type { ImportProgress } from '../../shared/importProgress.ts';
import { formatBytes, formatCount } from '../format/numbers.ts';
import { formatDuration } from '../format/time.ts';

/** Bytes per second for the current file, from the last two samples (smoothed). */
function useByteRate(p: ImportProgress | null): number | null {
  const last = useRef<{ path: string | null; bytes: number; t: number; rate: number | null } | null>(null);
  if (!p) return null;
  const prev = last.current;
  if (!prev || prev.path !== p.sourcePath || p.bytesRead < prev.bytes) {
    last.current = { path: p.sourcePath, bytes: p.bytesRead, t: p.elapsedMs, rate: null };
    return null;
  }
  if (p.elapsedMs > prev.t) {
    const inst = ((p.bytesRead - prev.bytes) * 1000) / (p.elapsedMs - prev.t);
    const rate = prev.rate === null ? inst : prev.rate * 0.7 + inst * 0.3;
    last.current = { path: p.sourcePath, bytes: p.bytesRead, t: p.elapsedMs, rate };
  }
  return last.current?.rate ?? null;
}

export function ImportProgressView({ progress, onCancel, cancelling }: { progress: ImportProgress | null; onCancel(): void; cancelling: boolean }) {
  const rate = useByteRate(progress);
  const p = progress;
  const fraction = p && p.bytesTotal ? Math.min(1, p.bytesRead / p.bytesTotal) : null;
  const left = p && p.bytesTotal && rate && rate > 0 ? ((p.bytesTotal - p.bytesRead) / rate) * 1000 : null;
  return (
    <div className="import-progress" data-state="running">
      <p className="wrap">{p?.sourcePath ? <>Reading <strong>{p.sourcePath}</strong></> : 'Starting…'}</p>
      <progress max={1} value={fraction ?? undefined} aria-label="Import progress" />
      {p && (
        <dl className="progress-figures">
          <dt>This file</dt><dd>{formatBytes(p.bytesRead)}{p.bytesTotal !== null ? ` of ${formatBytes(p.bytesTotal)}` : ''}{left !== null ? ` · about ${formatDuration(left)} left` : ''}</dd>
          <dt>Records</dt><dd>{formatCount(p.records)} read · {formatCount(p.imported)} imported · {formatCount(p.duplicates)} duplicates · {formatCount(p.rejected)} rejected</dd>
          <dt>Rate</dt><dd>{formatCount(Math.round(p.recordsPerSecond))} records/s{rate !== null ? ` · ${formatBytes(Math.round(rate))}/s` : ''}</dd>
          <dt>Elapsed</dt><dd>{formatDuration(p.elapsedMs)} · {p.sourcesDone} sources done</dd>
        </dl>
      )}
      <button type="button" onClick={onCancel} disabled={cancelling}>{cancelling ? 'Cancelling…' : 'Cancel import'}</button>
    </div>
  );
}
