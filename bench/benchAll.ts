// `npm run bench`: every benchmark, side by side, on the deterministic generated archives. Owns the
// order of the phases and the one combined table; the measuring stays in the three benches, each
// run here as a child process (their progress on stderr, their own tables on stdout) that writes its
// record where --json-out says. Per size: import with its peers (importBench), query and export
// (queryBench, which builds bench/data/query-case-<size>.sqlite once), then the UI against that same
// case (uiBench --case), so the big case is imported once, not twice. Then the targets table
// (harness/targets.ts) on stdout and everything in bench/results/bench-<sizes>-<timestamp>.json.
//
//   node bench/benchAll.ts [--size 100k,1m] [--runs 3] [--only import,query,export,ui]
// --size: comma list of 100k, 1m, 10m. --runs: import runs, and export runs (both read the whole
// case; query operations always take 20 timed runs each, UI first-rows 5 page loads).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumMissing } from '../test/e2e/helpers/browser.ts';
import { DATA_DIR } from './harness/dataset.ts';
import { describeMethod } from './harness/measure.ts';
import { queryCase, QUERY_SIZES } from './harness/queryCase.ts';
import { targetRows, targetsTable } from './harness/targets.ts';
import type { Failed, SizeResults } from './harness/targets.ts';

const BENCH_DIR = import.meta.dirname;
const REPO_ROOT = resolve(BENCH_DIR, '..');
const PHASES = ['import', 'query', 'export', 'ui'];
/** A renderer built for the bench alone, so building it never races a test run that builds dist/. */
const RENDERER_DIR = join(DATA_DIR, 'renderer');

function args() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '100k,1m' },
      runs: { type: 'string', default: '3' },
      only: { type: 'string', default: PHASES.join(',') },
    },
  });
  const list = (s: string) => s.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  const sizes = list(values.size);
  const only = list(values.only);
  const runs = Number(values.runs);
  const badSize = sizes.filter((s) => !QUERY_SIZES[s]);
  if (sizes.length === 0 || badSize.length) throw new Error(`--size takes a comma list of ${Object.keys(QUERY_SIZES).join(', ')}; not ${badSize.join(', ') || 'empty'}`);
  const badPhase = only.filter((p) => !PHASES.includes(p));
  if (only.length === 0 || badPhase.length) throw new Error(`--only takes a comma list of ${PHASES.join(', ')}; not ${badPhase.join(', ') || 'empty'}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer: ${values.runs}`);
  // Smallest first: a failure shows up before the long runs, and "flat in size" has its baseline.
  return { sizes: [...new Set(sizes)].sort((a, b) => QUERY_SIZES[a]! - QUERY_SIZES[b]!), runs, only };
}

/** Runs a child with our stdout/stderr; resolves with how it ended. */
function run(cmd: string, argv: string[], stdout: 'inherit' | 'stderr' = 'inherit'): Promise<{ code: number | null; signal: NodeJS.Signals | null; seconds: number }> {
  const t0 = performance.now();
  const child = spawn(cmd, argv, { cwd: REPO_ROOT, stdio: ['ignore', stdout === 'inherit' ? 'inherit' : 2, 'inherit'] });
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, seconds: (performance.now() - t0) / 1000 }));
  });
}

/** A sub-bench as a child; its record from --json-out, or why there is none. */
async function subBench(script: string, argv: string[], outFile: string, timings: Record<string, number>, key: string): Promise<unknown> {
  process.stderr.write(`\n== ${key}: node bench/${script} ${argv.join(' ')}\n`);
  const r = await run(process.execPath, [join(BENCH_DIR, script), ...argv, '--json-out', outFile]);
  timings[key] = +r.seconds.toFixed(1);
  const record = existsSync(outFile) ? JSON.parse(readFileSync(outFile, 'utf8')) as unknown : null;
  if (r.code !== 0 || !record) {
    const reason = `bench/${script} exited with ${r.signal ?? r.code}${record ? '' : ' and wrote no record'} (its stderr above says why)`;
    return { status: 'failed', reason, ...(record ? { partial: record } : {}) } satisfies Failed & { partial?: unknown };
  }
  return record;
}

