// The raw parse ceiling, run as its own process by the import bench: read the file as a stream,
// split lines, JSON.parse each (or papaparse each CSV row) and do nothing else. No importer that
// parses every record in one Node thread can beat this; it shows how much of our time is parsing.
//
//   node bench/peers/parseCeiling.ts FILE jsonl|csv   → prints {"events":N}
import { createReadStream } from 'node:fs';
import { csvRows } from '../harness/dataset.ts';

async function main(): Promise<void> {
  const [path, kind] = process.argv.slice(2);
  if (!path || (kind !== 'jsonl' && kind !== 'csv')) throw new Error('usage: parseCeiling.ts FILE jsonl|csv');
  let events = 0;
  let keys = 0; // touches each parsed value so the parse cannot be optimised away
  if (kind === 'csv') {
    for await (const row of csvRows(path)) { events++; keys += row['Time']?.length ?? 0; }
  } else {
    // Lines are split synchronously inside each 1 MB chunk: one await per chunk, not per line.
    let rest = '';
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      let start = 0;
      let nl: number;
      while ((nl = text.indexOf('\n', start)) !== -1) {
        if (nl > start) { const v = JSON.parse(text.slice(start, nl)) as unknown; events++; keys += v !== null ? 1 : 0; }
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest.trim() !== '') { JSON.parse(rest); events++; }
  }
  process.stdout.write(`${JSON.stringify({ events, checksum: keys })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`parseCeiling: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
