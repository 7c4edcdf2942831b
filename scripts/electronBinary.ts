// Where the Electron binary is, or why there is none. The `electron` npm package is installed for
// its types; its binary is fetched separately (install-electron, from GitHub) and cannot be on
// machines without that access. Used by `npm start` and the Electron smoke suite, which must say
// plainly that it did not run rather than pass.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

export type ElectronBinary = { path: string; reason: null } | { path: null; reason: string };

export function findElectronBinary(): ElectronBinary {
  const explicit = process.env['ELECTRON_BINARY'];
  if (explicit) return existsSync(explicit) ? { path: explicit, reason: null } : { path: null, reason: `ELECTRON_BINARY=${explicit} does not exist` };
  const pkg = join(REPO_ROOT, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { path: null, reason: 'the electron package is not installed (npm install)' };
  let rel: string;
  try {
    rel = readFileSync(join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    return { path: null, reason: 'node_modules/electron holds no downloaded binary; run `npx install-electron` where GitHub is reachable, or set ELECTRON_BINARY' };
  }
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(pkg, 'dist');
  const full = join(dist, rel);
  return existsSync(full) ? { path: full, reason: null } : { path: null, reason: `${full} is missing; run \`npx install-electron\`` };
}
