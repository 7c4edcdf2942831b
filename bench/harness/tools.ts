// The contenders of the import bench, each able to say whether it can run here, prepare untimed
// (conversions, calibration), and import the input once into a fresh folder: our CLI, the Node
// parse ceiling, the sqlite3 CLI (.import + FTS5 build) and sqlite-utils (insert + enable-fts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { measure } from './measure.ts';
import type { Measured } from './measure.ts';
import { sqliteCsvOf, subsetOf } from './dataset.ts';
import type { Input } from './dataset.ts';
import type { RunFigures } from './report.ts';

export interface BenchContext {
  input: Input;
  repoRoot: string;
  /** Node 24 binary running this bench (type stripping), reused for Node children. */
  node: string;
}

export interface Tool {
  id: string;
  label: string;
  /** Why the tool cannot run here, or null when it can. */
  unavailable(ctx: BenchContext): string | null;
  /** Untimed preparation. May narrow the input to a subset (returned scale > 1). */
  prepare(ctx: BenchContext): Promise<{ input: Input; scale: number }>;
  run(input: Input, workDir: string): Promise<RunFigures & { extra?: Record<string, unknown> }>;
}

export function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function versionOf(cmd: string, arg = '--version'): string | null {
  const r = spawnSync(cmd, [arg], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n')[0]! : null;
}

/** Bytes of an SQLite database including its -wal/-shm companions (a WAL may not be checkpointed). */
function dbBytes(path: string): number {
  let n = 0;
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) n += statSync(f).size;
  return n;
}

function failure(what: string, m: Measured): Error {
  const tail = (m.stderr.trim() || m.stdout.trim()).split('\n').slice(-15).join('\n');
  return new Error(`${what} exited with ${m.signal ?? m.code}:\n${tail}`);
}

const noPrep = async (ctx: BenchContext) => ({ input: ctx.input, scale: 1 });

export function ourImporter(cliPath: string, extraArgs: string[], onStats: (s: Record<string, unknown>) => void): Tool {
  let ctxRef: BenchContext;
  return {
    id: 'ours',
    label: 'Audit Viewer CLI import',
    unavailable: () => existsSync(cliPath) ? null
      : `${cliPath} does not exist yet: the import CLI (\`node electron/cli.ts import --case FILE PATH --json --stats\`) is needed for this bench`,
    prepare: async (ctx) => { ctxRef = ctx; return noPrep(ctx); },
    async run(input, workDir) {
      const casePath = join(workDir, 'case.sqlite');
      const m = await measure(ctxRef.node, [cliPath, 'import', '--case', casePath, input.path, '--json', '--stats', ...extraArgs], { cwd: ctxRef.repoRoot });
      if (m.code !== 0) throw failure('the import CLI', m);
      if (m.stdout.trim() === '') throw new Error(`the import CLI exited ${m.code} without printing its JSON result (stderr: ${m.stderr.trim().slice(-500) || 'empty'})`);
      let out: { sources?: Array<Record<string, unknown>>; stats?: Record<string, unknown> };
      try {
        out = JSON.parse(m.stdout.trim().split('\n').pop() ?? '') as typeof out;
      } catch {
        throw new Error(`the import CLI printed no JSON object on stdout (got: ${m.stdout.slice(0, 300)})`);
      }
      const src = out.sources?.[0];
      if (!src) throw new Error(`the import CLI's JSON has no sources[]: ${m.stdout.slice(0, 300)}`);
      const { records, imported, duplicates, rejected } = src as Record<string, number>;
      if (records !== input.events || imported! + duplicates! + rejected! !== records)
        throw new Error(`the import CLI counted ${records} records (${imported} imported, ${duplicates} duplicates, ${rejected} rejected) for an input of ${input.events} events`);
      if (imported !== input.events) process.stderr.write(`warning: only ${imported} of ${input.events} events imported (${rejected} rejected, ${duplicates} duplicates)\n`);
      if (out.stats) onStats(out.stats);
      return { wallS: m.wallS, peakRssBytes: m.peakRssBytes, events: input.events, inputBytes: input.bytes, outputBytes: dbBytes(casePath), extra: { cli: src, stats: out.stats } };
    },
  };
}

export function parseCeiling(benchDir: string): Tool {
  let ctxRef: BenchContext;
  return {
    id: 'parse',
    label: 'Node parse ceiling (stream, split, JSON.parse)',
    unavailable: () => null,
    prepare: async (ctx) => { ctxRef = ctx; return noPrep(ctx); },
    async run(input) {
      const kind = input.format === 'backoffice-csv' ? 'csv' : 'jsonl';
      const m = await measure(ctxRef.node, [join(benchDir, 'peers', 'parseCeiling.ts'), input.path, kind]);
      if (m.code !== 0) throw failure('the parse loop', m);
      const { events } = JSON.parse(m.stdout) as { events: number };
      if (events !== input.events) throw new Error(`the parse loop saw ${events} events, expected ${input.events}`);
      return { wallS: m.wallS, peakRssBytes: m.peakRssBytes, events, inputBytes: input.bytes, outputBytes: null };
    },
  };
}

