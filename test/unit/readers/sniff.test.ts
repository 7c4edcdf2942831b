// Content sniffing on the real sample corpora (kinds and record counts as in SOURCES.md) and on
// content that is not activity data (NotAnArchiveError with a readable reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRecordStream, NotAnArchiveError } from '../../../electron/engine/import/readers/index.ts';
import { assertVerbatim, corpora, onlyEntry, readContent, readFile, writeTmp } from './helpers.ts';

const expected: [string, 'jsonl' | 'json' | 'csv', number, string | null][] = [
  ['atlassian-jira-audit/test-audit-cloud.log', 'jsonl', 82, null],
  ['aws-cloudtrail/account_change.raw', 'json', 1, null],
  ['aws-cloudtrail/test.json', 'json', 29, 'Records'],
  ['azure-activity/azure_graph_api_format.json', 'json', 3, null],
  ['azure-activity/test-activitylogs-raw.log', 'jsonl', 3, null],
  ['cloudevents/LogEntryData-bigqueryjobcompleted.json', 'json', 1, null],
  ['github-audit/test-enterprise-audit-eventhub.log', 'jsonl', 3, null],
  ['gitlab-audit/test-audit.log', 'jsonl', 2, null],
  ['google-workspace/test-admin-updated.log', 'jsonl', 6, null],
  ['m365-ual-csv/purview.csv', 'csv', 219, null],
  ['ocsf/1_1_0_OCSF_account_change.ocsf', 'json', 1, null],
  ['ocsf/1_1_0_OCSF_authentication.ocsf', 'json', 1, null],
  ['okta/system-log.ndjson', 'jsonl', 14, null],
  ['slack-audit/test-audit.log', 'jsonl', 4, null],
];

/** Record counts as listed in the SOURCES.md table. */
function countsFromSources(): Map<string, number> {
  const md = readFileSync(join(corpora, 'SOURCES.md'), 'utf8');
  const m = new Map<string, number>();
  for (const row of md.matchAll(/^\| `([^`]+)` \| [^|]+ \| ([\d,]+) \|/gm)) m.set(row[1]!, Number(row[2]!.replace(/,/g, '')));
  return m;
}

for (const [file, kind, count, wrapper] of expected) {
  test(`corpus ${file}: ${kind}, ${count} records`, async () => {
    const path = join(corpora, file);
    const { rs, records } = await readFile(path);
    assert.equal(rs.kind, kind);
    assert.equal(rs.encoding, 'utf-8');
    assert.equal(rs.wrapperKey(), wrapper);
    assert.equal(records.length, count);
    assert.equal(countsFromSources().get(file), count, 'matches SOURCES.md');
    assert.ok(records.every((r) => r.error === undefined), 'no rejects');
    if (kind !== 'csv') for (const r of records) assert.equal(typeof JSON.parse(r.text), 'object');
    assertVerbatim(readFileSync(path), records);
  });
}

test('corpus purview.csv: AuditData cells hold JSON', async () => {
  const { records } = await readFile(join(corpora, 'm365-ual-csv/purview.csv'));
  assert.deepEqual(Object.keys(records[0]!.value!), ['RecordId', 'CreationDate', 'RecordType', 'Operation', 'UserId', 'AuditData', 'AssociatedAdminUnits', 'AssociatedAdminUnitsNames']);
  for (const r of records) assert.equal(typeof JSON.parse(r.value!.AuditData!), 'object');
});

async function notArchiveReason(content: string | Buffer, name = 'x.txt'): Promise<string> {
  const entry = await onlyEntry(writeTmp(name, content));
  await assert.rejects(openRecordStream(entry), NotAnArchiveError);
  try { await openRecordStream(entry); } catch (e) { return (e as Error).message; }
  return '';
}

test('SOURCES.md (Markdown with pipes and commas) is not an archive', async () => {
  const entry = await onlyEntry(join(corpora, 'SOURCES.md'));
  await assert.rejects(openRecordStream(entry), (e: Error) => e instanceof NotAnArchiveError && e.message === 'not an activity archive: looks like Markdown text');
});

test('a Markdown table without a title is not an archive', async () => {
  assert.match(await notArchiveReason('| file | format |\n|---|---|\n| a | b |\n'), /Markdown/);
});

test('binary data (NULs that are not UTF-16) is not an archive', async () => {
  const bin = Buffer.alloc(5000);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
  assert.equal(await notArchiveReason(bin, 'x.bin'), 'not an activity archive: looks like binary data');
  assert.equal(await notArchiveReason(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'a.png'), 'not an activity archive: looks like an image');
});

test('an empty or whitespace-only stream is not an archive: empty file', async () => {
  assert.equal(await notArchiveReason(' \n\r\n\t \n'), 'not an activity archive: empty file');
});

test('prose and HTML are not archives', async () => {
  assert.match(await notArchiveReason('Hello there.\nThis is a note about the export.\n'), /plain text/);
  assert.match(await notArchiveReason('<!DOCTYPE html>\n<html><body>x, y, z</body></html>\n'), /HTML/);
  assert.match(await notArchiveReason('We exported the logs on Monday, as agreed in the meeting.\nThen we sent them to the team, who read them carefully.\n'), /plain text/);
});

test('the kind can be forced', async () => {
  const { rs, records } = await readContent('{"a":1}\n{"b":2}\n', { kind: 'json' });
  assert.equal(rs.kind, 'json');
  assert.equal(records.length, 2);
  const { rs: rs2, records: r2 } = await readContent('x;y\n1;2\n', { kind: 'csv' });
  assert.equal(rs2.kind, 'csv');
  assert.deepEqual(r2[0]!.value, { x: '1', y: '2' });
});

test('a first JSON line longer than the sniffing window is read as a document (same records)', async () => {
  const big = JSON.stringify({ id: 1, pad: 'p'.repeat(2 * 1024 * 1024) });
  const { rs, records } = await readContent(`${big}\n{"id":2}\n`);
  assert.equal(rs.kind, 'json');
  assert.equal(records.length, 2);
  assert.equal(records[0]!.text, big);
});

test('JSON Lines with a broken or cut first line: only that line is rejected later', async () => {
  const { rs, records } = await readContent('{"id":1,"cut\n{"id":2}\n{"id":3}\n');
  assert.equal(rs.kind, 'jsonl');
  assert.deepEqual(records.map((r) => r.text), ['{"id":1,"cut', '{"id":2}', '{"id":3}']);
  const { rs: rs2, records: r2 } = await readContent('tionId":"x","y":2}\n{"id":2}\n{"id":3}\n');
  assert.equal(rs2.kind, 'jsonl');
  assert.equal(r2.length, 3);
});

test('a pretty-printed document is not mistaken for JSON Lines', async () => {
  const { rs } = await readContent('{\n"a": {"x": 1},\n"b": 2\n}\n');
  assert.equal(rs.kind, 'json');
});

test('one-element-per-line arrays and envelopes are documents, not JSON Lines', async () => {
  for (const doc of ['[\n{"a":1}\n]\n', '{"Records": [\n{"id":1}\n]}\n', '[\n{"a":1},\n{"b":2}\n]\n']) {
    const { rs, records } = await readContent(doc);
    assert.equal(rs.kind, 'json', doc);
    assert.ok(records.every((r) => !r.error), doc);
  }
});
