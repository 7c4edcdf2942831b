// Virtual scrolling over millions of fixed-height rows. Browsers cap an element's height (Chromium
// near 33.5M px, Firefox near 17.9M px), so past MAX_SCROLL_PX the scroll space is scaled: the native
// scrollbar spans a shorter spacer, and a real scrollTop maps linearly to a "virtual" offset in the
// full list. That keeps both promises: the scrollbar's end is the last row, and a drag lands where it
// points. Wheel and keyboard move in virtual pixels (so a notch is still three rows, not 30), and
// the exact virtual offset is remembered across writes so rounding of scrollTop never loses rows.
// @tanstack/react-virtual computes the visible range from the virtual offset we report to it.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';

/** Height of the scroll spacer beyond which scrolling is scaled; safe in every engine. */
export const MAX_SCROLL_PX = 8_000_000;

interface ScrollState {
  /** Offset into the full (unscaled) list, in px. */
  virtual: number;
  /** The element's scrollTop that `virtual` corresponds to. */
  realTop: number;
  notify: ((offset: number, isScrolling: boolean) => void) | null;
}

export interface ScaledVirtualizer {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** Height of the spacer to render (scaled when the list is taller than MAX_SCROLL_PX). */
  spacerHeight: number;
  /** Where the first rendered item goes, in spacer coordinates. */
  itemTop(virtualStart: number): number;
  /** Visible height for rows (the element's height less the sticky header). */
  viewportHeight: number;
  scrollToIndex(index: number, align?: 'auto' | 'start' | 'center' | 'end'): void;
  scrollToVirtual(offset: number): void;
  /** Rows that fit on screen, for PageUp/PageDown. */
  pageRows: number;
  /** The most rows ever rendered at once (on screen plus overscan): the number of recycled row slots. */
  slots: number;
}

export function useScaledVirtualizer(opts: {
  count: number;
  rowHeight: number;
  headerHeight: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  overscan?: number;
}): ScaledVirtualizer {
  const { count, rowHeight, headerHeight, scrollRef } = opts;
  const overscan = opts.overscan ?? 8;
  const [viewportHeight, setViewportHeight] = useState(0);
  const s = useRef<ScrollState>({ virtual: 0, realTop: 0, notify: null });

  const fullHeight = count * rowHeight;
  const spacerHeight = Math.min(fullHeight, MAX_SCROLL_PX);
  const virtualMax = Math.max(0, fullHeight - viewportHeight);
  const realMax = Math.max(0, spacerHeight - viewportHeight);
  const ratio = realMax > 0 && fullHeight > MAX_SCROLL_PX ? virtualMax / realMax : 1;
  const geo = useRef({ ratio, virtualMax, realMax });
  geo.current = { ratio, virtualMax, realMax };

  const toVirtual = (top: number): number => {
    const g = geo.current;
    if (g.ratio === 1) return top;
    if (top >= g.realMax - 0.5) return g.virtualMax; // the scrollbar's end is the last row, exactly
    return Math.max(0, top * g.ratio);
  };

  const scrollToVirtual = useCallback((offset: number) => {
    const el = scrollRef.current;
    const g = geo.current;
    const v = Math.max(0, Math.min(offset, g.virtualMax));
    s.current.virtual = v;
    if (el) {
      el.scrollTop = g.ratio === 1 ? v : v / g.ratio;
      s.current.realTop = el.scrollTop;
    }
    s.current.notify?.(v, false);
  }, [scrollRef]);

  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    estimateSize: useCallback(() => rowHeight, [rowHeight]),
    getScrollElement: () => scrollRef.current,
    overscan,
    initialRect: { width: 0, height: viewportHeight },
    observeElementRect: (instance, cb) => {
      const el = instance.scrollElement;
      if (!el) return;
      const report = () => cb({ width: el.clientWidth, height: Math.max(0, el.clientHeight - headerHeight) });
      report();
      const ro = new ResizeObserver(report);
      ro.observe(el);
      return () => ro.disconnect();
    },
    observeElementOffset: (instance, cb) => {
      const el = instance.scrollElement;
      if (!el) return;
      s.current.notify = cb;
      const onScroll = () => {
        const top = el.scrollTop;
        // Only a vertical move re-derives the offset (horizontal scrolls fire the same event).
        if (Math.abs(top - s.current.realTop) >= 0.5) {
          s.current.virtual = toVirtual(top);
          s.current.realTop = top;
        }
        cb(s.current.virtual, false);
      };
      onScroll();
      el.addEventListener('scroll', onScroll, { passive: true });
      return () => { el.removeEventListener('scroll', onScroll); s.current.notify = null; };
    },
    scrollToFn: (offset) => scrollToVirtual(offset),
  });

  // Track the row viewport height ourselves too: the spacer and the scale depend on it.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setViewportHeight(Math.max(0, el.clientHeight - headerHeight));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [scrollRef, headerHeight]);

  // When scaled, wheel deltas are applied in virtual pixels so a notch still moves a few rows.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || ratio === 1) return;
    const onWheel = (e: WheelEvent) => {
      if (e.ctrlKey || Math.abs(e.deltaY) <= Math.abs(e.deltaX)) return;
      e.preventDefault();
      const unit = e.deltaMode === 1 ? rowHeight : e.deltaMode === 2 ? viewportHeight : 1;
      scrollToVirtual(s.current.virtual + e.deltaY * unit);
      if (e.deltaX !== 0) el.scrollLeft += e.deltaX * unit;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scrollRef, ratio, rowHeight, viewportHeight, scrollToVirtual]);

  // A new scale (another result size) re-derives the real position from the virtual one.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const want = ratio === 1 ? s.current.virtual : s.current.virtual / ratio;
    if (Math.abs(el.scrollTop - want) >= 1) {
      el.scrollTop = want;
      s.current.realTop = el.scrollTop;
    }
  }, [scrollRef, ratio]);

  const scrollToIndex = useCallback((index: number, align: 'auto' | 'start' | 'center' | 'end' = 'auto') => {
    const top = index * rowHeight;
    const v = s.current.virtual;
    const vh = viewportHeight;
    let target = v;
    if (align === 'start') target = top;
    else if (align === 'end') target = top + rowHeight - vh;
    else if (align === 'center') target = top - (vh - rowHeight) / 2;
    else if (top < v) target = top;
    else if (top + rowHeight > v + vh) target = top + rowHeight - vh;
    if (target !== v) scrollToVirtual(target);
  }, [rowHeight, viewportHeight, scrollToVirtual]);

  const itemTop = useCallback((virtualStart: number) => s.current.realTop + (virtualStart - s.current.virtual), []);

  return {
    virtualizer, spacerHeight, itemTop, viewportHeight, scrollToIndex, scrollToVirtual,
    pageRows: Math.max(1, Math.floor(viewportHeight / rowHeight) - 1),
    // Partly visible rows at both ends, and the overscan on both sides.
    slots: Math.ceil(viewportHeight / rowHeight) + 1 + 2 * overscan,
  };
}
