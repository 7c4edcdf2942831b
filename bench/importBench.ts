// The import benchmark (`npm run bench:import`): generates or reuses a cached input, then times our
// CLI import against peers on the same file — the Node parse ceiling, the sqlite3 CLI and
// sqlite-utils — over N interleaved runs, and reports medians with min–max as a markdown table
// (stdout) and JSON (bench/results/import-<size>-<timestamp>.json).
//
//   node bench/importBench.ts [--size 100k|1m|10m] [--runs 3] [--format cloudtrail] [--keep]
//                             [--seed 1] [--only ours,parse,sqlite3,sqlite-utils] [--workers N]
//                             [--json-out FILE]
// --workers is passed to our CLI (parse workers); --keep leaves each run's case/db folder in /tmp;
// --json-out writes the record to FILE instead (bench/benchAll.ts uses it to find the record).
import { parseArgs } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, createReadStream } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, tmpdir, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseCount } from './generate.ts';
import { FORMATS } from './gen/format.ts';
import type { Format } from './gen/format.ts';
import { benchInput } from './harness/dataset.ts';
import type { Input } from './harness/dataset.ts';
import { describeMethod } from './harness/measure.ts';
import { markdownTable, summarize } from './harness/report.ts';
import type { ToolResult } from './harness/report.ts';
import { ourImporter, parseCeiling, sqlite3Cli, sqliteUtils, versionOf } from './harness/tools.ts';
import type { BenchContext, Tool } from './harness/tools.ts';

const BENCH_DIR = import.meta.dirname;
const REPO_ROOT = resolve(BENCH_DIR, '..');
const ALL_TOOLS = ['ours', 'parse', 'sqlite3', 'sqlite-utils'];

class BenchError extends Error {}

function args() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '1m' },
      runs: { type: 'string', default: '3' },
      format: { type: 'string', default: 'cloudtrail' },
      seed: { type: 'string', default: '1' },
      only: { type: 'string', default: ALL_TOOLS.join(',') },
      keep: { type: 'boolean', default: false },
      workers: { type: 'string' },
      'json-out': { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const only = values.only.split(',').map((s) => s.trim()).filter(Boolean);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError(`--runs must be a positive integer: ${values.runs}`);
  if (!Number.isInteger(seed)) throw new BenchError(`--seed must be an integer: ${values.seed}`);
  if (!FORMATS.includes(values.format as Format)) throw new BenchError(`--format must be one of ${FORMATS.join(', ')}`);
  const bad = only.filter((t) => !ALL_TOOLS.includes(t));
  if (bad.length) throw new BenchError(`--only knows ${ALL_TOOLS.join(', ')}; not ${bad.join(', ')}`);
  if (values.workers !== undefined && !/^\d+$/.test(values.workers)) throw new BenchError(`--workers must be a count: ${values.workers}`);
  return { size: values.size.toLowerCase(), events: parseCount(values.size), runs, seed, format: values.format as Format, only, keep: values.keep, workers: values.workers, jsonOut: values['json-out'] };
}

/** Reads the input once so every tool starts from the same (warm) page cache. */
async function warm(path: string): Promise<void> {
  for await (const _ of createReadStream(path, { highWaterMark: 1 << 22 })) { /* discard */ }
}

