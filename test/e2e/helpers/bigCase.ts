// A large case for the scrolling test and the UI benchmark: deterministic CloudTrail events from the
// bench generator, imported with the CLI, cached under .tmp/ (git-ignored) keyed by the event count
// and the generator's source, so repeated runs reuse it. The input is written in parts of 200k lines
// (several sources, as a real trail export would be) and deleted once imported.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { generateLines } from '../../../bench/generate.ts';
import { ROOT } from './serve.ts';

const PART_LINES = 200_000;

function generatorHash(): string {
  const dir = join(ROOT, 'bench', 'gen');
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.ts')) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 10);
}

export function countLabel(n: number): string {
  return n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** `200k`, `1m`, `1500` → a count. */
export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a count: ${text}`);
  return Math.round(Number(m[1]) * ({ '': 1, k: 1000, m: 1_000_000 } as const)[m[2]!.toLowerCase() as '' | 'k' | 'm']);
}

/** Path of a case holding `events` generated CloudTrail events, built on first use. */
export function bigCase(events: number, log: (line: string) => void = () => undefined): string {
  const dir = join(ROOT, '.tmp', 'ui-cases');
  mkdirSync(dir, { recursive: true });
  const casePath = join(dir, `cloudtrail-${countLabel(events)}-${generatorHash()}.sqlite`);
  const done = `${casePath}.done`;
  if (existsSync(casePath) && existsSync(done)) return casePath;
  for (const f of [casePath, `${casePath}-wal`, `${casePath}-shm`]) rmSync(f, { force: true });

  const partsDir = join(dir, `parts-${countLabel(events)}`);
  rmSync(partsDir, { recursive: true, force: true });
  mkdirSync(partsDir, { recursive: true });
  const t0 = Date.now();
  const parts: string[] = [];
  let fd = -1;
  let inPart = 0;
  let buffer: string[] = [];
  const flush = () => { if (buffer.length > 0) { writeSync(fd, buffer.join('')); buffer = []; } };
  for (const line of generateLines({ format: 'cloudtrail', events, seed: 1, start: '2025-01-01T00:00:00Z', days: 90 })) {
    if (fd < 0 || inPart === PART_LINES) {
      if (fd >= 0) { flush(); closeSync(fd); }
      const path = join(partsDir, `trail-${String(parts.length).padStart(3, '0')}.jsonl`);
      parts.push(path);
      fd = openSync(path, 'w');
      inPart = 0;
    }
    buffer.push(line.endsWith('\n') ? line : `${line}\n`);
    inPart++;
    if (buffer.length >= 2000) flush();
  }
  if (fd >= 0) { flush(); closeSync(fd); }
  log(`generated ${events} events in ${parts.length} files (${((Date.now() - t0) / 1000).toFixed(1)} s); importing…`);

  const t1 = Date.now();
  const out = execFileSync(process.execPath, [join(ROOT, 'electron', 'cli.ts'), 'import', '--case', casePath, ...parts, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20, encoding: 'utf8' });
  // Never cache a case that did not get every event (a failed import must not look like a big case).
  let imported = -1;
  try { imported = (JSON.parse(out) as { sources: { events: number }[] }).sources.reduce((n, s) => n + s.events, 0); } catch { /* checked below */ }
  if (imported !== events) throw new Error(`importing the generated events gave ${imported} events, not ${events}. CLI output: ${out.slice(0, 2000)}`);
  log(`imported in ${((Date.now() - t1) / 1000).toFixed(1)} s → ${casePath}`);
  rmSync(partsDir, { recursive: true, force: true });
  writeFileSync(done, new Date().toISOString());
  return casePath;
}
