// Builds the desktop app's Node-side bundles into dist/electron/: main.js (ESM), preload.cjs (ONE
// CommonJS file: a sandboxed preload can require only `electron` and a few builtins), and each
// worker-thread entry as its own file. Workers are found where the code spawns them — the pattern
// `new URL('./x.ts', import.meta.url)` — and those URLs are rewritten to the bundled `./x.mjs`, so
// the engine's source stays runnable unbundled by Node (serve, CLI, tests).
import { build, type Plugin } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const DEFAULT_OUT = join(root, 'dist', 'electron');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; productName?: string; version: string; description?: string };

const WORKER_URL = /new URL\((['"])(\.{1,2}\/[^'"]+?)\.ts\1,\s*import\.meta\.url\)/g;

/** Rewrites worker URLs to bundled names and records the worker sources it saw. */
function workerUrls(found: Map<string, string>): Plugin {
  return {
    name: 'worker-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const contents = text.replace(WORKER_URL, (_m, q: string, rel: string) => {
          const source = resolve(dirname(args.path), `${rel}.ts`);
          const name = basename(rel);
          const prior = found.get(name);
          if (prior && prior !== source) throw new Error(`two workers bundle to ${name}.js: ${prior} and ${source}`);
          found.set(name, source);
          // Packaged, workers load from app.asar.unpacked (electron-builder.yml): a worker thread
          // is not guaranteed to read its script out of the asar archive. `.mjs`: ESM whatever
          // package.json is (or is not) beside the unpacked file.
          return `new URL(${q}./${name}.mjs${q}, import.meta.url.replace('/app.asar/', '/app.asar.unpacked/'))`;
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * The preload needs only the contract's method names, not zod and the schemas (most of a megabyte
 * parsed on every window load). They are taken from the real contract at build time, so they
 * cannot drift from it.
 */
async function contractNamesOnly(): Promise<Plugin> {
  const { METHODS } = await import('../shared/contract.ts');
  const contents = `export const METHODS = ${JSON.stringify(METHODS)};
export function isMethod(name) { return typeof name === 'string' && METHODS.includes(name); }
`;
  return {
    name: 'contract-names-only',
    setup(b) {
      b.onResolve({ filter: /[\\/]shared[\\/]contract\.ts$|^\.\.\/\.\.\/shared\/contract\.ts$/ }, (args) => ({ path: resolve(args.resolveDir, args.path), namespace: 'contract-names' }));
      b.onLoad({ filter: /.*/, namespace: 'contract-names' }, () => ({ contents, loader: 'js' }));
    },
  };
}

// ESM bundles that inline CommonJS packages (papaparse, yauzl) need a require.
const esmRequire = "import { createRequire as __avRequire } from 'node:module'; const require = __avRequire(import.meta.url);";

async function buildNode(out: string, entries: Record<string, string>, found: Map<string, string>, ext: '.js' | '.mjs'): Promise<void> {
  await build({
    entryPoints: entries, outdir: out, outExtension: { '.js': ext }, bundle: true, platform: 'node', format: 'esm', target: 'node22',
    external: ['electron', 'better-sqlite3'], banner: { js: esmRequire }, plugins: [workerUrls(found)],
    sourcemap: 'linked', logLevel: 'warning', legalComments: 'none',
  });
}

/** Builds into `out` (inside the repo, so the bundles resolve better-sqlite3 from its node_modules). */
export async function buildElectron(out = DEFAULT_OUT): Promise<string[]> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const found = new Map<string, string>();
  await buildNode(out, { main: join(root, 'electron', 'main', 'main.ts') }, found, '.js');
  // Workers may spawn workers (an import's parse pool): build until no new entry appears.
  const built = new Set<string>();
  for (let pending = [...found.keys()]; pending.length > 0; pending = [...found.keys()].filter((n) => !built.has(n))) {
    for (const n of pending) built.add(n);
    await buildNode(out, Object.fromEntries(pending.map((n) => [n, found.get(n)!])), found, '.mjs');
  }
  await build({
    entryPoints: { preload: join(root, 'electron', 'preload', 'preload.ts') }, outdir: out, outExtension: { '.js': '.cjs' },
    bundle: true, platform: 'browser', format: 'cjs', target: 'chrome130', external: ['electron'], logLevel: 'warning', legalComments: 'none',
    plugins: [await contractNamesOnly()],
  });
  // Lets `electron dist/electron` run in development with the right name, version and module type.
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name: pkg.name, productName: pkg.productName ?? pkg.name, version: pkg.version, description: pkg.description, type: 'module', main: 'main.js' }, null, 2)}\n`);
  return ['main.js', 'preload.cjs', ...[...built].map((n) => `${n}.mjs`)];
}

if (import.meta.main) {
  buildElectron().then(
    (files) => process.stderr.write(`built dist/electron: ${files.join(', ')}\n`),
    (e: unknown) => { process.stderr.write(`build failed: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 1; },
  );
}
