// Launch arguments → a case to open and archives to import, for first launches, second launches
// handed over by the single-instance lock, and development runs with Chromium switches in argv; and
// files macOS opens through 'open-file' (a Finder double-click), also before the app is ready.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCaseFile, parseLaunchArgs, withOpenedFiles, type LaunchRequest } from '../../../electron/main/launchArgs.ts';

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

const bare: LaunchRequest = { casePath: null, archives: [], userData: null };

test('macOS cold start: a case double-clicked before the app was ready is the case that opens', () => {
  // Finder launches the app with no arguments and hands the file over through 'open-file'.
  const r = withOpenedFiles(parseLaunchArgs([], '/'), ['/Users/ana/Cases/acme.avcase']);
  assert.deepEqual(r, { casePath: '/Users/ana/Cases/acme.avcase', archives: [], userData: null });
});

test('opened files: the case replaces the command line’s, the rest are archives to import into it', () => {
  const launch = parseLaunchArgs(['--user-data', '/p', 'old.avcase', 'a.json'], '/w');
  assert.deepEqual(withOpenedFiles(launch, ['/d/okta.ndjson', '/d/new.SQLITE', '/d/trail.zip']), {
    casePath: '/d/new.SQLITE', archives: ['/w/a.json', '/d/okta.ndjson', '/d/trail.zip'], userData: '/p',
  });
});

test('opened files: the last of several cases wins (one window shows one case); none keeps the command line’s', () => {
  assert.equal(withOpenedFiles(bare, ['/c/one.avcase', '/c/two.avcase']).casePath, '/c/two.avcase');
  const launch = { casePath: '/c/given.avcase', archives: [], userData: null };
  assert.deepEqual(withOpenedFiles(launch, ['/logs/x.csv']), { casePath: '/c/given.avcase', archives: ['/logs/x.csv'], userData: null });
  assert.deepEqual(withOpenedFiles(launch, []), launch);
});

test('a file opened while the app runs is a case to switch to or an archive to import', () => {
  assert.deepEqual(withOpenedFiles(bare, ['/c/x.avcase']), { casePath: '/c/x.avcase', archives: [], userData: null });
  assert.deepEqual(withOpenedFiles(bare, ['/l/y.json.gz']), { casePath: null, archives: ['/l/y.json.gz'], userData: null });
});