function gitCommit(): string | null {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function main(): Promise<void> {
  const opts = args();
  if (Number(process.versions.node.split('.')[0]) < 24) {
    throw new BenchError(`Node ${process.versions.node} cannot run TypeScript directly; use Node 24 (\`npm run bench:import\` or \`npx node bench/importBench.ts\`).`);
  }
  const cliSelfStats: Array<Record<string, unknown>> = [];
  const catalogue: Tool[] = [
    ourImporter(join(REPO_ROOT, 'electron', 'cli.ts'), opts.workers === undefined ? [] : ['--workers', opts.workers], (s) => cliSelfStats.push(s)),
    parseCeiling(BENCH_DIR),
    sqlite3Cli(),
    sqliteUtils(),
  ];
  const chosen = catalogue.filter((t) => opts.only.includes(t.id));
  const ours = chosen.find((t) => t.id === 'ours');
  // Our importer is the point of the bench: without it, stop before spending minutes on peers.
  const oursMissing = ours?.unavailable({} as BenchContext);
  if (oursMissing) throw new BenchError(`${oursMissing}.\n(To time only the peers meanwhile: --only parse,sqlite3,sqlite-utils)`);

  const input = await benchInput(opts.format, opts.events, opts.seed, opts.size);
  const ctx: BenchContext = { input, repoRoot: REPO_ROOT, node: process.execPath };
  const results: ToolResult[] = [];
  const active: Array<{ tool: Tool; result: ToolResult; input: Input; scale: number }> = [];
  for (const tool of chosen) {
    const why = tool.unavailable(ctx);
    const result: ToolResult = { id: tool.id, label: tool.label, status: why ? 'skipped' : 'ok', runs: [], ...(why ? { reason: why } : {}) };
    results.push(result);
    if (why) { process.stderr.write(`skip ${tool.id}: ${why}\n`); continue; }
    try {
      const prep = await tool.prepare(ctx);
      if (prep.scale > 1) result.subset = { events: prep.input.events, bytes: prep.input.bytes, scale: prep.scale };
      active.push({ tool, result, input: prep.input, scale: prep.scale });
    } catch (e) {
      if (tool.id === 'ours') throw e;
      Object.assign(result, { status: 'failed', reason: (e as Error).message });
    }
  }

  await warm(input.path);
  const startedAt = new Date().toISOString();
  const load0 = loadavg();
  // Interleaved (run 1 of every tool, then run 2…) so a noisy minute hurts all tools alike.
  for (let run = 1; run <= opts.runs; run++) {
    for (const a of active) {
      if (a.result.status !== 'ok') continue;
      const dir = mkdtempSync(join(tmpdir(), `av-bench-${a.tool.id}-`));
      process.stderr.write(`run ${run}/${opts.runs} ${a.tool.id}… `);
      try {
        const r = await a.tool.run(a.input, dir);
        a.result.runs.push(r);
        process.stderr.write(`${r.wallS.toFixed(1)} s${a.scale > 1 ? ` (subset of ${a.input.events})` : ''}${opts.keep ? ` → ${dir}` : ''}\n`);
      } catch (e) {
        process.stderr.write('failed\n');
        if (a.tool.id === 'ours') throw new BenchError(`our import failed on run ${run}: ${(e as Error).message}`);
        Object.assign(a.result, { status: 'failed', reason: (e as Error).message });
      } finally {
        if (!opts.keep) rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  for (const a of active) if (a.result.runs.length) a.result.summary = summarize(a.result.runs, a.scale);

  const table = markdownTable(results, 'ours');
  const heading = `Import bench: ${input.events.toLocaleString('en-US')} ${opts.format} events, ${(input.bytes / 1e6).toFixed(0)} MB, ${opts.runs} run(s), median (min–max)`;
  process.stdout.write(`\n${heading}\n\n${table}\n`);

  const report = {
    kind: 'import', size: opts.size, format: opts.format, seed: opts.seed, runs: opts.runs, cliWorkers: opts.workers ?? null, startedAt, finishedAt: new Date().toISOString(),
    input: { path: input.path, events: input.events, bytes: input.bytes },
    machine: {
      cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemGB: +(totalmem() / 2 ** 30).toFixed(1), freeMemGBAtEnd: +(freemem() / 2 ** 30).toFixed(1),
      kernel: release(), loadavgAtStart: load0, loadavgAtEnd: loadavg(), node: process.versions.node,
      sqlite3: versionOf('sqlite3'), sqliteUtils: versionOf('sqlite-utils'), rssMethod: describeMethod(),
    },
    commit: gitCommit(),
    ourCliSelfReported: cliSelfStats,
    tools: results,
    table,
  };
  const file = opts.jsonOut ?? join(BENCH_DIR, 'results', `import-${opts.size}-${startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z')}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`\nresults: ${file}\n`);
  if (results.some((r) => r.status === 'failed')) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`\nbench:import: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
