// Number formatting for counts and sizes, one place so the whole UI groups digits the same way.
const grouped = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return grouped.format(n);
}

/** A count that may be a lower bound ("≥ 1,000,000"). */
export function formatBoundedCount(n: number, capped: boolean): string {
  return capped ? `≥ ${grouped.format(n)}` : grouped.format(n);
}

export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '?';
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** A compact count for tight places (facet counts, histogram hover): 1.2k, 3.4M. */
export function formatCompact(n: number): string {
  if (n < 10_000) return grouped.format(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 2 : 1)}M`;
}
