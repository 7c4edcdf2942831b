// Export: the CSV holds exactly the query's rows in its sort, formula-safe; JSON Lines keeps the raw
// records exactly; the manifest's hash, its sources (each file's SHA-256 and rows) and its resolved
// relative times are right; an export cancelled at once or part-way leaves no file; term labels
// looked up in memory are the ones the grid's subqueries give; newest-first reads in batches keep the
// listing's order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { pageEvents, getEvent } from '../../electron/engine/query/index.ts';
import { runExport } from '../../electron/engine/export/index.ts';
import { neutralizeFormula, compactJson, formatTime } from '../../electron/engine/export/cells.ts';
import { termLabels } from '../../electron/engine/export/termLabels.ts';
import { ROW_COLUMNS, ROW_PLAIN_COLUMNS, TERM_COLUMNS } from '../../electron/engine/query/rows.ts';
import { requestSchemas } from '../../shared/contract.ts';
import { AppError } from '../../shared/errors.ts';
import { corporaDir, tempDir } from '../helpers/tmp.ts';
import { importedCase } from '../helpers/importedCase.ts';
import { writeEvents } from '../../bench/generate.ts';

let db: CaseDb;
const dir = tempDir();

before(async () => {
  // A hostile little archive: formula payloads in every text field, plus the real corpora.
  const payloads = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR', '=HYPERLINK("http://x")'];
  writeFileSync(join(dir, 'formulas.jsonl'), payloads.map((p, i) => JSON.stringify({
    id: `f${i}`, timestamp: `2024-05-0${i + 1}T10:00:00Z`, actor: p, action: p, description: p, status: p, system: 'formulas',
  })).join('\n'));
  db = await importedCase([join(dir, 'formulas.jsonl'), join(corporaDir, 'okta'), join(corporaDir, 'aws-cloudtrail')], dir);
});
after(() => db.close());

const req = (r: unknown) => requestSchemas['export.start'].parse(r);

test('neutralizeFormula prefixes exactly the dangerous starts', () => {
  for (const bad of ['=1', '+1', '-1', '@a', '\tx', '\rx']) assert.equal(neutralizeFormula(bad), `'${bad}`);
  for (const ok of ['a=1', '1-2', 'hello', '', "'already"]) assert.equal(neutralizeFormula(ok), ok);
});

test('CSV export: the rows of the query in its order, every cell formula-safe, hash and sources in the manifest', async () => {
  const path = join(dir, 'okta.csv');
  const m = await runExport(db, req({ query: 'system:okta', path, bom: true }), { appVersion: 'test' });
  const bytes = readFileSync(path);
  assert.equal(createHash('sha256').update(bytes).digest('hex'), m.sha256);
  const text = bytes.toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'BOM requested');
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
  assert.equal(parsed[0]![0], 'time (UTC)');
  const rows = parsed.slice(1);
  const expected = pageEvents(db, { query: 'system:okta', from: 0, to: 1000 } as never).rows;
  assert.equal(rows.length, expected.length);
  assert.equal(m.rows, expected.length);
  assert.equal(m.complete, true);
  rows.forEach((r, i) => {
    assert.equal(r[0], new Date(expected[i]!.time!).toISOString());
    assert.equal(r[2], expected[i]!.action);
  });
  assert.equal(m.sources.length, 1);
  assert.match(m.sources[0]!.path, /okta/);
  assert.equal(m.sources[0]!.rows, rows.length);
  const manifest = JSON.parse(readFileSync(m.manifestPath, 'utf8'));
  assert.equal(manifest.query, 'system:okta');
  assert.equal(manifest.sha256, m.sha256);
});

