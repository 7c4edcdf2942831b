// `npm start`: builds the renderer and the Electron bundles, fetches the Electron binary on first
// start (install-electron), and runs the desktop app with any arguments given (a case, archives).
// Where the binary cannot be had (no access to GitHub), it says so and points to serve mode.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildElectron } from './buildElectron.ts';
import { REPO_ROOT, findElectronBinary } from './electronBinary.ts';

const say = (s: string) => process.stderr.write(`${s}\n`);

const renderer = spawnSync('npm', ['run', '-s', 'build:renderer'], { cwd: REPO_ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
if (renderer.status !== 0) say('npm start: the renderer build failed; the window will say it is not built.');
await buildElectron();

let bin = findElectronBinary();
if (!bin.path && !process.env['ELECTRON_BINARY']) {
  say('npm start: no Electron binary yet; fetching it with install-electron…');
  const fetched = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'electron', 'install.js')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 300_000 });
  if (fetched.status !== 0) say(`npm start: install-electron failed: ${(fetched.stderr || fetched.error?.message || '').split('\n')[0]}`);
  bin = findElectronBinary();
}
if (!bin.path) {
  say(`
Audit Viewer cannot start the desktop app on this machine: no Electron binary (${bin.reason}).

The same review workspace runs in a browser instead:
  npm run serve -- --case /path/to/case.avcase [ARCHIVE…]
then open the URL it prints (READY http://127.0.0.1:…/#token=…).
`);
  process.exit(1);
}

const child = spawn(bin.path, [join(REPO_ROOT, 'dist', 'electron'), ...process.argv.slice(2)], { cwd: process.cwd(), stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
