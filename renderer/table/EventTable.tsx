// The event grid: the whole result of the query, virtualised and fetched by position, with sortable,
// resizable, reorderable columns and keyboard review (↑/↓ or j/k, PageUp/PageDown, Home/End, Enter
// opens the detail). Its `data-state` says when what is on screen is loaded, for people (a quiet
// loading mark) and for the end-to-end tests (which never sleep).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { CountResult, ErrorPayload, EventRow, QueryRequest } from '../../shared/contract.ts';
import type { ZoneChoice } from '../format/time.ts';
import { EventRowView } from './EventRowView.tsx';
import { TableHeader } from './TableHeader.tsx';
import type { ColumnLayoutApi } from './useColumnLayout.ts';
import { useRowCache } from './useRowCache.ts';
import { useScaledVirtualizer } from './useScaledVirtualizer.ts';
import { ErrorNote } from '../app/ErrorNote.tsx';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 32;

type Sort = NonNullable<QueryRequest['sort']>;

interface Props {
  query: string;
  sort: Sort;
  onSort(sort: Sort): void;
  count: CountResult | null;
  countError: ErrorPayload | null;
  zone: ZoneChoice;
  columns: ColumnLayoutApi;
  selectedIndex: number | null;
  selectedId: string | null;
  onSelect(index: number, row: EventRow | undefined): void;
  onOpen(index: number, row: EventRow): void;
  /** Shown when the case has no events at all (as opposed to none matching). */
  caseIsEmpty: boolean;
  /** Bumped when the case changed (an import finished): rows are fetched again. */
  refresh: number;
  /** Told once the first screen of a query is on screen (or it failed), so slower panels can follow. */
  onSettled(query: string): void;
}

export function EventTable(props: Props) {
  const { query, sort, count, zone, columns, selectedIndex, selectedId, onSelect, onOpen, onSettled } = props;
  const request = useMemo<QueryRequest>(() => ({ query, sort }), [query, sort]);
  const requestKey = JSON.stringify([request, props.refresh]);
  const cache = useRowCache(request, props.refresh);
  // Stable callbacks (the cache object itself is new each render; rows are memoised on these).
  const rowAt = cache.row;
  const want = cache.want;
  const scrollRef = useRef<HTMLDivElement>(null);

  // The count and the first page's total: an exact one wins; two lower bounds give the larger.
  const exact = [count, cache.pageTotal].find((t) => t && !t.capped);
  const total = exact ? exact.total : count || cache.pageTotal ? Math.max(count?.total ?? 0, cache.pageTotal?.total ?? 0) : null;
  const capped = !exact && total !== null;
  const sv = useScaledVirtualizer({ count: total ?? 0, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, scrollRef });
  const items = sv.virtualizer.getVirtualItems();
  // Rows are keyed by slot, not by index: the window is consecutive rows, so index % slots is unique
  // in it, and a row that scrolls off gives its elements to the one that scrolls on. A scrollbar drag
  // then updates ~40 rows' text instead of unmounting and creating ~800 elements a frame (measured
  // at 1M: style and layout time of a 120-frame drag halved, 1.17 -> 0.55 s).
  const slots = Math.max(sv.slots, items.length);
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;

  // A new result starts at its top.
  useLayoutEffect(() => { sv.scrollToVirtual(0); }, [requestKey]);

  useEffect(() => { if (last >= first) want(first, last); }, [first, last, requestKey, want]);

  // The selection's row may arrive after the keypress that chose it.
  useEffect(() => {
    if (selectedIndex === null) return;
    const r = rowAt(selectedIndex);
    if (r && r.id !== selectedId) onSelect(selectedIndex, r);
  }, [cache.version, selectedIndex, selectedId, onSelect, rowAt]);

  const visibleKey = columns.visible.join(',');
  const widths = useMemo(() => columns.visible.map((id) => columns.widthOf(id)), [visibleKey, columns.widthOf]);
  const visibleIds = useMemo(() => columns.visible, [visibleKey]);

  const pick = useCallback((index: number, open: boolean) => {
    scrollRef.current?.focus({ preventScroll: true });
    const r = rowAt(index);
    onSelect(index, r);
    if (open && r) onOpen(index, r);
  }, [rowAt, onSelect, onOpen]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== scrollRef.current || total === null || total === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const cur = selectedIndex ?? -1;
    let to: number | null = null;
    switch (e.key) {
      case 'ArrowDown': case 'j': to = cur + 1; break;
      case 'ArrowUp': case 'k': to = cur < 0 ? 0 : cur - 1; break;
      case 'PageDown': to = cur + sv.pageRows; break;
      case 'PageUp': to = cur - sv.pageRows; break;
      case 'Home': to = 0; break;
      case 'End': to = total - 1; break;
      case 'Enter': {
        const r = cur >= 0 ? cache.row(cur) : undefined;
        if (r) { e.preventDefault(); onOpen(cur, r); }
        return;
      }
      default: return;
    }
    e.preventDefault();
    to = Math.max(0, Math.min(total - 1, to));
    onSelect(to, cache.row(to));
    sv.scrollToIndex(to);
  };

  const range = sv.virtualizer.range;
  const shownFirst = range?.startIndex ?? 0;
  const shownLast = Math.min(range?.endIndex ?? -1, (total ?? 0) - 1);
  const error = cache.error ?? props.countError;
  const state = error ? 'error'
    : total === null ? 'loading'
    : total === 0 ? 'empty'
    : shownLast >= shownFirst && !cache.has(shownFirst, shownLast) ? 'loading'
    : 'ready';

  useEffect(() => { if (state !== 'loading') onSettled(query); }, [state, query, onSettled]);

  return (
    <div className="table-wrap">
      <div
        ref={scrollRef}
        className="grid-scroll"
        role="grid"
        aria-label="Events"
        aria-rowcount={total === null ? -1 : total + 1}
        aria-colcount={columns.visible.length}
        aria-busy={state === 'loading'}
        aria-activedescendant={selectedIndex !== null && selectedIndex >= first && selectedIndex <= last ? `event-row-${selectedIndex}` : undefined}
        tabIndex={0}
        data-state={state}
        data-query={query}
        data-total={total ?? ''}
        data-capped={capped ? 'true' : 'false'}
        onKeyDown={onKeyDown}
      >
        <TableHeader columns={columns} sort={sort} onSort={props.onSort} height={HEADER_HEIGHT} />
        <div role="rowgroup" className="grid-body" style={{ height: Math.max(sv.spacerHeight, 1), width: columns.totalWidth }}>
          {items.length > 0 && (
            // `top`, not a transform: layout positions are exact to 1/64 px up to ~33M px, while transforms
            // this far down lose whole pixels and rows would drift off their scroll position.
            <div className="grid-layer" style={{ top: sv.itemTop(items[0]!.start) }}>
              {items.map((it) => (
                <EventRowView
                  key={it.index % slots}
                  index={it.index}
                  row={cache.row(it.index)}
                  selected={it.index === selectedIndex}
                  columns={visibleIds}
                  widths={widths}
                  zone={zone}
                  height={ROW_HEIGHT}
                  onPick={pick}
                />
              ))}
            </div>
          )}
        </div>
        {state === 'empty' && (
          <div className="grid-empty" role="status">
            {props.caseIsEmpty
              ? <><strong>This case has no events yet.</strong><span>Import archives with the Import button, or drop files on the window.</span></>
              : <><strong>No events match this search.</strong><span>Remove a filter or widen the time range.</span></>}
          </div>
        )}
        {error && <div className="grid-empty"><ErrorNote error={error} /></div>}
      </div>
    </div>
  );
}
