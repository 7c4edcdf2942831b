// The generator loop: turns options into a deterministic sequence of lines (header, then one per
// event) and streams them to a file with backpressure. Used by bench/generate.ts, the import
// benchmark and the generator's unit test.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Rng } from './prng.ts';
import { Timeline } from './timeline.ts';
import { cloudTrailBuilder } from './cloudtrail.ts';
import { oktaBuilder } from './okta.ts';
import { backofficeBuilder } from './backofficeCsv.ts';
import type { Format, FormatBuilder } from './format.ts';

export interface GenerateOptions {
  format: Format;
  events: number;
  /** Any integer; the same seed and options always give the same bytes. Default 1. */
  seed?: number;
  /** First instant of the span (ISO text or epoch ms). Default 2025-01-01T00:00:00Z. */
  start?: string | number;
  /** Length of the span in days. Default 90. */
  days?: number;
}

export interface GenerateSummary {
  events: number;
  bytes: number;
  seconds: number;
}

const DEFAULT_START = Date.UTC(2025, 0, 1);

function builderFor(format: Format, rng: Rng): FormatBuilder {
  switch (format) {
    case 'cloudtrail': return cloudTrailBuilder(rng);
    case 'okta': return oktaBuilder(rng);
    case 'backoffice-csv': return backofficeBuilder(rng);
  }
}

function startMs(start: string | number | undefined): number {
  if (start === undefined) return DEFAULT_START;
  const ms = typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(ms)) throw new Error(`invalid --start: ${String(start)}`);
  return ms;
}

/**
 * The file's lines in order, without newlines: the header first when the format has one.
 * Synchronous on purpose: the writer batches lines, and a per-line await would dominate the cost.
 */
export function* generateLines(opts: GenerateOptions): Generator<string> {
  const seed = (opts.seed ?? 1) >>> 0;
  // Separate streams for time and content, so a change to one format's fields leaves times alone.
  const builder = builderFor(opts.format, new Rng(seed));
  const timeline = new Timeline(new Rng(seed ^ 0x7f4a7c15), {
    startMs: startMs(opts.start), spanMs: (opts.days ?? 90) * 86_400_000, events: opts.events,
  });
  if (builder.header !== null) yield builder.header;
  for (let i = 0; i < opts.events; i++) yield builder.record(i, timeline.next());
}

/** The same lines as an async iterable, for callers that consume streams. */
export async function* generateEvents(opts: GenerateOptions): AsyncIterable<string> {
  yield* generateLines(opts);
}

/** Writes the lines, newline-terminated, to `path`; memory stays flat whatever the event count. */
export async function writeEvents(opts: GenerateOptions, path: string): Promise<GenerateSummary> {
  const t0 = performance.now();
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([err]) => { throw err as Error; });
  failed.catch(() => {}); // observed below; keeps an early error from being reported as unhandled
  let bytes = 0;
  let batch = '';
  for (const line of generateLines(opts)) {
    batch += line + '\n';
    // ~1 MB writes: few enough syscalls, small enough that memory does not grow.
    if (batch.length >= 1 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await Promise.race([once(out, 'drain'), failed]);
      batch = '';
    }
  }
  bytes += Buffer.byteLength(batch);
  out.end(batch);
  await Promise.race([once(out, 'finish'), failed]);
  return { events: opts.events, bytes, seconds: (performance.now() - t0) / 1000 };
}
