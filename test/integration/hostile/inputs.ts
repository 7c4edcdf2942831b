// Owns the record-level part of the hostile corpus (issue 7 §2): broken JSON, odd encodings and line
// ends, deep nesting, duplicate keys, big numbers, epochs and absurd times, empty and header-only
// files, broken CSV, payloads in every field, invisible characters and very wide records. Each test
// writes its input, imports it through runImport into its own case, and holds the rule of §1
// (tryInput) plus what that input specifically must keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { getEvent, countEvents } from '../../../electron/engine/query/index.ts';
import { runExport } from '../../../electron/engine/export/index.ts';
import { compactJson } from '../../../electron/engine/export/cells.ts';
import { EXPORT_COLUMNS, requestSchemas } from '../../../shared/contract.ts';
import { tempDir } from '../../helpers/tmp.ts';
import { rejectsOf, tryInput, withCase, withCaseAsync, writeText } from './harness.ts';
import { eventIdOf, FORMULA_PAYLOADS, INVISIBLE, jsonl, MARKUP_PAYLOADS, rec } from './corpus.ts';

const T = { timeout: 60_000 };
const dir = tempDir('av-hostile-inputs-');
let cases = 0;
const newCase = () => join(dir, `case-${++cases}.sqlite`);
const count = (casePath: string, query: string) => withCase(casePath, (db) => countEvents(db, { query } as never).total);

test('truncated JSON lines are rejected one by one with their text; the rest imports', T, async () => {
  const casePath = newCase();
  const cut = '{"id":"cut-1","timestamp":"2024-01-01T00:00:00Z","action":"x","desc';
  const lastCut = '{"id":"cut-2","times';
  const path = writeText(dir, 'truncated.jsonl', `${jsonl([rec(1), rec(2), rec(3), cut, rec(4)])}${lastCut}`);
  const r = await tryInput('JSON Lines: truncated lines (mid-file and at EOF)', casePath, [path], 6);
  const src = r.sources[0]!;
  assert.equal(src.imported, 4);
  assert.equal(src.rejected, 2);
  const rejects = rejectsOf(casePath, src.sourceId);
  assert.deepEqual(rejects.map((x) => [x.record_no, x.line, x.text]), [[4, 4, cut], [6, 6, lastCut]]);
  for (const x of rejects) assert.match(x.reason, /not valid JSON/);
});

test('JSON values that are not objects are rejects naming what they are', T, async () => {
  const casePath = newCase();
  const odd = ['42', '"just a string"', 'null', 'true', '[1,2,3]', '[]', '-0.5e3'];
  const lines = writeText(dir, 'scalars.jsonl', jsonl([rec(10), ...odd, rec(11)]));
  const doc = writeText(dir, 'scalars.json', `[${JSON.stringify(rec(12))}, 7, "s", null, false, [${JSON.stringify(rec(13))}], ${JSON.stringify(rec(14))}]`);
  const r = await tryInput('JSON values that are not objects (lines and array elements)', casePath, [lines, doc], 9 + 7);
  const [a, b] = r.sources;
  assert.equal(a!.imported, 2);
  assert.deepEqual(rejectsOf(casePath, a!.sourceId).map((x) => [x.text, x.reason]), [
    ['42', 'the record is a JSON number, not an object'],
    ['"just a string"', 'the record is a JSON string, not an object'],
    ['null', 'the record is a JSON null, not an object'],
    ['true', 'the record is a JSON boolean, not an object'],
    ['[1,2,3]', 'the record is a JSON array, not an object'],
    ['[]', 'the record is a JSON array, not an object'],
    ['-0.5e3', 'the record is a JSON number, not an object'],
  ]);
  assert.equal(b!.imported, 2);
  assert.equal(b!.rejected, 5);
});

