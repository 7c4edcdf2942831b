// Owns the container part of the hostile corpus (issue 7 §2): truncated gzip, gzip and zip bombs
// (one huge member, and the overlapping-entries bomb that stays under every per-member limit), zip
// members named `../…` or absolutely, a zip inside a zip, and a file that grows or shrinks while it
// is read. Bombs run through the CLI in a child process so time and peak memory are its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync, truncateSync, appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../../helpers/tmp.ts';
import { checkCase, checkRule, cli, figure, importFiles, rejectsOf, tryInput, withCase, writeText } from './harness.ts';
import { addInput } from './figures.ts';
import { jsonl, rec } from './corpus.ts';
import { deflatedMember, deflateRepeated, gzipRepeated, overlappingZip, storedMember, zipOf } from './bombs.ts';

const dir = tempDir('av-hostile-containers-');
const MiB = 1024 * 1024;
let cases = 0;
const newCase = () => join(dir, `case-${++cases}.sqlite`);

interface CliSource { path: string; status: string; message?: string; records: number; imported: number; duplicates: number; rejected: number }

function importCli(casePath: string, paths: string[], cwd?: string): { sources: CliSource[]; peak: number; ms: number } {
  const r = cli(['import', '--case', casePath, '--json', '--stats', ...paths], { timeoutMs: 90_000, ...(cwd ? { cwd } : {}) });
  assert.equal(r.signal, null, `killed: ${r.signal}; ${r.err}`);
  assert.equal(r.code, 0, r.err);
  const out = JSON.parse(r.out) as { sources: CliSource[]; stats: { peakRssBytes: number; elapsedMs: number } };
  return { sources: out.sources, peak: out.stats.peakRssBytes, ms: out.stats.elapsedMs };
}

const records = (from: number, n: number) => Array.from({ length: n }, (_, i) => rec(from + i));

test('a truncated gzip: the records before the cut are imported, the cut is one reject saying the file is truncated', { timeout: 60_000 }, async () => {
  const casePath = newCase();
  const lines = gzipSync(jsonl(records(1000, 3000)));
  const doc = gzipSync(`{"Records": [\n${records(5000, 3000).map((r) => `  ${JSON.stringify(r, null, 1)}`).join(',\n')}\n]}\n`);
  const paths = [writeText(dir, 'cut.jsonl.gz', lines.subarray(0, Math.floor(lines.length * 0.6))), writeText(dir, 'cut.json.gz', doc.subarray(0, Math.floor(doc.length * 0.5)))];
  const r = await tryInput('truncated gzip (JSON Lines, pretty JSON document)', casePath, paths, null);
  for (const s of r.sources) {
    assert.equal(s.status, 'complete');
    assert.ok(s.imported > 500 && s.imported < 3000, `${s.path}: ${s.imported} imported before the cut`);
    const rej = rejectsOf(casePath, s.sourceId);
    assert.equal(rej.length, 1);
    assert.equal(rej[0]!.reason, 'gzip data ends early: the file is truncated');
    assert.equal(rej[0]!.record_no, s.records, 'the cut is the last record');
    withCase(casePath, (db) => {
      const nos = db.prepare('SELECT record_no FROM events WHERE source_id = ? ORDER BY record_no').pluck().all(Number(s.sourceId)) as number[];
      assert.deepEqual(nos, Array.from({ length: s.imported }, (_, i) => i + 1), 'everything before the cut, in order');
    });
  }
});

