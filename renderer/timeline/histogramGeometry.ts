// Maps a histogram's buckets to x positions and back, so bars, hover and the brush agree on which
// instant a pixel is. Buckets of a month have no fixed length (bucketMs null): each ends where the
// next starts, and the last ends at the histogram's `to`.
import type { Histogram } from '../../shared/contract.ts';

export interface Bar { index: number; start: number; end: number; count: number; x: number; w: number }

export function bucketEnd(h: Histogram, i: number): number {
  const b = h.counts[i]!;
  if (h.bucketMs !== null) return b.start + h.bucketMs;
  return h.counts[i + 1]?.start ?? Math.max(h.to ?? b.start, b.start + 1);
}

export function domain(h: Histogram): { from: number; to: number } | null {
  if (h.counts.length === 0) return null;
  const from = Math.min(h.from ?? h.counts[0]!.start, h.counts[0]!.start);
  const to = Math.max(h.to ?? 0, bucketEnd(h, h.counts.length - 1));
  return to > from ? { from, to } : { from, to: from + 1 };
}

export function bars(h: Histogram, width: number): Bar[] {
  const d = domain(h);
  if (!d) return [];
  const scale = width / (d.to - d.from);
  return h.counts.map((b, i) => {
    const end = bucketEnd(h, i);
    const x = (b.start - d.from) * scale;
    return { index: i, start: b.start, end, count: b.count, x, w: Math.max(1, (end - b.start) * scale) };
  });
}

/** The bucket under an x position, or null outside the bars. */
export function barAt(list: readonly Bar[], x: number): Bar | null {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = list[mid]!;
    if (x < b.x) hi = mid - 1;
    else if (x >= b.x + b.w) lo = mid + 1;
    else return b;
  }
  return null;
}

/** The time range covered by the buckets a brush from x0 to x1 touches (snapped to whole buckets). */
export function brushRange(list: readonly Bar[], x0: number, x1: number): { from: number; to: number } | null {
  const a = Math.min(x0, x1);
  const b = Math.max(x0, x1);
  const touched = list.filter((bar) => bar.x + bar.w > a && bar.x < b);
  if (touched.length === 0) return null;
  return { from: touched[0]!.start, to: touched[touched.length - 1]!.end };
}
