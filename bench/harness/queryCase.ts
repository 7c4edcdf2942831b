// The case the query and UI benches read: bench/data/query-case-<size>.sqlite, imported once by our
// CLI from the cached generated input and reused. A .meta.json beside it records which input and
// which importer built it (a hash of the engine's import and db sources), so a regenerated input
// or an edited importer rebuilds the case instead of benchmarking a stale one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchInput, DATA_DIR } from './dataset.ts';
import type { Input } from './dataset.ts';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const QUERY_SIZES: Record<string, number> = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };

export function queryCasePath(size: string): string {
  return join(DATA_DIR, `query-case-${size}.sqlite`);
}

/** Hash of the sources that decide what a case file holds. */
function importerHash(): string {
  const h = createHash('sha256');
  for (const dir of ['electron/engine/import', 'electron/engine/db']) {
    const abs = join(REPO_ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of (readdirSync(abs, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort()) {
      h.update(`${dir}/${f}`).update(readFileSync(join(abs, f)));
    }
  }
  return h.digest('hex').slice(0, 12);
}

function sameKey(path: string, key: Record<string, unknown>): boolean {
  try {
    const meta = JSON.parse(readFileSync(`${path}.meta.json`, 'utf8')) as { key?: unknown };
    return existsSync(path) && JSON.stringify(meta.key) === JSON.stringify(key);
  } catch {
    return false;
  }
}

/** The generated CloudTrail input (seed 1) for `size` and the case imported from it, built when missing or stale. */
export async function queryCase(size: string): Promise<{ casePath: string; input: Input; built: boolean }> {
  const events = QUERY_SIZES[size];
  if (!events) throw new Error(`size must be one of ${Object.keys(QUERY_SIZES).join(', ')}, not ${size}`);
  const input = await benchInput('cloudtrail', events, 1, size);
  const casePath = queryCasePath(size);
  const key = { input: input.path, inputBytes: input.bytes, importer: importerHash() };
  if (sameKey(casePath, key)) return { casePath, input, built: false };

  process.stderr.write(`case: building ${casePath} from ${input.path} (once per input and importer)…\n`);
  const tmp = `${casePath}.tmp`;
  const clean = (p: string) => { for (const s of ['', '-wal', '-shm']) rmSync(`${p}${s}`, { force: true }); };
  clean(tmp);
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'electron', 'cli.ts'), 'import', '--case', tmp, input.path, '--json'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) { clean(tmp); throw new Error(`building the query case failed (import exited ${r.status ?? r.signal})`); }
  clean(casePath);
  rmSync(`${casePath}.meta.json`, { force: true });
  // A closed case normally has no WAL left, but if one is there it holds committed pages: move it too.
  for (const s of ['-wal', '-shm', '']) if (existsSync(`${tmp}${s}`)) renameSync(`${tmp}${s}`, `${casePath}${s}`);
  writeFileSync(`${casePath}.meta.json`, JSON.stringify({ key, bytes: statSync(casePath).size, builtAt: new Date().toISOString() }, null, 2));
  return { casePath, input, built: true };
}
