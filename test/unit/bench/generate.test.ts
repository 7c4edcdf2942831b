// The benchmark generator's promises: same seed → same bytes, every line a well-formed record of
// its format (CloudTrail keys, Okta LogEvent, back-office CSV columns), unique event ids, and the
// realism the benches rely on (some errors, some late events, times inside the span).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { generateEvents, generateLines, writeEvents, FORMATS } from '../../../bench/generate.ts';
import type { GenerateOptions } from '../../../bench/generate.ts';

const N = 2000;
const text = (o: GenerateOptions) => [...generateLines(o)].join('\n');

test('the same seed gives byte-identical output; another seed differs', () => {
  for (const format of FORMATS) {
    const a = text({ format, events: N, seed: 7 });
    assert.equal(text({ format, events: N, seed: 7 }), a, `${format}: same seed`);
    assert.notEqual(text({ format, events: N, seed: 8 }), a, `${format}: other seed`);
  }
});

test('CloudTrail lines are JSON records with the CloudTrail keys and unique eventIDs', () => {
  const start = Date.UTC(2025, 0, 1);
  const recs = [...generateLines({ format: 'cloudtrail', events: N, seed: 3, start, days: 10 })].map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(recs.length, N);
  const keys = ['eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent',
    'requestParameters', 'responseElements', 'requestID', 'eventID', 'readOnly', 'eventType', 'managementEvent', 'recipientAccountId', 'eventCategory'];
  for (const r of recs) {
    for (const k of keys) assert.ok(k in r, `missing ${k} in ${JSON.stringify(r).slice(0, 200)}`);
    assert.match(r['eventTime'] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const ms = Date.parse(r['eventTime'] as string);
    assert.ok(ms >= start && ms <= start + 10 * 86_400_000, `eventTime outside the span: ${r['eventTime'] as string}`);
  }
  assert.equal(new Set(recs.map((r) => r['eventID'])).size, N, 'eventIDs are unique');
  assert.equal(new Set(recs.map((r) => r['requestID'])).size, N, 'requestIDs are unique');
  const types = new Set(recs.map((r) => (r['userIdentity'] as { type: string }).type));
  for (const t of ['IAMUser', 'AssumedRole', 'AWSService']) assert.ok(types.has(t), `an identity of type ${t}`);
  const errors = recs.filter((r) => 'errorCode' in r).length / N;
  assert.ok(errors > 0.005 && errors < 0.1, `error share ${errors}`); // ~3% on average; bursts push a seed higher
  let late = 0;
  for (let i = 1; i < recs.length; i++) if ((recs[i]!['eventTime'] as string) < (recs[i - 1]!['eventTime'] as string)) late++;
  assert.ok(late > 0 && late / N < 0.05, `out-of-order share ${late / N}`);
});

test('Okta lines are System Log LogEvents with unique uuids', () => {
  const recs = [...generateLines({ format: 'okta', events: N, seed: 3 })].map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const r of recs) {
    for (const k of ['actor', 'client', 'displayMessage', 'eventType', 'outcome', 'published', 'severity', 'target', 'uuid', 'version']) assert.ok(k in r, `missing ${k}`);
    assert.match(r['published'] as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
  assert.equal(new Set(recs.map((r) => r['uuid'])).size, N);
});

test('the back-office CSV parses to the header columns with JSON Before/After/Metadata cells', () => {
  const csv = text({ format: 'backoffice-csv', events: N, seed: 3 });
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.meta.fields, ['Time', 'Type', 'Actor', 'Event', 'Entity', 'Status', 'Before', 'After', 'Metadata']);
  assert.equal(parsed.data.length, N);
  const ids = new Set<string>();
  for (const row of parsed.data) {
    assert.ok(['USER_ACTION', 'BACKGROUND_JOB', 'WEBHOOK', 'SYSTEM_EVENT'].includes(row['Type']!), row['Type']);
    assert.ok(['SUCCESS', 'IN_PROGRESS', 'WARNING', 'FAILED'].includes(row['Status']!), row['Status']);
    for (const c of ['Before', 'After']) if (row[c]) JSON.parse(row[c]!);
    ids.add((JSON.parse(row['Metadata']!) as { activityId: string }).activityId);
  }
  assert.equal(ids.size, N, 'activity ids are unique');
  assert.ok(parsed.data.some((r) => r['Before'] && r['After']), 'some updates carry Before/After');
});

test('the async iterable and the file writer give the same lines', async () => {
  const opts: GenerateOptions = { format: 'cloudtrail', events: 500, seed: 11 };
  const lines: string[] = [];
  for await (const l of generateEvents(opts)) lines.push(l);
  assert.equal(lines.join('\n'), text(opts));
  const dir = mkdtempSync(join(tmpdir(), 'gen-test-'));
  try {
    const s = await writeEvents(opts, join(dir, 'out.jsonl'));
    const written = readFileSync(join(dir, 'out.jsonl'), 'utf8');
    assert.equal(written, `${lines.join('\n')}\n`);
    assert.equal(s.bytes, Buffer.byteLength(written));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