test('gzip bombs are refused with a reason, in bounded time and memory', { timeout: 90_000 }, async () => {
  const casePath = newCase();
  // 1 GiB of one JSON string (1 MB on disk), and 1 GiB of zeros.
  const jsonBomb = writeText(dir, 'bomb-json.gz', gzipRepeated(Buffer.alloc(64 * MiB, 'x'), 16, Buffer.from('{"id":"bomb","blob":"')));
  const zeroBomb = writeText(dir, 'bomb-zeros.gz', gzipRepeated(Buffer.alloc(64 * MiB), 16));
  const { sources, peak, ms } = importCli(casePath, [jsonBomb, zeroBomb]);
  const [j, z] = sources;
  assert.equal(j!.status, 'complete');
  assert.deepEqual([j!.records, j!.imported, j!.rejected], [1, 0, 1]);
  const reason = rejectsOf(casePath, '1')[0]!.reason;
  assert.match(reason, /decompression bomb/);
  assert.equal(z!.status, 'skipped');
  assert.match(z!.message!, /binary data/);
  checkCase(casePath);
  addInput({ input: 'gzip bomb: 1 GiB JSON string in 1 MB', outcome: 'refused', recordsIn: null, recordsOut: j!.records, imported: 0, duplicates: 0, rejected: 1, reason: `${reason}; ${(ms / 1000).toFixed(1)} s, peak RSS ${Math.round(peak / MiB)} MiB` });
  addInput({ input: 'gzip bomb: 1 GiB of zeros', outcome: 'skipped', recordsIn: null, recordsOut: null, imported: 0, duplicates: 0, rejected: 0, reason: z!.message! });
  assert.ok(ms < 30_000, `took ${ms} ms`);
  assert.ok(peak < 600 * MiB, `peak RSS ${Math.round(peak / MiB)} MiB`);
});

test('zip bombs (one 1 GiB member; 1,000 entries overlapping one 48 MiB stream) are refused, bounded', { timeout: 90_000 }, async () => {
  const casePath = newCase();
  const oneBody = deflateRepeated(Buffer.from('{"id":"zip-bomb","blob":"'), Buffer.alloc(MiB, 'x'), 1024, Buffer.from('"}\n'));
  const one = writeText(dir, 'bomb-one.zip', zipOf([{ name: 'bomb.json', method: 8, ...oneBody }]));
  // Each entry alone is under the per-member grace (64 MiB), so only an archive-wide bound stops it:
  // without one, this 50 KB file would be read as 48 GB.
  const unit = deflateRepeated(Buffer.from('{"blob":"'), Buffer.alloc(MiB, 'y'), 48, Buffer.alloc(0));
  const overlapping = writeText(dir, 'bomb-overlap.zip', overlappingZip({ name: 'o.json', method: 8, ...unit }, 1000));
  const { sources, peak, ms } = importCli(casePath, [one, overlapping]);
  const member = sources.find((s) => s.path.endsWith('bomb-one.zip!bomb.json'))!;
  assert.equal(member.status, 'complete');
  assert.deepEqual([member.records, member.imported, member.rejected], [1, 0, 1]);
  const overlap = sources.filter((s) => s.path.includes('bomb-overlap.zip!'));
  assert.equal(overlap.length, 1000, 'every entry is listed');
  const skipped = overlap.filter((s) => s.status === 'skipped');
  assert.ok(skipped.length >= 990, `${skipped.length} entries refused without being read`);
  for (const s of skipped) assert.match(s.message!, /zip bomb/);
  checkCase(casePath);
  const memberReason = rejectsOf(casePath, withCase(casePath, (db) => String(db.prepare("SELECT id FROM sources WHERE path LIKE '%bomb-one.zip!bomb.json'").pluck().get())))[0]!.reason;
  assert.match(memberReason, /bomb/);
  const read = overlap.filter((s) => s.status === 'complete');
  // The first entry is read whole (48 MiB: an unterminated string, so one reject); the next one
  // runs into the archive's budget mid-stream; every later entry is refused unread.
  const overlapReasons = withCase(casePath, (db) => db.prepare("SELECT reason FROM rejects r JOIN sources s ON s.id = r.source_id WHERE s.path LIKE '%bomb-overlap.zip!%'").pluck().all() as string[]);
  assert.ok(overlapReasons.some((r) => /zip bomb/.test(r)), overlapReasons.join('; '));
  addInput({ input: 'zip bomb: one member, 1 GiB in 1 MB', outcome: 'refused', recordsIn: null, recordsOut: member.records, imported: 0, duplicates: 0, rejected: member.rejected, reason: memberReason });
  addInput({ input: 'zip bomb: 1,000 entries overlapping one 48 MiB stream', outcome: `${read.length} read, ${skipped.length} refused`, recordsIn: null, recordsOut: read.reduce((n, s) => n + s.records, 0), imported: 0, duplicates: 0, rejected: read.reduce((n, s) => n + s.rejected, 0), reason: `${skipped[0]!.message}; ${(ms / 1000).toFixed(1)} s, peak RSS ${Math.round(peak / MiB)} MiB` });
  assert.ok(ms < 45_000, `took ${ms} ms`);
  assert.ok(peak < 700 * MiB, `peak RSS ${Math.round(peak / MiB)} MiB`);
});