async function buildRenderer(timings: Record<string, number>): Promise<string | null> {
  process.stderr.write(`\n== ui: building the renderer into ${RENDERER_DIR}\n`);
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // vite prints its progress on stdout: send it to stderr so stdout keeps only tables.
  const r = await run(process.execPath, [vite, 'build', '--outDir', RENDERER_DIR, '--emptyOutDir', '--logLevel', 'warn'], 'stderr');
  timings['renderer build'] = +r.seconds.toFixed(1);
  return r.code === 0 ? null : `building the renderer failed (vite exited ${r.signal ?? r.code})`;
}

function git(...a: string[]): string | null {
  const r = spawnSync('git', a, { cwd: REPO_ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function main(): Promise<void> {
  if (Number(process.versions.node.split('.')[0]) < 24) throw new Error(`Node ${process.versions.node} cannot run TypeScript directly; use \`npm run bench\` (Node 24).`);
  const opts = args();
  const startedAt = new Date().toISOString();
  const stamp = startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const parts = mkdtempSync(join(tmpdir(), 'av-bench-all-'));
  const timings: Record<string, number> = {};
  const load0 = loadavg();
  const has = (p: string) => opts.only.includes(p);

  let uiBlocked: string | null = has('ui') ? chromiumMissing() : null;
  if (has('ui') && !uiBlocked) uiBlocked = await buildRenderer(timings);
  if (uiBlocked) process.stderr.write(`ui: skipped: ${uiBlocked}\n`);

  const results: SizeResults[] = [];
  try {
    for (const size of opts.sizes) {
      const s: SizeResults = { size, events: QUERY_SIZES[size]! };
      results.push(s);
      if (has('import')) {
        s.import = await subBench('importBench.ts', ['--size', size, '--runs', String(opts.runs)], join(parts, `import-${size}.json`), timings, `import ${size}`) as SizeResults['import'];
      }
      const qPhases = ['query', 'export'].filter(has);
      if (qPhases.length) {
        s.query = await subBench('queryBench.ts', ['--size', size, '--only', qPhases.join(','), '--export-runs', String(opts.runs)], join(parts, `query-${size}.json`), timings, `query ${size}`) as SizeResults['query'];
      }
      if (has('ui')) {
        if (uiBlocked) {
          s.ui = { status: 'skipped', reason: uiBlocked };
        } else {
          // Usually already built by the query bench; builds it here under --only ui.
          const { casePath } = await queryCase(size);
          s.ui = await subBench('uiBench.ts', ['--case', casePath, '--renderer', RENDERER_DIR], join(parts, `ui-${size}.json`), timings, `ui ${size}`) as SizeResults['ui'];
        }
      }
    }
  } finally {
    rmSync(parts, { recursive: true, force: true });
  }

  const rows = targetRows(results);
  const table = targetsTable(rows);
  const heading = `All benchmarks: ${opts.sizes.map((s) => s.toUpperCase()).join(', ')} generated CloudTrail events; ${opts.runs} import/export run(s); phases ${opts.only.join(', ')}`;
  process.stdout.write(`\n${heading}\n\n${table}\n`);

  const report = {
    kind: 'all', sizes: opts.sizes, runs: opts.runs, only: opts.only, startedAt, finishedAt: new Date().toISOString(), secondsPerPhase: timings,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, totalMemGB: +(totalmem() / 2 ** 30).toFixed(1), kernel: release(), node: process.versions.node, loadavgAtStart: load0, loadavgAtEnd: loadavg(), rssMethod: describeMethod() },
    commit: git('rev-parse', '--short', 'HEAD'), uncommittedChanges: (git('status', '--porcelain') ?? '') !== '',
    rows, table, records: results,
  };
  const outDir = join(BENCH_DIR, 'results');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `bench-${opts.sizes.join('-')}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`\nresults: ${file}\n`);
  const failed = results.some((s) => [s.import, s.query, s.ui].some((r) => r && 'status' in r && r.status === 'failed'));
  if (failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`\nbench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