/** Same connection settings as our case files (WAL, synchronous NORMAL, 256 MiB cache, same tokenizer). */
function sqlite3Script(csvPath: string): string {
  return [
    '.bail on',
    'PRAGMA journal_mode=WAL;',
    'PRAGMA synchronous=NORMAL;',
    'PRAGMA cache_size=-262144;',
    '.mode csv',
    `.import "${csvPath.replaceAll('"', '\\"')}" events`,
    "CREATE VIRTUAL TABLE fts USING fts5(actor, action, source, raw, content='', tokenize='unicode61 remove_diacritics 2');",
    'INSERT INTO fts(rowid, actor, action, source, raw) SELECT rowid, actor, action, source, raw FROM events;',
    '.mode list',
    'SELECT count(*) FROM events;',
  ].join('\n');
}

export function sqlite3Cli(): Tool {
  let csv = '';
  return {
    id: 'sqlite3',
    label: 'sqlite3 CLI .import + FTS5 build',
    unavailable: () => (onPath('sqlite3') ? null : 'sqlite3 is not installed (apt-get install sqlite3)'),
    async prepare(ctx) { csv = await sqliteCsvOf(ctx.input); return noPrep(ctx); },
    async run(input, workDir) {
      const db = join(workDir, 'peer.sqlite');
      const m = await measure('sqlite3', [db], { stdin: sqlite3Script(csv) });
      if (m.code !== 0) throw failure('sqlite3', m);
      const count = Number(m.stdout.trim().split('\n').pop());
      if (count !== input.events) throw new Error(`sqlite3 loaded ${count} rows, expected ${input.events}`);
      // Rates are per event and per byte of the original input (the CSV is only sqlite3's way in).
      return { wallS: m.wallS, peakRssBytes: m.peakRssBytes, events: count, inputBytes: input.bytes, outputBytes: dbBytes(db) };
    },
  };
}

/** Text columns worth searching, per format; each exists in every generated record. */
const FTS_COLUMNS: Record<Input['format'], string[]> = {
  'cloudtrail': ['eventName', 'eventSource', 'userIdentity', 'sourceIPAddress', 'userAgent', 'requestParameters', 'responseElements'],
  'okta': ['eventType', 'displayMessage', 'actor', 'client', 'outcome', 'target', 'debugContext'],
  'backoffice-csv': ['Actor', 'Event', 'Entity', 'Status', 'Before', 'After', 'Metadata'],
};
const CALIBRATION_EVENTS = 20_000;

/** `overS`: beyond this projected time per run, use a subset that takes about `targetS`. */
export function sqliteUtils(overS = 300, targetS = 120): Tool {
  const once = async (input: Input, workDir: string) => {
    const db = join(workDir, 'peer.sqlite');
    const mode = input.format === 'backoffice-csv' ? '--csv' : '--nl';
    const ins = await measure('sqlite-utils', ['insert', db, 'events', input.path, mode, '--alter']);
    if (ins.code !== 0) throw failure('sqlite-utils insert', ins);
    const fts = await measure('sqlite-utils', ['enable-fts', db, 'events', ...FTS_COLUMNS[input.format], '--fts5', '--tokenize', 'unicode61 remove_diacritics 2']);
    if (fts.code !== 0) throw failure('sqlite-utils enable-fts', fts);
    const rss = [ins.peakRssBytes, fts.peakRssBytes].filter((x): x is number => x !== null);
    return { wallS: ins.wallS + fts.wallS, peakRssBytes: rss.length ? Math.max(...rss) : null, events: input.events, inputBytes: input.bytes, outputBytes: dbBytes(db) };
  };
  return {
    id: 'sqlite-utils',
    label: 'sqlite-utils insert + enable-fts',
    unavailable: () => (onPath('sqlite-utils') ? null : 'sqlite-utils is not installed (apt-get install sqlite-utils, or pipx install sqlite-utils)'),
    async prepare(ctx) {
      if (ctx.input.events <= CALIBRATION_EVENTS * 5) return noPrep(ctx);
      // sqlite-utils is Python and slow: time a small head first and fall back to a subset when
      // the whole input would take more than five minutes per run.
      const probe = await subsetOf(ctx.input, CALIBRATION_EVENTS);
      const dir = mkdtempSync(join(tmpdir(), 'av-bench-calib-'));
      try {
        const r = await once(probe, dir);
        const rate = r.events / r.wallS;
        const projected = ctx.input.events / rate;
        process.stderr.write(`sqlite-utils: ${Math.round(rate)} events/s on a ${CALIBRATION_EVENTS}-event probe → ~${Math.round(projected)} s for the whole input\n`);
        if (projected <= overS) return noPrep(ctx);
        const n = Math.min(ctx.input.events, Math.max(CALIBRATION_EVENTS, Math.round((rate * targetS) / 10_000) * 10_000));
        const sub = await subsetOf(ctx.input, n);
        return { input: sub, scale: ctx.input.events / n };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    run: once,
  };
}
