// Launch arguments → a case to open and archives to import, for first launches, second launches
// handed over by the single-instance lock, and development runs with Chromium switches in argv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCaseFile, parseLaunchArgs } from '../../../electron/main/launchArgs.ts';

test('a case file and archives, relative to the launch folder', () => {
  assert.deepEqual(parseLaunchArgs(['cases/a.avcase', 'okta.json', '/abs/logs.zip'], '/home/u'), {
    casePath: '/home/u/cases/a.avcase', archives: ['/home/u/okta.json', '/abs/logs.zip'], userData: null,
  });
});

test('--case and --user-data, with a value or with =', () => {
  assert.deepEqual(parseLaunchArgs(['--case', 'x.db', '--user-data=/tmp/p', 'a.log'], '/w'), { casePath: '/w/x.db', archives: ['/w/a.log'], userData: '/tmp/p' });
  assert.deepEqual(parseLaunchArgs(['--case=/c/y.sqlite'], '/w').casePath, '/c/y.sqlite');
  assert.deepEqual(parseLaunchArgs(['--case'], '/w'), { casePath: null, archives: [], userData: null }, 'a flag without its value is ignored');
});

test('Chromium/Node switches and the app’s own paths are ignored', () => {
  const r = parseLaunchArgs(['--inspect=0', '--remote-debugging-port=0', '/app/dist/electron/main.js', '--original-process-start-time=123', '-psn_0_1', '/app/dist/electron', 'c.avcase'],
    '/home/u', ['/app/dist/electron', '/app/dist/electron/main.js']);
  assert.deepEqual(r, { casePath: '/home/u/c.avcase', archives: [], userData: null });
});

test('case files are .avcase or .sqlite, any case', () => {
  assert.ok(isCaseFile('/x/A.AVCASE'));
  assert.ok(isCaseFile('b.sqlite'));
  assert.ok(!isCaseFile('c.sqlite.gz'));
  assert.ok(!isCaseFile('d.json'));
});