test('term labels looked up in memory equal the grid\'s subqueries, for every row, whether a field is read into memory or left to SQL', () => {
  const byId = (select: string) => db.prepare(`SELECT ${select} FROM events ev ORDER BY ev.id`).all() as Record<string, unknown>[];
  const want = byId(ROW_COLUMNS);
  assert.ok(want.length > 20, `${want.length} rows`);
  const names = TERM_COLUMNS.flatMap((t) => t.shows.map(([name]) => name));
  const fieldSizes = (db.prepare('SELECT count(*) FROM terms GROUP BY field').pluck().all() as number[]).sort((a, b) => a - b);
  // Everything in memory; nothing (all subqueries); and a limit between two fields' sizes (both kinds in one read).
  for (const limit of [Infinity, -1, fieldSizes[Math.floor(fieldSizes.length / 2)]!]) {
    const labels = termLabels(db, TERM_COLUMNS, limit);
    const got = byId(`${ROW_PLAIN_COLUMNS}, ${labels.select}`);
    got.forEach((row) => labels.fill(row));
    assert.equal(got.length, want.length);
    got.forEach((row, i) => {
      for (const name of names) assert.equal(row[name], want[i]![name], `row ${i} ${name} (limit ${limit})`);
    });
  }
});

test('formula payloads in every exported field come out neutralized', async () => {
  const path = join(dir, 'formulas.csv');
  await runExport(db, req({ query: 'system:formulas', path, columns: ['actor', 'action', 'description', 'status'] }), { appVersion: 'test' });
  const rows = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true }).data.slice(1);
  assert.equal(rows.length, 7);
  for (const row of rows) for (const cell of row) assert.ok(!/^[=+\-@\t\r]/.test(cell), `dangerous cell ${JSON.stringify(cell)}`);
});

test('JSON Lines export keeps each raw record exactly (one line each, values untouched)', async () => {
  const path = join(dir, 'ct.jsonl');
  const m = await runExport(db, req({ query: 'system:aws', path, format: 'jsonl' }), { appVersion: 'test' });
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  assert.equal(lines.length, m.rows);
  const ids = pageEvents(db, { query: 'system:aws', from: 0, to: 100 } as never).rows.map((r) => r.id);
  lines.forEach((line, i) => {
    const raw = getEvent(db, ids[i]!).raw;
    assert.equal(line, compactJson(raw));
    assert.deepEqual(JSON.parse(line), JSON.parse(raw));
  });
});

test('newest-first exports read in batches (each oldest first, handed out reversed) hold the listing\'s rows in its order, whatever the batch size', async () => {
  // Free text (FTS drives), a filter (facts drive), a raw field, an exclusion, one on the events
  // row (source event ids), everything.
  for (const query of ['', 'system:okta', 'root', 'userIdentity.type:Root', '-system:okta', 'id:*']) {
    const listing = pageEvents(db, { query, from: 0, to: 5000 } as never).rows;
    assert.ok(listing.length > 0 && listing.length < 5000, `${query}: a result that fits one page (${listing.length})`);
    const want = listing.map((r) => [new Date(r.time!).toISOString(), String(r.recordNo), r.source]);
    for (const format of ['csv', 'jsonl'] as const) {
      const outputs = new Set<string>();
      for (const readBatch of [1, 7, 5000]) {
        const path = join(dir, `batch-${format}-${readBatch}-${want.length}.${format}`);
        const m = await runExport(db, req({ query, path, format, columns: ['time', 'record', 'source'] }), { appVersion: 'test', readBatch });
        assert.equal(m.rows, listing.length, `${query} ${format} batch ${readBatch}: every row`);
        const text = readFileSync(path, 'utf8');
        outputs.add(text);
        if (format === 'csv') assert.deepEqual(Papa.parse<string[]>(text, { skipEmptyLines: true }).data.slice(1), want, `${query} batch ${readBatch}: the listing's rows in order`);
      }
      assert.equal(outputs.size, 1, `${query} ${format}: the same bytes for every batch size`);
    }
  }
});

test('time zone named in the header; local times carry their offset', async () => {
  assert.equal(formatTime(Date.UTC(2024, 0, 5, 10, 0, 0, 123), 'Europe/Paris'), '2024-01-05 11:00:00.123 +01:00');
  const path = join(dir, 'paris.csv');
  await runExport(db, req({ query: 'system:okta', path, timeZone: 'Europe/Paris', columns: ['time', 'action'] }), { appVersion: 'test' });
  assert.ok(readFileSync(path, 'utf8').startsWith('time (Europe/Paris),action'));
  await assert.rejects(runExport(db, req({ query: '', path: join(dir, 'bad.csv'), timeZone: 'Mars/Olympus' }), { appVersion: 'test' }),
    (e: unknown) => e instanceof AppError && e.code === 'bad_request');
});