test('invalid UTF-8 rejects only the record holding it, naming the byte (JSON Lines, JSON document, CSV)', T, async () => {
  const casePath = newCase();
  const bad = [
    Buffer.from([0xff, 0xfe]), // never valid
    Buffer.from([0xc0, 0xaf]), // overlong "/"
    Buffer.from([0x80]), // lone continuation
    Buffer.from([0xed, 0xa0, 0x80]), // a UTF-16 surrogate encoded as UTF-8
    Buffer.from([0xe2, 0x82]), // cut sequence
  ];
  const withBad = (i: number, b: Buffer) => Buffer.concat([Buffer.from(`{"id":"u8-${i}","timestamp":"2024-01-01T00:00:0${i}Z","action":"bad`), b, Buffer.from('bytes"}')]);
  const jl = Buffer.concat([Buffer.from(jsonl([rec(20), rec(21)])), ...bad.flatMap((b, i) => [withBad(i, b), Buffer.from('\n')]), Buffer.from(jsonl([rec(22)]))]);
  const doc = Buffer.concat([Buffer.from(`{"Records": [\n  ${JSON.stringify(rec(23))},\n  `), withBad(7, bad[0]!), Buffer.from(`,\n  ${JSON.stringify(rec(24))}\n]}\n`)]);
  const csv = Buffer.concat([Buffer.from('id,timestamp,actor,action\ncsv-1,2024-01-01T00:00:00Z,ann,login\ncsv-2,2024-01-01T00:00:01Z,b'), bad[1]!, Buffer.from('ob,login\ncsv-3,2024-01-01T00:00:02Z,cy,logout\n')]);
  const paths = [writeText(dir, 'bad-utf8.jsonl', jl), writeText(dir, 'bad-utf8.json', doc), writeText(dir, 'bad-utf8.csv', csv)];
  const r = await tryInput('invalid UTF-8 (5 kinds; JSONL, JSON document, CSV)', casePath, paths, 8 + 3 + 3);
  const [a, b, c] = r.sources;
  assert.deepEqual([a!.imported, a!.rejected, b!.imported, b!.rejected, c!.imported, c!.rejected], [3, 5, 2, 1, 2, 1]);
  for (const s of [a!, b!, c!]) for (const x of rejectsOf(casePath, s.sourceId)) {
    assert.match(x.reason, /^invalid UTF-8 at byte \d+$/);
    const at = Number(/\d+$/.exec(x.reason)![0]);
    const file = readFileSync(paths[[a, b, c].indexOf(s)]!);
    assert.ok(at >= x.byte_offset! && file[at]! >= 0x80, 'the named byte is the bad one');
    assert.ok(x.text.includes('\uFFFD'), 'the raw text is kept (bad bytes shown as U+FFFD)');
  }
});

test('UTF-16 with a BOM (LE and BE) imports exactly, astral characters included', T, async () => {
  const casePath = newCase();
  const records = [rec(30, { description: 'naïve café — 日本語 — 🔐🧾' }), rec(31, { actor: 'Ünïcødé 𝔘𝔰𝔢𝔯' }), rec(32)];
  const text = jsonl(records, '\r\n');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const csvText = 'id\tactor\taction\ttimestamp\r\nx-1\tZoë 🦊\tlogin\t2024-02-01T00:00:00Z\r\n';
  const csv = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText, 'utf16le')]);
  const paths = [writeText(dir, 'utf16le.jsonl', le), writeText(dir, 'utf16be.jsonl', be), writeText(dir, 'utf16le.tsv', csv)];
  const r = await tryInput('UTF-16 with BOM (LE, BE; JSONL and TSV)', casePath, paths, 7);
  assert.deepEqual(r.sources.map((s) => [s.imported, s.duplicates, s.rejected]), [[3, 0, 0], [0, 3, 0], [1, 0, 0]]);
  withCase(casePath, (db) => {
    assert.deepEqual(db.prepare('SELECT encoding FROM sources ORDER BY id').pluck().all(), ['utf-16le', 'utf-16be', 'utf-16le']);
    const e = getEvent(db, eventIdOf(db, r.sources[0]!.sourceId!, 1));
    assert.equal(e.raw, JSON.stringify(records[0]));
    assert.equal(e.description, 'naïve café — 日本語 — 🔐🧾');
    assert.equal(getEvent(db, eventIdOf(db, r.sources[2]!.sourceId!, 1)).actor, 'Zoë 🦊');
  });
});

test('mixed CRLF / LF line ends: one record per line, terminators not kept; a lone CR is not a line end', T, async () => {
  const casePath = newCase();
  const a = JSON.stringify(rec(40));
  const b = JSON.stringify(rec(41));
  const content = `${a}\r\n${b}\n\r\n${JSON.stringify(rec(42))}\r\n\n${JSON.stringify(rec(43))}\r${JSON.stringify(rec(44))}\n${JSON.stringify(rec(45))}\r\n`;
  const csv = 'id,action,timestamp\r\nc-1,login,2024-01-01T00:00:00Z\nc-2,logout,2024-01-01T00:00:01Z\r\n"c-3","multi\r\nline",2024-01-01T00:00:02Z\n';
  const paths = [writeText(dir, 'crlf.jsonl', content), writeText(dir, 'crlf.csv', csv)];
  const r = await tryInput('mixed CRLF/LF (JSONL and CSV, lone CR inside a line)', casePath, paths, 5 + 3);
  const [j, c] = r.sources;
  assert.equal(j!.imported, 4);
  assert.equal(j!.rejected, 1, 'the line holding two records joined by a lone CR is one broken record');
  assert.equal(rejectsOf(casePath, j!.sourceId)[0]!.text, `${JSON.stringify(rec(43))}\r${JSON.stringify(rec(44))}`);
  assert.equal(c!.imported, 3);
  withCase(casePath, (db) => {
    assert.equal(getEvent(db, eventIdOf(db, j!.sourceId!, 1)).raw, a);
    assert.equal(getEvent(db, eventIdOf(db, j!.sourceId!, 2)).raw, b);
    assert.equal(getEvent(db, eventIdOf(db, c!.sourceId!, 3)).raw, '"c-3","multi\r\nline",2024-01-01T00:00:02Z');
  });
});

