// Command line for the benchmark data generator: writes N deterministic, realistic activity events
// (CloudTrail, Okta System Log or a back-office CSV) to a file and prints a one-line summary.
// Also the public entry for other benches and tests (re-exports the generator functions).
//
//   npx node bench/generate.ts --events 1000000 --format cloudtrail --out bench/data/cloudtrail-1m.jsonl
//       [--seed 1] [--start 2025-01-01T00:00:00Z] [--days 90]
import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeEvents } from './gen/generator.ts';
import { FORMATS } from './gen/format.ts';
import type { Format } from './gen/format.ts';

export { generateEvents, generateLines, writeEvents } from './gen/generator.ts';
export type { GenerateOptions, GenerateSummary } from './gen/generator.ts';
export { FORMATS, extensionOf } from './gen/format.ts';
export type { Format } from './gen/format.ts';

/** `100k`, `1m`, `10m`, `2500` → an event count. */
export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a count: ${text}`);
  const mult = { '': 1, k: 1_000, m: 1_000_000 }[m[2]!.toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(m[1]) * mult);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      format: { type: 'string', default: 'cloudtrail' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '2025-01-01T00:00:00Z' },
      days: { type: 'string', default: '90' },
    },
  });
  if (!values.events || !values.out) throw new Error('usage: generate.ts --events N --format cloudtrail|okta|backoffice-csv --out FILE [--seed 1] [--start ISO] [--days 90]');
  if (!FORMATS.includes(values.format as Format)) throw new Error(`unknown --format ${values.format}; one of ${FORMATS.join(', ')}`);
  const seed = Number(values.seed);
  const days = Number(values.days);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer: ${values.seed}`);
  if (!(days > 0)) throw new Error(`--days must be positive: ${values.days}`);
  mkdirSync(dirname(values.out), { recursive: true });
  const s = await writeEvents({ format: values.format as Format, events: parseCount(values.events), seed, start: values.start, days }, values.out);
  process.stderr.write(`generated ${s.events} ${values.format} events, ${s.bytes} bytes (${(s.bytes / 1e6).toFixed(1)} MB, ${Math.round(s.bytes / Math.max(1, s.events))} B/event) in ${s.seconds.toFixed(1)} s → ${values.out}\n`);
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
