// Keeps the Electron glue thin: only the two entry files load electron at runtime; every other
// module in electron/main and electron/preload uses `import type` from it, so its logic runs (and
// is tested) in plain Node, where no Electron binary is needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/tmp.ts';

const ENTRIES = new Set(['electron/main/main.ts', 'electron/preload/preload.ts']);

test('only main.ts and preload.ts import electron at runtime', () => {
  const offenders: string[] = [];
  for (const dir of ['electron/main', 'electron/preload']) {
    for (const name of readdirSync(join(repoRoot, dir))) {
      const rel = `${dir}/${name}`;
      if (!name.endsWith('.ts') || ENTRIES.has(rel)) continue;
      const text = readFileSync(join(repoRoot, rel), 'utf8');
      for (const m of text.matchAll(/^\s*import\s+(type\s+)?[^;]*?from\s+['"]electron['"]/gm)) if (!m[1]) offenders.push(rel);
      if (/require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\)/.test(text)) offenders.push(rel);
    }
  }
  assert.deepEqual(offenders, []);
});
