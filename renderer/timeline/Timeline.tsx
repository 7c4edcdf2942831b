// The histogram of the current query under the search box. Hover shows a bucket's span and count;
// dragging across it narrows the time range (written into the query as after:/before:, snapped to
// whole buckets); a click on one bar narrows to that bar. "Clear time range" takes the clauses out.
import { useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useApiCall } from '../api/useApiCall.ts';
import { formatCount } from '../format/numbers.ts';
import { formatInstant, zoneLabel, type ZoneChoice } from '../format/time.ts';
import { queryTimeRange, withTimeRange } from '../search/queryText.ts';
import { barAt, bars, brushRange, domain, type Bar } from './histogramGeometry.ts';

const HEIGHT = 64;

interface Props {
  /** The query text the brush edits. */
  query: string;
  /** The query the histogram is counted for (lags `query` until the grid has its rows; null = wait). */
  countQuery: string | null;
  onQueryChange(query: string): void;
  zone: ZoneChoice;
  refresh: number;
}

export function Timeline({ query, countQuery, onQueryChange, zone, refresh }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<Bar | null>(null);
  const [brush, setBrush] = useState<{ x0: number; x1: number } | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Roughly one bucket per 6 px, in steps of 20 so a small resize does not refetch.
  const buckets = Math.max(20, Math.min(400, Math.round(width / 6 / 20) * 20));
  const hist = useApiCall('histogram.get', width > 0 && countQuery !== null ? { query: countQuery, buckets } : null, refresh, { background: true });
  const h = hist.value;
  const list = h ? bars(h, width) : [];
  const max = Math.max(1, ...list.map((b) => b.count));
  const d = h ? domain(h) : null;
  const range = queryTimeRange(query);

  const localX = (e: ReactPointerEvent) => e.clientX - (box.current?.getBoundingClientRect().left ?? 0);
  const down = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const x = localX(e);
    setBrush({ x0: x, x1: x });
  };
  const move = (e: ReactPointerEvent<SVGSVGElement>) => {
    const x = localX(e);
    if (brush) setBrush({ ...brush, x1: x });
    setHover(barAt(list, x));
  };
  const up = () => {
    if (!brush) return;
    const b = brush;
    setBrush(null);
    let r: { from: number; to: number } | null;
    if (Math.abs(b.x1 - b.x0) < 4) {
      const bar = barAt(list, b.x0);
      r = bar ? { from: bar.start, to: bar.end } : null;
    } else {
      r = brushRange(list, b.x0, b.x1);
    }
    if (r) onQueryChange(withTimeRange(query, r.from, r.to));
  };

  const state = hist.status === 'loading' || hist.status === 'idle' ? 'loading' : hist.status === 'error' ? 'error' : 'ready';
  return (
    <section className="timeline" aria-label="Timeline" data-state={state} data-buckets={list.length}>
      <div className="timeline-meta">
        <span className="muted">{h ? `${h.bucket} buckets · peak ${formatCount(max)}` : 'Timeline'}</span>
        {state === 'loading' && <span className="spinner" aria-label="Counting the timeline" />}
        {h && h.undated > 0 && <span className="muted"> · {formatCount(h.undated)} events without a usable time (not shown)</span>}
        {hover && (
          <span className="timeline-hover" role="status" data-testid="timeline-hover">
            {formatInstant(hover.start, zone)} – {formatInstant(hover.end, zone)}: <strong>{formatCount(hover.count)}</strong> events
          </span>
        )}
        <span className="status-spacer" />
        {range && (range.fromMs !== null || range.toMs !== null) && (
          <button type="button" className="link-button" onClick={() => onQueryChange(withTimeRange(query, null, null))}>Clear time range</button>
        )}
      </div>
      <div className="timeline-plot" ref={box}>
        {hist.error && <p className="timeline-empty error-text">{hist.error.message}</p>}
        {h && list.length === 0 && !hist.error && <p className="timeline-empty muted">No dated events match.</p>}
        <svg
          width={width}
          height={HEIGHT}
          className="timeline-svg"
          role="img"
          aria-label={h && d ? `Histogram of ${formatCount(list.reduce((n, b) => n + b.count, 0))} events from ${formatInstant(d.from, zone)} to ${formatInstant(d.to, zone)}; drag to narrow the time range` : 'Histogram'}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerLeave={() => setHover(null)}
        >
          {list.map((b) => {
            const bh = b.count === 0 ? 0 : Math.max(2, (b.count / max) * (HEIGHT - 4));
            return <rect key={b.index} className={`bar${hover?.index === b.index ? ' hover' : ''}`} x={b.x} y={HEIGHT - bh} width={Math.max(1, b.w - 1)} height={bh} />;
          })}
          {brush && Math.abs(brush.x1 - brush.x0) >= 1 && (
            <rect className="brush" x={Math.min(brush.x0, brush.x1)} y={0} width={Math.abs(brush.x1 - brush.x0)} height={HEIGHT} />
          )}
        </svg>
        {/* Always there, so the table below does not move when the counts arrive (a row the user
            scrolled to the bottom would slip out of view). */}
        <div className="timeline-axis muted">
          <span>{d ? formatInstant(d.from, zone).slice(0, 16) : ''}</span>
          <span>{d ? zoneLabel(zone) : ''}</span>
          <span>{d ? formatInstant(d.to, zone).slice(0, 16) : ''}</span>
        </div>
      </div>
    </section>
  );
}
