// Turns per-run measurements into the figures we publish: each a median over runs with its min–max
// (medians, because these shared 2-vCPU machines are noisy), a markdown table for people, and the
// ratios against our importer.

export interface RunFigures {
  wallS: number;
  peakRssBytes: number | null;
  events: number;
  inputBytes: number;
  /** Bytes on disk afterwards (case / database), or null for tools that write nothing. */
  outputBytes: number | null;
}

export interface Spread { median: number; min: number; max: number; }

export interface ToolSummary {
  eventsPerS: Spread;
  mbPerS: Spread;
  wallS: Spread;
  peakRssMB: Spread | null;
  sizeRatio: Spread | null;
}

export interface ToolResult {
  id: string;
  label: string;
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  /** Subset runs: figures come from `subsetEvents`, wall time is scaled by `scale` to the full input. */
  subset?: { events: number; bytes: number; scale: number };
  runs: RunFigures[];
  summary?: ToolSummary;
}

export function spread(values: number[]): Spread {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { median, min: v[0]!, max: v[v.length - 1]! };
}

export function summarize(runs: RunFigures[], scale = 1): ToolSummary {
  const rss = runs.map((r) => r.peakRssBytes).filter((x): x is number => x !== null);
  const out = runs.map((r) => r.outputBytes).filter((x): x is number => x !== null);
  return {
    eventsPerS: spread(runs.map((r) => r.events / r.wallS)),
    mbPerS: spread(runs.map((r) => r.inputBytes / 1e6 / r.wallS)),
    // Rates hold for the whole input; only the wall time needs scaling up from a subset.
    wallS: spread(runs.map((r) => r.wallS * scale)),
    peakRssMB: rss.length ? spread(rss.map((b) => b / 1e6)) : null, // MB = 10^6 bytes, like MB/s
    sizeRatio: out.length ? spread(runs.filter((r) => r.outputBytes !== null).map((r) => r.outputBytes! / r.inputBytes)) : null,
  };
}

function fmt(n: number): string {
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function cell(s: Spread | null | undefined, runs: number): string {
  if (!s) return '–';
  return runs > 1 ? `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})` : fmt(s.median);
}

/** One markdown table: a row per tool, medians with min–max, and event rate relative to ours. */
export function markdownTable(tools: ToolResult[], oursId: string): string {
  const ours = tools.find((t) => t.id === oursId && t.summary)?.summary;
  const head = '| Tool | events/s | MB/s | wall s | peak RSS MB | size / input | events/s vs ours |\n|---|---:|---:|---:|---:|---:|---:|';
  const rows = tools.map((t) => {
    const name = t.subset ? `${t.label} ¹` : t.label;
    if (!t.summary) return `| ${name} | ${t.status}: ${t.reason ?? ''} | | | | | |`;
    const s = t.summary;
    const n = t.runs.length;
    const ratio = ours ? `${(s.eventsPerS.median / ours.eventsPerS.median).toFixed(2)}×` : '–';
    return `| ${name} | ${cell(s.eventsPerS, n)} | ${cell(s.mbPerS, n)} | ${cell(s.wallS, n)} | ${cell(s.peakRssMB, n)} | ${cell(s.sizeRatio, n)} | ${t.id === oursId ? '1×' : ratio} |`;
  });
  const notes = tools.filter((t) => t.subset).map((t) =>
    `¹ ${t.label}: measured on the first ${t.subset!.events.toLocaleString('en-US')} events (the whole input would take over 5 minutes a run); wall s scaled ×${t.subset!.scale.toFixed(1)} to the full input, the other figures as measured.`);
  return [head, ...rows, ...(notes.length ? ['', ...notes] : [])].join('\n');
}