/** Every file and folder under `root` (relative paths), for before/after comparisons. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      out.push(join(rel, name));
      if (statSync(p).isDirectory()) walk(p, join(rel, name));
    }
  };
  walk(root, '');
  return out.sort();
}

test('zip members named ../… or with absolute paths are labels only: nothing is written outside (or anywhere)', { timeout: 60_000 }, async () => {
  const root = join(dir, 'traversal');
  const cwd = join(root, 'a', 'b', 'work');
  mkdirSync(cwd, { recursive: true });
  const marker = `av-escape-${randomBytes(6).toString('hex')}`;
  const names = [
    `../../${marker}-1.jsonl`, `../../../../../../../../tmp/${marker}-2.jsonl`, `/tmp/${marker}-3.jsonl`,
    `..\\..\\${marker}-4.jsonl`, `C:\\Windows\\Temp\\${marker}-5.jsonl`, `a/../../${marker}-6.jsonl`, `./../${marker}-7.jsonl`,
  ];
  const zip = writeText(root, 'evil.zip', zipOf(names.map((n, i) => deflatedMember(n, jsonl([rec(2000 + i)])))));
  const casePath = join(root, 'case.sqlite');
  const before = tree(root);
  const tmpBefore = readdirSync(tmpdir()).filter((f) => f.includes(marker));
  const { sources } = importCli(casePath, [zip], cwd);
  assert.equal(sources.length, names.length);
  sources.forEach((s, i) => {
    assert.equal(s.status, 'complete', `${s.path}: ${s.message}`);
    assert.equal(s.imported, 1);
    assert.equal(s.path, `${zip}!${names[i]}`, 'the member name is shown as written, as a label');
  });
  const added = tree(root).filter((f) => !before.includes(f));
  assert.deepEqual(added.filter((f) => !/^case\.sqlite(-wal|-shm)?$/.test(f)), [], 'nothing new beside the case');
  assert.deepEqual(readdirSync(cwd), [], 'nothing in the working directory');
  assert.deepEqual(readdirSync(tmpdir()).filter((f) => f.includes(marker)), tmpBefore, 'nothing in /tmp');
  for (let i = 1; i <= names.length; i++) assert.equal(existsSync(`/tmp/${marker}-${i}.jsonl`), false);
  checkCase(casePath);
  addInput({ input: 'zip members named ../…, /abs, ..\\, C:\\ (7 kinds)', outcome: 'complete', recordsIn: names.length, recordsOut: sources.reduce((n, s) => n + s.records, 0), imported: sources.reduce((n, s) => n + s.imported, 0), duplicates: 0, rejected: 0, reason: 'names kept as labels; 0 files written outside the case' });
});

test('a zip inside a zip is expanded one level; a third level is listed with a reason', { timeout: 60_000 }, async () => {
  const casePath = newCase();
  const deepest = zipOf([deflatedMember('deepest.jsonl', jsonl([rec(3000)]))]);
  const inner2 = zipOf([storedMember('deeper.zip', deepest), deflatedMember('level2b.jsonl', jsonl([rec(3001)]))]);
  const inner = zipOf([
    deflatedMember('a.jsonl', jsonl(records(3010, 3))),
    storedMember('b.jsonl.gz', gzipSync(jsonl(records(3020, 2)))),
  ]);
  const outer = writeText(dir, 'outer.zip', zipOf([
    storedMember('inner.zip', inner), deflatedMember('inner2.zip', inner2), deflatedMember('top.jsonl', jsonl([rec(3030)])),
  ]));
  const r = await tryInput('zip inside a zip (+ a third level)', casePath, [outer], 3 + 2 + 1 + 1);
  const byName = Object.fromEntries(r.sources.map((s) => [s.path.slice(outer.length), s]));
  assert.deepEqual(Object.keys(byName).sort(), ['!inner.zip!a.jsonl', '!inner.zip!b.jsonl.gz', '!inner2.zip!deeper.zip', '!inner2.zip!level2b.jsonl', '!top.jsonl'].sort());
  assert.equal(byName['!inner.zip!a.jsonl']!.imported, 3);
  assert.equal(byName['!inner.zip!b.jsonl.gz']!.imported, 2);
  assert.equal(byName['!inner2.zip!deeper.zip']!.status, 'skipped');
  assert.match(byName['!inner2.zip!deeper.zip']!.message!, /nested more than one level/);
  withCase(casePath, (db) => {
    const zips = db.prepare("SELECT sum(records) AS records, sum(imported) AS imported FROM sources WHERE container = 'zip' AND parent_id IS NULL").get();
    assert.deepEqual(zips, { records: 7, imported: 7 }, 'the root zip row sums every member at any depth');
  });
});

// A zip nested in a zip is a child row of the outer zip (no file hash of its own), and every zip row
// counts the members below it at any depth.
test('the outer zip\'s row counts every record of the archive and no nested zip borrows its hash', {
  timeout: 60_000,
}, async () => {
  const casePath = newCase();
  const inner = zipOf([deflatedMember('a.jsonl', jsonl(records(3100, 6)))]);
  const outer = writeText(dir, 'outer-counts.zip', zipOf([storedMember('inner.zip', inner), deflatedMember('top.jsonl', jsonl([rec(3110)]))]));
  await importFiles(casePath, [outer]);
  withCase(casePath, (db) => {
    const rows = db.prepare("SELECT path, parent_id, records, sha256 FROM sources WHERE container = 'zip' ORDER BY id").all() as { path: string; parent_id: number | null; records: number; sha256: string }[];
    const top = rows.filter((r) => r.parent_id === null);
    assert.equal(top.length, 1, 'one root row for the one file on disk');
    assert.equal(top[0]!.path, outer);
    assert.equal(top[0]!.records, 7);
    for (const r of rows.filter((x) => x.parent_id !== null)) assert.notEqual(r.sha256, top[0]!.sha256);
  });
});

test('a file that grows while it is read: the rule holds and the appended records are read', { timeout: 60_000 }, async () => {
  const casePath = newCase();
  const path = writeText(dir, 'growing.jsonl', jsonl(records(10_000, 30_000)));
  let appended = false;
  const result = await importFiles(casePath, [path], {
    onProgress: (p) => {
      if (appended || p.records === 0) return;
      appended = true;
      appendFileSync(path, jsonl(records(80_000, 1000)));
    },
  });
  assert.ok(appended, 'the file changed during the import');
  checkRule(casePath, result);
  checkCase(casePath);
  const s = result.sources[0]!;
  assert.equal(s.status, 'complete');
  assert.equal(s.records, 31_000, 'the records appended before the end was reached are read too');
  assert.equal(s.imported, 31_000);
  figure('file appended to while being read (30k + 1k records)', casePath, result, 31_000);
});

test('a file that shrinks while it is read: what was read is kept; the loss is a reject saying the file shrank', { timeout: 60_000 }, async () => {
  const casePath = newCase();
  const text = jsonl(records(100_000, 30_000));
  const path = writeText(dir, 'shrinking.jsonl', text);
  const cut = Math.floor(text.length / 2);
  const wholeLines = text.slice(0, cut).split('\n').length - 1;
  let truncated = false;
  const result = await importFiles(casePath, [path], {
    onProgress: (p) => {
      if (truncated || p.records === 0) return;
      truncated = true;
      truncateSync(path, cut); // mid-record
    },
  });
  assert.ok(truncated);
  checkRule(casePath, result);
  checkCase(casePath);
  const s = result.sources[0]!;
  assert.equal(s.imported, wholeLines, 'every whole record before the cut');
  assert.equal(s.rejected, 1);
  const rej = rejectsOf(casePath, s.sourceId)[0]!;
  assert.match(rej.reason, /^the file shrank while it was being read: it had \d+ bytes when the import started and ended after \d+/);
  assert.equal(rej.text, text.slice(0, cut).split('\n').at(-1), 'the cut record keeps its partial text');
  figure('file truncated while being read (30k records, cut at half)', casePath, result, null);
});
