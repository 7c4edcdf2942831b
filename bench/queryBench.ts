// `npm run bench:query`: query latencies on a generated case (default 100k events; --size 1m, 10m),
// run in-process on a read-only connection the way the query worker runs them. Prints p50/p95 (and
// min–max) per operation and writes JSON to bench/results/. Usage:
//   npm run bench:query -- [--size 100k|1m|10m] [--runs 20] [--word prod]
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openCase } from '../electron/engine/db/openCase.ts';
import { countEvents, pageEvents, listFacets, getHistogram } from '../electron/engine/query/index.ts';
import { runExport } from '../electron/engine/export/index.ts';
import { requestSchemas } from '../shared/contract.ts';
import { benchInput, DATA_DIR } from './harness/dataset.ts';

const SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };
const { values } = parseArgs({ options: { size: { type: 'string', default: '100k' }, runs: { type: 'string', default: '20' }, word: { type: 'string', default: 'prod' } } });
const events = SIZES[values.size!];
if (!events) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
const runs = Number(values.runs);
const word = values.word!;

const input = await benchInput('cloudtrail', events, 1, values.size!);
const casePath = join(DATA_DIR, `query-case-${values.size}.sqlite`);
if (!existsSync(casePath)) {
  process.stderr.write(`building ${casePath} from ${input.path} (one-time)…\n`);
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'electron', 'cli.ts'), 'import', '--case', `${casePath}.tmp`, input.path, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error('import failed');
  rmSync(casePath, { force: true });
  spawnSync('mv', [`${casePath}.tmp`, casePath]);
  for (const s of ['-wal', '-shm']) rmSync(`${casePath}.tmp${s}`, { force: true });
}
const db = openCase(casePath, { readonly: true });
const total = countEvents(db, { query: '' }).total;
const q = <M extends keyof typeof requestSchemas>(m: M, r: unknown) => requestSchemas[m].parse(r) as never;

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), min: s[0]!, max: s[s.length - 1]! };
}

const filtered = `${word} -status:*`;
const results: Record<string, ReturnType<typeof stats>> = {};
function bench(name: string, fn: () => unknown, n = runs) {
  fn(); // warm
  results[name] = stats(Array.from({ length: n }, () => time(fn)));
}

const matches = countEvents(db, q('events.count', { query: filtered })).total;
bench(`FTS first page newest-first ("${word}")`, () => pageEvents(db, q('events.page', { query: word, from: 0, to: 100 })));
bench(`count of "${word}"`, () => countEvents(db, q('events.count', { query: word })));
bench('jump to middle of a filtered result', () => pageEvents(db, q('events.page', { query: filtered, from: Math.floor(matches / 2), to: Math.floor(matches / 2) + 100 })));
bench('jump to end of a filtered result', () => pageEvents(db, q('events.page', { query: filtered, from: Math.max(0, matches - 100), to: matches })));
bench(`5 facets for "${word}"`, () => listFacets(db, q('facets.list', { query: word, fields: ['system', 'action', 'actor', 'category', 'status'], budgetMs: 60_000 })), Math.min(runs, 5));
bench(`histogram of "${word}"`, () => getHistogram(db, q('histogram.get', { query: word })), Math.min(runs, 5));
bench('whole-case facets (5)', () => listFacets(db, q('facets.list', { query: '', fields: ['system', 'action', 'actor', 'category', 'status'] })));

const exportPath = join(DATA_DIR, `export-${values.size}.csv`);
rmSync(exportPath, { force: true });
const t0 = Date.now();
const m = await runExport(db, q('export.start', { query: '', path: exportPath }), { appVersion: 'bench' });
const exportS = (Date.now() - t0) / 1000;
const exportRowsPerS = Math.round(m.rows / exportS);
rmSync(exportPath, { force: true });
rmSync(`${exportPath}.manifest.json`, { force: true });

const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
const lines = [
  `Query benchmark: ${total.toLocaleString('en')} events (${values.size}), ${runs} runs, "${word}" filtered result ${matches.toLocaleString('en')} rows`,
  '',
  '| operation | p50 ms | p95 ms | min–max ms |',
  '|---|---:|---:|---:|',
  ...Object.entries(results).map(([k, s]) => `| ${k} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.min)}–${fmt(s.max)} |`),
  `| CSV export, all rows | ${exportRowsPerS.toLocaleString('en')} rows/s | | ${exportS.toFixed(1)} s |`,
  '',
  `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; case ${(statSync(casePath).size / 1e6).toFixed(0)} MB`,
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', `query-${values.size}-${new Date().toISOString().replace(/:/g, '-')}.json`),
  JSON.stringify({ size: values.size, total, matches, runs, results, exportRowsPerS, peakRssMB: process.resourceUsage().maxRSS / 1024 }, null, 2));
db.close();
