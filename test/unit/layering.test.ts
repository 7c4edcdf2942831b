// Enforces the layering rules of docs/ARCHITECTURE.md: the engine never imports electron (so serve
// mode, the CLI and tests can load it), and shared/ and renderer/ import neither node nor electron.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try { names = readdirSync(dir); } catch { return out; }
  for (const name of names) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(name)) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  return specs;
}

function violations(dir: string, forbidden: (spec: string) => boolean): string[] {
  return sourceFiles(join(root, dir)).flatMap((f) =>
    importsOf(f).filter(forbidden).map((spec) => `${relative(root, f)} imports ${spec}`),
  );
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const isNode = (s: string) => s.startsWith('node:') || s === 'better-sqlite3' || ['fs', 'path', 'os', 'worker_threads', 'child_process', 'stream', 'zlib', 'crypto'].includes(s);

test('engine code never imports electron', () => {
  assert.deepEqual(violations('electron/engine', isElectron), []);
  assert.deepEqual(violations('shared', isElectron), []);
});

test('the CLI never imports electron', () => {
  const cli = join(root, 'electron', 'cli.ts');
  try { statSync(cli); } catch { return; }
  assert.deepEqual(importsOf(cli).filter(isElectron), []);
});

test('shared/ and renderer/ import neither node nor electron', () => {
  const bad = (s: string) => isNode(s) || isElectron(s);
  assert.deepEqual(violations('shared', bad), []);
  assert.deepEqual(violations('renderer', bad), []);
});