test('JSON nested 100,000 deep: no stack overflow, each record imported or rejected with a reason', T, async () => {
  const casePath = newCase();
  const n = 100_000;
  const deepArray = `{"id":"deep-1","timestamp":"2024-03-01T00:00:00Z","action":"deep.array","payload":${'['.repeat(n)}${']'.repeat(n)}}`;
  const deepObj = (leaf: string) => `${'{"a":'.repeat(n)}${leaf}${'}'.repeat(n)}`;
  const deepChange = `{"id":"deep-2","timestamp":"2024-03-01T00:00:01Z","action":"deep.change","before":${deepObj('1')},"after":${deepObj('2')}}`;
  // A 19-digit id forces the exact-number parse path, which must not recurse either.
  const deepBigId = `{"id":1234567890123456789012,"timestamp":"2024-03-01T00:00:02Z","action":"deep.bigid","payload":${deepObj('12345678901234567890')}}`;
  const deepTop = `${'['.repeat(n)}${']'.repeat(n)}`;
  const unclosed = `{"id":"deep-5","payload":${'['.repeat(n)}`;
  const path = writeText(dir, 'deep.jsonl', jsonl([rec(50), deepArray, deepChange, deepBigId, deepTop, unclosed, rec(51)]));
  const r = await tryInput('JSON nested 100k deep (arrays, objects, in changes, with big ids)', casePath, [path], 7);
  const src = r.sources[0]!;
  assert.equal(src.imported, 5, JSON.stringify(rejectsOf(casePath, src.sourceId).map((x) => x.reason)));
  assert.deepEqual(rejectsOf(casePath, src.sourceId).map((x) => [x.record_no, x.reason.replace(/:.*/, '')]), [
    [5, 'the record is a JSON array, not an object'],
    [6, 'not valid JSON'],
  ]);
  withCase(casePath, (db) => {
    const e = getEvent(db, eventIdOf(db, src.sourceId!, 4));
    assert.equal(e.sourceEventId, '1234567890123456789012', 'a big id stays exact even in a deep record');
    assert.equal(e.raw, deepBigId);
    const c = getEvent(db, eventIdOf(db, src.sourceId!, 3));
    assert.ok(c.changes.length >= 1, 'the deep before/after gives a bounded change list');
    assert.ok(JSON.stringify(c.changes).length < 10_000);
  });
  assert.equal(count(casePath, 'deep'), 3);
  const out = join(dir, 'deep-export.jsonl');
  await withCaseAsync(casePath, (db) => runExport(db, requestSchemas['export.start'].parse({ query: 'action:deep.*', path: out, format: 'jsonl' }), { appVersion: 'test' }));
  assert.deepEqual(readFileSync(out, 'utf8').split('\n').filter(Boolean).sort(), [deepArray, deepChange, deepBigId].map(compactJson).sort());
});

test('duplicate keys: the raw record keeps both, the last one is read; repeated records count as duplicates', T, async () => {
  const casePath = newCase();
  const dup = '{"id":"dk-1","id":"dk-2","timestamp":"2024-04-01T00:00:00Z","action":"first","action":"second","actor":"a","actor":"b"}';
  const path = writeText(dir, 'dupkeys.jsonl', jsonl([dup, rec(60), dup, rec(60)]));
  const again = writeText(dir, 'dupkeys-again.jsonl', jsonl([rec(61), dup]));
  const r = await tryInput('duplicate keys; repeated records in and across files', casePath, [path, again], 6);
  assert.deepEqual(r.sources.map((s) => [s.imported, s.duplicates, s.rejected]), [[2, 2, 0], [1, 1, 0]]);
  withCase(casePath, (db) => {
    const e = getEvent(db, eventIdOf(db, r.sources[0]!.sourceId!, 1));
    assert.equal(e.raw, dup);
    assert.equal(e.sourceEventId, 'dk-2');
    assert.equal(e.action, 'second');
  });
  const out = join(dir, 'dupkeys.jsonl.out');
  await withCaseAsync(casePath, (db) => runExport(db, requestSchemas['export.start'].parse({ query: 'action:second', path: out, format: 'jsonl' }), { appVersion: 'test' }));
  assert.equal(readFileSync(out, 'utf8'), `${dup}\n`, 'JSON Lines export keeps both keys');
});

