// What serve and `npm start` tell a person when the launch is not the ordinary one: serving on an
// interface other than loopback warns before anything listens, loopback does not; `npm start` on a
// machine without an Electron binary says so plainly, names the reason, points to serve mode and
// exits non-zero (never a stack trace, never silence).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../../helpers/tmp.ts';
import { SERVE_ENTRY, startServe } from './serveProcess.ts';

const dir = tempDir('av-launch-');

test('serve --host on an address other than loopback warns that other machines can reach it', () => {
  // 192.0.2.1 (TEST-NET-1) is never this machine's: the warning comes first, then binding fails,
  // so nothing is ever exposed by this test.
  const r = spawnSync(process.execPath, [SERVE_ENTRY, '--case', join(dir, 'exposed.sqlite'), '--host', '192.0.2.1'], { encoding: 'utf8', timeout: 30_000 });
  assert.match(r.stderr, /\*\*\* WARNING: serving on 192\.0\.2\.1, not loopback\. Other machines on that network can reach this server\./);
  assert.match(r.stderr, /Anyone who learns the printed URL can read every event in .*exposed\.sqlite/);
  assert.match(r.stderr, /cannot listen on 192\.0\.2\.1/);
  assert.notEqual(r.status, 0);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(r.stdout, '', 'no READY line');
});

test('serve on loopback (the default, or --host 127.0.0.1) gives no warning', async () => {
  for (const args of [[], ['--host', '127.0.0.1']]) {
    const s = await startServe(['--case', join(dir, 'loopback.sqlite'), ...args]);
    try {
      assert.doesNotMatch(s.stderr(), /WARNING/);
    } finally {
      // SIGTERM the moment READY is read: serve listens for it before printing READY, so it still
      // closes cleanly (it once died of the signal here: exit code null).
      assert.equal(await s.stop(), 0);
    }
  }
});

test('npm start without an Electron binary says why, points to serve mode, and exits 1', () => {
  const missing = join(dir, 'no-such-electron');
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'start.ts')], {
    cwd: repoRoot, encoding: 'utf8', timeout: 240_000, env: { ...process.env, ELECTRON_BINARY: missing },
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`Audit Viewer cannot start the desktop app on this machine: no Electron binary \\(ELECTRON_BINARY=${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist\\)`));
  assert.match(r.stderr, /npm run serve -- --case \/path\/to\/case\.avcase/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});
