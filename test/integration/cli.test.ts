// The CLI as scripts use it: one JSON object on stdout with --json, clear messages and non-zero
// exits for bad arguments, unknown formats, unreadable files and query syntax errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corporaDir, repoRoot, tempDir } from '../helpers/tmp.ts';
import { writeEvents } from '../../bench/generate.ts';

const dir = tempDir();
const casePath = join(dir, 'cli.sqlite');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('import --json prints one object listing every source with format, hash and reconciling counts', () => {
  const r = cli('import', '--case', casePath, join(corporaDir, 'okta'), join(corporaDir, 'slack-audit'), '--json');
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.deepEqual(Object.keys(out), ['sources']);
  assert.equal(out.sources.length, 2);
  for (const s of out.sources) {
    assert.match(s.sha256, /^[0-9a-f]{64}$/);
    assert.equal(s.records, s.imported + s.duplicates + s.rejected);
  }
  assert.deepEqual(out.sources.map((s: { format: string }) => s.format).sort(), ['okta', 'slack-audit']);
});

test('info and search --json', () => {
  const info = JSON.parse(cli('info', '--case', casePath, '--json').out);
  assert.equal(info.totals.events, 18);
  const r = cli('search', '--case', casePath, '--query', 'system:slack', '--limit', '2', '--json');
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out);
  assert.equal(out.total, 4);
  assert.equal(out.events.length, 2);
  for (const e of out.events) {
    assert.equal(typeof e.sourceEventId, 'string');
    assert.equal(typeof e.raw, 'string');
    assert.equal(e.system, 'slack');
  }
});

test('export writes the file and its manifest and prints the manifest path', () => {
  const out = join(dir, 'x.csv');
  const r = cli('export', '--case', casePath, '--query', 'system:okta', '--out', out);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trim(), `${out}.manifest.json`);
  assert.ok(statSync(out).size > 0);
  assert.equal(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8')).rows, 14);
});

test('a query syntax error says where, and exits non-zero', () => {
  const r = cli('search', '--case', casePath, '--query', 'actor:');
  assert.notEqual(r.code, 0);
  assert.match(r.err, /actor/);
  assert.match(r.err, /column/);
});

test('bad arguments, an unknown format and a missing file: clear messages, non-zero exits, the case intact', () => {
  const before = readFileSync(casePath).length;
  const noCase = cli('import', join(corporaDir, 'okta'));
  assert.equal(noCase.code, 2);
  assert.match(noCase.err, /--case FILE is required/);
  const badFormat = cli('import', '--case', casePath, '--format', 'nope', join(corporaDir, 'okta'));
  assert.equal(badFormat.code, 2);
  assert.match(badFormat.err, /Unknown format "nope"/);
  const missing = cli('import', '--case', casePath, join(dir, 'does-not-exist.json'));
  assert.notEqual(missing.code, 0);
  assert.match(missing.err, /does-not-exist\.json/);
  const unknownCmd = cli('frobnicate');
  assert.equal(unknownCmd.code, 2);
  assert.equal(JSON.parse(cli('info', '--case', casePath, '--json').out).totals.events, 18);
  assert.ok(readFileSync(casePath).length >= before);
  assert.ok(!existsSync(join(dir, 'does-not-exist.json')));
});

test('Ctrl+C during an export: exit 130, "cancelled", and nothing left in the target folder', async () => {
  const big = join(dir, 'big.sqlite');
  const archive = join(dir, 'ct100k.jsonl');
  await writeEvents({ format: 'cloudtrail', events: 100_000, seed: 4 }, archive);
  assert.equal(cli('import', '--case', big, archive).code, 0);
  const outDir = join(dir, 'interrupted');
  mkdirSync(outDir);
  const child = spawn(process.execPath, [join(repoRoot, 'electron/cli.ts'), 'export', '--case', big, '--out', join(outDir, 'all.csv')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let signalled = false;
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
    // Part-way: the first progress report, well before 100,000 rows.
    if (!signalled && /Exporting: \d+ of 100000 rows/.test(err)) { signalled = true; child.kill('SIGINT'); }
  });
  const [code] = await once(child, 'exit') as [number | null];
  assert.ok(signalled, `progress was reported: ${err}`);
  assert.equal(code, 130, err);
  assert.match(err, /Export cancelled: no file was written\./);
  assert.deepEqual(readdirSync(outDir), [], 'no data file, no partial, no manifest');
});
