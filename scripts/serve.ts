// `npm run serve -- --case FILE [ARCHIVE…]`: builds the renderer when it has never been built
// (its output sent to stderr, so stdout still carries only the READY line), then runs `serve`.
// After changing the renderer, rebuild it with `npm run build:renderer`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { serveCommand } from '../electron/engine/hosts/serveCommand.ts';
import { rendererBuilt } from '../electron/engine/hosts/staticFiles.ts';
import { REPO_ROOT } from './electronBinary.ts';

if (!rendererBuilt(join(REPO_ROOT, 'dist', 'renderer'))) {
  process.stderr.write('serve: building the renderer first (npm run build:renderer)…\n');
  spawnSync('npm', ['run', '-s', 'build:renderer'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
}
process.exitCode = await serveCommand(process.argv.slice(2));
