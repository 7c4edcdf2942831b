// Temporary folders for tests: real files on disk, removed when the test process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.on('exit', () => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

export function tempDir(prefix = 'av-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export const corporaDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpora');
export const repoRoot = join(import.meta.dirname, '..', '..');