test('a cancelled export leaves no file that looks complete, and no manifest', async () => {
  const path = join(dir, 'cancelled.csv');
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(runExport(db, req({ query: '', path }), { appVersion: 'test', signal: ac.signal }),
    (e: unknown) => e instanceof AppError && e.code === 'cancelled');
  assert.equal(existsSync(path), false);
  assert.equal(existsSync(`${path}.manifest.json`), false);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('cancelled')), []);
});

test('the manifest names every source of the rows with its SHA-256 (the file as read) and its row count', async () => {
  const path = join(dir, 'all.csv');
  const m = await runExport(db, req({ query: '', path }), { appVersion: 'test' });
  const perSource = db.prepare("SELECT s.path, s.sha256, count(*) AS rows FROM events e JOIN sources s ON s.id = e.source_id GROUP BY s.id ORDER BY s.path").all() as { path: string; sha256: string; rows: number }[];
  assert.ok(perSource.length >= 3, 'rows from several sources');
  const listed = [...m.sources].sort((a, b) => a.path.localeCompare(b.path));
  assert.deepEqual(listed.map((s) => [s.path, s.rows]), perSource.map((s) => [s.path, s.rows]));
  for (const s of listed) {
    // Each hash is the file's own bytes, computed here from the file on disk.
    assert.equal(s.sha256, createHash('sha256').update(readFileSync(s.path)).digest('hex'), s.path);
  }
  assert.equal(listed.reduce((n, s) => n + s.rows, 0), m.rows);
  const manifest = JSON.parse(readFileSync(m.manifestPath, 'utf8')) as { sources: unknown };
  assert.deepEqual(manifest.sources, m.sources);
});

test('the manifest keeps a relative time as typed and as the instant it meant, and the resolved query exports the same rows', async () => {
  const before = Date.now();
  const m = await runExport(db, req({ query: 'after:-100y system:okta', path: join(dir, 'relative.csv') }), { appVersion: 'test' });
  const after = Date.now();
  assert.equal(m.query, 'after:-100y system:okta');
  const iso = /^after:(\S+) system:okta$/.exec(m.resolvedQuery)?.[1];
  assert.ok(iso && !Number.isNaN(Date.parse(iso)), m.resolvedQuery);
  const hundredYears = (t: number) => { const d = new Date(t); d.setUTCFullYear(d.getUTCFullYear() - 100); return d.getTime(); };
  assert.ok(Date.parse(iso) >= hundredYears(before) && Date.parse(iso) <= hundredYears(after), `${iso} is 100 years before the export`);
  const again = await runExport(db, req({ query: m.resolvedQuery, path: join(dir, 'resolved.csv') }), { appVersion: 'test' });
  assert.equal(again.rows, m.rows);
  assert.equal(again.sha256, m.sha256, 'the same bytes');
  assert.equal(again.resolvedQuery, m.resolvedQuery, 'an absolute query resolves to itself');
});

test('an export cancelled part-way (after its first progress report) leaves no file and no manifest', async () => {
  // Progress comes every 1,000 rows: a generated 30k-event case is cancelled at its first report.
  const big = join(dir, 'big.sqlite');
  const file = join(dir, 'ct30k.jsonl');
  await writeEvents({ format: 'cloudtrail', events: 30_000, seed: 9 }, file);
  const w = openCase(big);
  await runImport(w, { paths: [file] });
  w.close();
  const r = openCase(big, { readonly: true });
  try {
    for (const format of ['csv', 'jsonl'] as const) {
      const path = join(dir, `midway.${format}`);
      const ac = new AbortController();
      const reports: number[] = [];
      await assert.rejects(runExport(r, req({ query: '', path, format }), { appVersion: 'test', signal: ac.signal, onProgress: (p) => { reports.push(p.rows); ac.abort(); } }),
        (e: unknown) => e instanceof AppError && e.code === 'cancelled');
      assert.ok(reports.length >= 1 && reports[0]! < 30_000, `cancelled part-way (${reports.join(', ')})`);
      assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('midway')), [], 'no data file, no partial, no manifest');
    }
  } finally {
    r.close();
  }
});
