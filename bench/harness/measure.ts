// Runs one child process and measures it from the outside: wall time around spawn→exit and the
// child's peak resident memory. GNU time (`/usr/bin/time -f %M`) gives the exact peak when it is
// installed; otherwise /proc/<pid>/status VmHWM is polled every 50 ms (the peak of the last 50 ms
// before exit can be missed, which is why GNU time is preferred).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export interface Measured {
  code: number | null;
  signal: NodeJS.Signals | null;
  wallS: number;
  /** Peak RSS of the measured process in bytes, or null when neither method was available. */
  peakRssBytes: number | null;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  cwd?: string;
  /** Written to the child's stdin, then stdin is closed. */
  stdin?: string;
  /** Progress lines from the child's stderr are echoed to ours when set (long runs stay visible). */
  echoStderr?: boolean;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
let seq = 0;

export async function measure(cmd: string, args: string[], opts: MeasureOptions = {}): Promise<Measured> {
  const timeFile = join(tmpdir(), `av-bench-time-${process.pid}-${seq++}.txt`);
  const [file, argv] = hasGnuTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const child = spawn(file, argv, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-20_000); // only the tail is ever shown
    if (opts.echoStderr) process.stderr.write(s);
  });
  child.stdin.on('error', () => {}); // a child that exits early closes its stdin; its exit code tells the story
  child.stdin.end(opts.stdin ?? '');

  let polledPeak = 0;
  const poll = hasGnuTime || child.pid === undefined ? null : setInterval(() => {
    polledPeak = Math.max(polledPeak, vmHwm(child.pid!));
  }, 50);

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  });
  const wallS = (performance.now() - t0) / 1000;
  if (poll) clearInterval(poll);

  let peakRssBytes: number | null = polledPeak > 0 ? polledPeak : null;
  if (hasGnuTime) {
    peakRssBytes = readGnuTimeKb(timeFile);
    rmSync(timeFile, { force: true });
  }
  return { code, signal, wallS, peakRssBytes, stdout, stderr };
}

/** VmHWM ("high water mark" of resident memory) in bytes, 0 when the process is gone. */
export function vmHwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Pids of this process's direct children whose command line contains `needle`: for a child that
 * someone else spawned for us (the UI bench's serve), whose peak RSS is then read with vmHwm().
 */
export function childPids(needle: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may hold spaces, so split after its ')'.
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(needle)) out.push(Number(d));
    } catch { /* gone meanwhile */ }
  }
  return out;
}

/** GNU time writes "Command exited with non-zero status N" before the figure on failures. */
function readGnuTimeKb(path: string): number | null {
  try {
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const kb = Number(lines[lines.length - 1]);
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : null;
  } catch {
    return null;
  }
}

export function describeMethod(): string {
  return hasGnuTime ? 'GNU time %M (max RSS of the child)' : '/proc/<pid>/status VmHWM polled every 50 ms';
}