test('numbers beyond 2^53 in ids and times stay exact end to end (case, detail, raw, search, export)', T, async () => {
  const casePath = newCase();
  const lines = [
    '{"id":9007199254740993,"timestamp":"2024-05-01T00:00:00Z","action":"big.id.16"}',
    '{"id":12345678901234567890123456789,"timestamp":1714521600123456789,"action":"big.id.29"}',
    '{"id":-9223372036854775809,"timestamp":"1714521600.123456789","action":"big.negative"}',
    '{"id":"18446744073709551617","timestamp":1714521600123456,"action":"big.text","count":1e400,"ratio":0.30000000000000004441}',
  ];
  const path = writeText(dir, 'bignums.jsonl', jsonl(lines));
  const r = await tryInput('numbers beyond 2^53 in ids and times', casePath, [path], 4);
  const sid = r.sources[0]!.sourceId!;
  assert.equal(r.sources[0]!.imported, 4);
  const want = [
    ['9007199254740993', Date.UTC(2024, 4, 1), null],
    ['12345678901234567890123456789', 1714521600123, 456789],
    ['-9223372036854775809', 1714521600123, 456789],
    ['18446744073709551617', 1714521600123, 456000],
  ] as const;
  withCase(casePath, (db) => {
    want.forEach(([id, ms, nanos], i) => {
      const e = getEvent(db, eventIdOf(db, sid, i + 1));
      assert.equal(e.sourceEventId, id, 'source event id exact');
      assert.equal(e.raw, lines[i], 'raw text exact');
      assert.equal(e.time, ms);
      assert.equal(e.timeNanos, nanos);
      assert.match(e.id, /^\d+$/, 'case ids (time-keyed, beyond 2^53 for late dates) leave SQLite as text');
    });
  });
  assert.equal(count(casePath, '12345678901234567890123456789'), 1, 'a big id is searchable as text');
  const csvOut = join(dir, 'bignums.csv');
  await withCaseAsync(casePath, (db) => runExport(db, requestSchemas['export.start'].parse({ query: 'action:big.*', path: csvOut, columns: ['event_id', 'raw'] }), { appVersion: 'test' }));
  const rows = Papa.parse<string[]>(readFileSync(csvOut, 'utf8'), { skipEmptyLines: true }).data.slice(1);
  // Export order is newest first; compare as sets.
  assert.deepEqual(rows.map((x) => x[0]!.replace(/^'/, '')).sort(), want.map((w) => w[0]).sort());
  assert.deepEqual(rows.map((x) => x[1]).sort(), [...lines].sort());
});

test('epoch seconds, milliseconds, microseconds and nanoseconds (numbers and text) read to the same instant', T, async () => {
  const casePath = newCase();
  const ms = 1700000000123;
  const values: unknown[] = [1700000000, 1700000000.123, ms, 1700000000123456, '1700000000123456789', '1700000000', `${ms}`, '1700000000123456', 1700000000123456789];
  const path = writeText(dir, 'epochs.jsonl', jsonl(values.map((v, i) => ({ id: `ep-${i}`, timestamp: v, action: 'epoch' }))));
  const r = await tryInput('epoch s / ms / µs / ns (numbers and strings)', casePath, [path], values.length);
  const sid = r.sources[0]!.sourceId!;
  const expected = [1700000000000, ms, ms, ms, ms, 1700000000000, ms, ms, ms];
  withCase(casePath, (db) => {
    expected.forEach((want, i) => {
      const e = getEvent(db, eventIdOf(db, sid, i + 1));
      assert.equal(e.time, want, `value ${String(values[i])}`);
      assert.equal(e.timeFlag, 'ok');
    });
  });
});

test('missing and absurd timestamps (year 0, 9999, negative, huge, garbage) import without a crash and sort sanely', T, async () => {
  const casePath = newCase();
  const odd: [unknown, 'ok' | 'missing' | 'invalid', number | null][] = [
    [undefined, 'missing', null],
    ['', 'missing', null],
    ['0000-01-01T00:00:00Z', 'ok', -62167219200000],
    ['9999-12-31T23:59:59.999Z', 'ok', 253402300799999],
    [-1, 'ok', -1000],
    [-62135596800, 'ok', -62135596800000],
    ['-86400000000000000000000', 'invalid', null],
    [1e300, 'invalid', null],
    ['1e308', 'invalid', null],
    ['2024-02-30T00:00:00Z', 'invalid', null],
    ['24:61:99', 'invalid', null],
    [{ nested: 'time' }, 'invalid', null],
    [[2024, 1, 1], 'invalid', null],
    [true, 'invalid', null],
    ['x'.repeat(10_000), 'invalid', null],
  ];
  const path = writeText(dir, 'times.jsonl', jsonl(odd.map(([t], i) => ({ id: `t-${i}`, ...(t === undefined ? {} : { timestamp: t }), action: 'odd.time' }))));
  const r = await tryInput('missing and absurd timestamps (year 0, 9999, negative, huge, invalid)', casePath, [path], odd.length);
  const sid = r.sources[0]!.sourceId!;
  assert.equal(r.sources[0]!.imported, odd.length);
  withCase(casePath, (db) => {
    odd.forEach(([, flag, ms], i) => {
      const e = getEvent(db, eventIdOf(db, sid, i + 1));
      assert.equal(e.timeFlag, flag, `record ${i}`);
      assert.equal(e.time, ms, `record ${i}`);
    });
    // Newest first: 9999 first, undated last.
    const order = db.prepare("SELECT ts FROM events ORDER BY id DESC").pluck().all() as (number | null)[];
    assert.equal(order[0], 253402300799999);
    assert.equal(order.at(-1), null);
  });
});

test('empty files (0 bytes, blank, empty gzip, empty zip) are listed with a reason; nothing is stored', T, async () => {
  const casePath = newCase();
  const d = join(dir, 'empties');
  mkdirSync(d);
  writeText(d, 'a-zero.jsonl', '');
  writeText(d, 'b-blank.jsonl', ' \n\r\n\t\n');
  writeText(d, 'c-empty.gz', gzipSync(Buffer.alloc(0)));
  writeText(d, 'd-empty.zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]));
  writeText(d, 'e-bom-only.json', Buffer.from([0xef, 0xbb, 0xbf]));
  writeText(d, 'f-utf16-bom-only.json', Buffer.from([0xff, 0xfe]));
  const r = await tryInput('empty files (0 bytes, blank lines, empty .gz, empty .zip, BOM only)', casePath, [d], 0);
  assert.equal(r.sources.length, 6);
  for (const s of r.sources) {
    assert.equal(s.status, 'skipped', `${s.path}: ${s.message}`);
    assert.match(s.message!, /empty|no files/);
  }
});

test('a header-only CSV is a complete source with 0 records and a note', T, async () => {
  const casePath = newCase();
  const path = writeText(dir, 'header-only.csv', 'id,timestamp,actor,action,status\r\n');
  const noNewline = writeText(dir, 'header-only-2.csv', 'id;timestamp;actor;action');
  const r = await tryInput('header-only CSV (with and without a line end)', casePath, [path, noNewline], 0);
  for (const s of r.sources) {
    assert.equal(s.status, 'complete');
    assert.equal(s.records, 0);
    assert.equal(s.message, 'no records in this file');
  }
});

test('CSV with unbalanced quotes and ragged rows: those rows are rejects with the reason; the rest imports', T, async () => {
  const casePath = newCase();
  const rows = [
    'id,timestamp,actor,action',
    'r-1,2024-06-01T00:00:00Z,ann,login',
    'r-2,2024-06-01T00:00:01Z,bob', // too few
    'r-3,2024-06-01T00:00:02Z,cy,login,extra,extra', // too many
    'r-4,2024-06-01T00:00:03Z,"dee ""quoted"" x",login',
    'r-5,2024-06-01T00:00:04Z,ed"bad"quote,login', // stray quotes inside an unquoted field: papaparse reads it as text
    'r-6,2024-06-01T00:00:05Z,"fay"x,login', // text after a closing quote
    'r-7,2024-06-01T00:00:06Z,gus,login',
    'r-8,2024-06-01T00:00:07Z,"never closed,login', // unterminated: swallows the rest of the file
    'r-9,2024-06-01T00:00:08Z,hal,login',
  ];
  const path = writeText(dir, 'ragged.csv', `${rows.join('\n')}\n`);
  const r = await tryInput('CSV with unbalanced quotes and ragged rows', casePath, [path], null);
  const src = r.sources[0]!;
  const rejects = rejectsOf(casePath, src.sourceId);
  const reasonOf = (id: string) => rejects.find((x) => x.text.startsWith(id))?.reason ?? null;
  assert.match(reasonOf('r-2')!, /Too few fields: expected 4 fields but parsed 3/);
  assert.match(reasonOf('r-3')!, /Too many fields: expected 4 fields but parsed 6/);
  assert.ok(reasonOf('r-6') !== null);
  assert.match(reasonOf('r-8')!, /quote/i);
  assert.equal(rejects.find((x) => x.text.startsWith('r-8'))!.text, `${rows[8]}\n${rows[9]}\n`, 'the unterminated row keeps its raw text to the end');
  assert.match(reasonOf('r-6')!, /malformed/, 'a stray quote rejects its own row only');
  withCase(casePath, (db) => {
    const ids = db.prepare('SELECT source_event_id FROM events ORDER BY record_no').pluck().all();
    assert.deepEqual(ids, ['r-1', 'r-4', 'r-5', 'r-7']);
    assert.equal(db.prepare("SELECT (SELECT value FROM terms WHERE id = actor_t) FROM events WHERE source_event_id = 'r-4'").pluck().get(), 'dee "quoted" x');
  });
  assert.equal(src.records, 8, 'rows r-1…r-7, then r-8 (which runs to the end of the file)');
});

test('markup and script payloads in every text field (and in keys) are stored verbatim', T, async () => {
  const casePath = newCase();
  const records = MARKUP_PAYLOADS.map((p, i) => ({
    id: `${p}#${i}`, timestamp: `2024-07-0${i + 1}T00:00:00Z`, actor: p, actor_type: p, action: p, status: p, category: p,
    description: p, target: p, entity: p, entity_type: p, user_agent: p, system: p, version: p, [p]: p, nested: { [p]: [p] },
  }));
  const header = Object.keys(records[0]!).filter((k) => k !== 'nested' && !MARKUP_PAYLOADS.includes(k));
  const csv = Papa.unparse([[...header, MARKUP_PAYLOADS[0]!], ...records.map((x) => [...header.map((k) => String(x[k as keyof typeof x]).replace('#', '#csv')), x.id])]);
  const paths = [writeText(dir, 'markup.jsonl', jsonl(records)), writeText(dir, 'markup.csv', csv)];
  const r = await tryInput('markup/script payloads in every text field (JSONL, CSV)', casePath, paths, records.length * 2, { format: 'generic' });
  assert.ok(r.sources.every((s) => s.imported === records.length));
  withCase(casePath, (db) => {
    records.forEach((x, i) => {
      const e = getEvent(db, eventIdOf(db, r.sources[0]!.sourceId!, i + 1));
      const p = MARKUP_PAYLOADS[i]!;
      assert.equal(e.raw, JSON.stringify(x));
      for (const v of [e.actor, e.actorId, e.action, e.status, e.category, e.description, e.target, e.entity, e.entityType, e.userAgent, e.system, e.version]) assert.equal(v, p);
      assert.equal(e.sourceEventId, `${p}#${i}`);
      const c = getEvent(db, eventIdOf(db, r.sources[1]!.sourceId!, i + 1));
      assert.equal(c.action, p);
      assert.equal(c.description, p);
    });
  });
  assert.equal(count(casePath, 'action:"<script>window.__pwned=1</script>"'), 2, 'a payload is findable as a value');
});

test('formula payloads in every exported field come out neutralized in CSV and exact in JSON Lines', T, async () => {
  const casePath = newCase();
  const records = FORMULA_PAYLOADS.map((p, i) => ({
    id: `${p}|${i}`, timestamp: `2024-08-0${i + 1}T00:00:00Z`, actor: p, actor_id: p, action: p, status: p, category: p, description: p,
    target: p, entity: p, entity_type: p, user_agent: p, system: p, before: { field: p }, after: { field: `${p}!` },
  }));
  const csvRows = [['id', 'timestamp', 'actor', 'action', 'status', 'category', 'description', 'target', 'entity', 'entity_type', 'user_agent', 'system'],
    ...FORMULA_PAYLOADS.map((p, i) => [`${p}|csv${i}`, `2024-09-0${i + 1}T00:00:00Z`, p, p, p, p, p, p, p, p, p, p])];
  const paths = [writeText(dir, 'formulas.jsonl', jsonl(records)), writeText(dir, 'formulas.csv', Papa.unparse(csvRows))];
  await tryInput('formula payloads (= + - @ tab CR) in every field', casePath, paths, records.length * 2, { format: 'generic' });

  const out = join(dir, 'formulas-all-columns.csv');
  const m = await withCaseAsync(casePath, (db) => runExport(db, requestSchemas['export.start'].parse({ query: '', path: out, columns: [...EXPORT_COLUMNS] }), { appVersion: 'test' }));
  const parsed = Papa.parse<string[]>(readFileSync(out, 'utf8'), { skipEmptyLines: true }).data;
  assert.deepEqual(parsed[0]!.slice(1), [...EXPORT_COLUMNS].slice(1));
  const rows = parsed.slice(1);
  assert.equal(rows.length, m.rows);
  assert.equal(rows.length, records.length * 2);
  let neutralized = 0;
  for (const row of rows) {
    for (const [i, cell] of row.entries()) {
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `column ${EXPORT_COLUMNS[i]}: dangerous cell ${JSON.stringify(cell)}`);
      if (/^'[=+\-@\t\r]/.test(cell)) neutralized++;
    }
    const col = (c: string) => row[EXPORT_COLUMNS.indexOf(c as never)]!;
    for (const c of ['actor', 'action', 'status', 'category', 'description', 'target', 'entity', 'entity_type', 'user_agent', 'system', 'actor_id', 'event_id']) {
      // Normalized fields are trimmed (`\r=3+4` is read as `=3+4`); the raw column keeps the original.
      assert.ok(FORMULA_PAYLOADS.some((p) => col(c).startsWith(`'${p.trim()}`)), `${c} neutralized with a quote, text kept: ${JSON.stringify(col(c))}`);
    }
  }
  assert.ok(neutralized >= rows.length * 12);

  const jl = join(dir, 'formulas.jsonl.out');
  await withCaseAsync(casePath, (db) => runExport(db, requestSchemas['export.start'].parse({ query: '', path: jl, format: 'jsonl' }), { appVersion: 'test' }));
  const lines = readFileSync(jl, 'utf8').split('\n').filter(Boolean);
  assert.equal(lines.length, records.length * 2);
  const fromJson = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((o) => 'before' in o);
  assert.deepEqual(fromJson.map((o) => JSON.stringify(o)).sort(), records.map((x) => JSON.stringify(x)).sort(), 'JSON Lines keeps raw values exactly');
  const fromCsv = lines.map((l) => JSON.parse(l) as Record<string, string>).filter((o) => !('before' in o));
  assert.deepEqual(fromCsv.map((o) => o['actor']).sort(), [...FORMULA_PAYLOADS].sort(), 'CSV rows come back as their cells, un-neutralized');
});

test('bidi overrides, zero-width characters and NULs are kept verbatim; text around them is searchable', T, async () => {
  const casePath = newCase();
  const records = [
    rec(70, { description: INVISIBLE.bidi, actor: INVISIBLE.zeroWidth, action: `login\u0000hidden`, target: INVISIBLE.isolate, entity: INVISIBLE.bom, category: INVISIBLE.separators }),
    rec(71, { description: 'nul\u0000in\u0000the\u0000middle', id: 'nul\u0000id' }),
  ];
  // A raw NUL byte is not allowed inside JSON text: that line alone is a reject, the file is not binary.
  const rawNul = `{"id":"raw-nul","timestamp":"2024-10-01T00:00:00Z","action":"raw\u0000nul"}`;
  const content = jsonl([...records, rawNul, rec(72)]);
  const path = writeText(dir, 'invisible.jsonl', content);
  const r = await tryInput('bidi overrides, zero-width chars, NUL (escaped and raw)', casePath, [path], 4, { format: 'generic' });
  const src = r.sources[0]!;
  assert.equal(src.imported, 3);
  assert.deepEqual(rejectsOf(casePath, src.sourceId).map((x) => [x.record_no, x.text]), [[3, rawNul]]);
  withCase(casePath, (db) => {
    const e = getEvent(db, eventIdOf(db, src.sourceId!, 1));
    assert.equal(e.raw, JSON.stringify(records[0]));
    assert.equal(e.description, INVISIBLE.bidi);
    assert.equal(e.actor, INVISIBLE.zeroWidth);
    assert.equal(e.action, 'login\u0000hidden');
    assert.equal(e.target, INVISIBLE.isolate);
    assert.equal(e.entity, INVISIBLE.bom);
    assert.equal(e.category, INVISIBLE.separators);
    const n = getEvent(db, eventIdOf(db, src.sourceId!, 2));
    assert.equal(n.description, 'nul\u0000in\u0000the\u0000middle');
    assert.equal(n.sourceEventId, 'nul\u0000id');
  });
  assert.equal(count(casePath, 'fdp'), 1, 'a word inside bidi overrides is found');
  assert.equal(count(casePath, 'hidden'), 1, 'words around a NUL or an isolate are found');
  // 'middle' twice: record 71's words around NULs, and record 70's "mid\uFEFFdle" read without its BOM.
  assert.equal(count(casePath, 'middle'), 2);
  assert.equal(count(casePath, `actor:"${INVISIBLE.zeroWidth}"`), 1, 'the exact value (with its zero-width chars) is a facet value');
});

test('a log zero-filled past its last write (after a crash): every record kept, each NUL gap one reject saying so', T, async () => {
  const casePath = newCase();
  const nuls = (n: number) => '\u0000'.repeat(n);
  const content = `${jsonl([rec(90), rec(91)])}${nuls(3000)}${jsonl([rec(92)])}${nuls(8192)}`;
  const small = `${JSON.stringify(rec(93))}\n${nuls(4000)}`;
  const paths = [writeText(dir, 'zero-filled.jsonl', content), writeText(dir, 'zero-filled-small.jsonl', small)];
  const r = await tryInput('NUL-filled gaps and tails (crash-truncated logs)', casePath, paths, 5 + 2);
  assert.deepEqual(r.sources.map((x) => [x.imported, x.rejected]), [[3, 2], [1, 1]]);
  const gaps = [...rejectsOf(casePath, r.sources[0]!.sourceId), ...rejectsOf(casePath, r.sources[1]!.sourceId)];
  for (const g of gaps) {
    assert.match(g.reason, /zero-filled gap/);
    assert.match(g.text, /^\u0000+$/);
  }
  assert.equal(gaps[0]!.text.length, 3000);
});

test('10,000 distinct field names in one record: imported, searchable, the FTS body bounded', T, async () => {
  const casePath = newCase();
  const wide: Record<string, unknown> = { id: 'wide-1', timestamp: '2024-11-01T00:00:00Z', action: 'wide' };
  for (let i = 0; i < 10_000; i++) wide[`field_${i}`] = `w${i}v`;
  // The same width with 200-character values: 2 M characters of text, past the FTS body bound.
  const wider: Record<string, unknown> = { id: 'wide-2', timestamp: '2024-11-01T00:00:01Z', action: 'wider' };
  for (let i = 0; i < 10_000; i++) wider[`k${i}`] = `${i === 0 ? 'firstvalue' : i === 9999 ? 'lastvalue' : 'filler'}${'y'.repeat(190)}`.slice(0, 200).replace(/y+$/, (m) => ` ${m.slice(1)}`);
  const line2 = JSON.stringify(wider);
  const path = writeText(dir, 'wide.jsonl', jsonl([wide, wider, rec(80)]));
  const r = await tryInput('10,000 distinct field names in one record (short and 200-char values)', casePath, [path], 3);
  assert.equal(r.sources[0]!.imported, 3);
  assert.equal(count(casePath, 'w9999v'), 1, 'the last field of the record is indexed');
  assert.equal(count(casePath, 'field_9999:w9999v'), 1, 'a raw field path reaches it');
  assert.equal(count(casePath, 'firstvalue'), 1);
  assert.equal(count(casePath, 'lastvalue'), 0, 'text past the FTS bound is not indexed (the body is bounded)…');
  assert.equal(count(casePath, 'k9999:lastvalue*'), 1, '…but the raw record keeps it and field paths find it');
  withCase(casePath, (db) => {
    assert.equal(getEvent(db, eventIdOf(db, r.sources[0]!.sourceId!, 2)).raw, line2);
  });
});

// FTS5's unicode61 tokenizer splits words at zero-width and bidi format characters (and glues words
// across U+2066–2069), so `ad\u200Bmin` — which shows as "admin" — could hide from a search for
// admin. prepare.ts drops format characters (\p{Cf}) from the indexed text (the raw record keeps
// them) and the query compiler drops them from free-text terms.
test('a zero-width or bidi character inside a word does not hide the word from search', {
  ...T,
}, async () => {
  const casePath = newCase();
  const hidden = ['ad\u200Bmin', 'ad\u200Dmin', 'ad\u202Emin\u202C', 'ad\u2066min\u2069', 'ad\u00ADmin', 'ad\uFEFFmin'];
  const path = writeText(dir, 'hidden-words.jsonl', jsonl(hidden.map((h, i) => rec(95 + i, { description: `${h} logged in` }))));
  await tryInput('zero-width / bidi characters inside a searched word', casePath, [path], hidden.length);
  assert.equal(count(casePath, 'admin'), hidden.length);
});
