// The diff model on every before/after shape the mappers produce, from real corpus records and the
// seed fixtures: kinds, nested paths opened from objects and from JSON inside strings, whole values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffChanges, decodeNested } from '../../shared/diff.ts';
import type { Change } from '../../shared/model.ts';
import { findMapper } from '../../electron/engine/import/mappers/index.ts';
import { corpus, csvRows, jsonLines, jsonDocument, seedFixture } from './mappers/corpusFiles.ts';

function changesOf(format: string, records: Record<string, unknown>[]): Change[] {
  const m = findMapper(format)!;
  return records.flatMap((r) => m.map(r, {})).flatMap((e) => e.changes);
}

test('added / removed / changed / unchanged from plain values', () => {
  const d = diffChanges([
    { path: 'a', after: 1 }, { path: 'b', before: 'x' }, { path: 'c', before: 'x', after: 'y' }, { path: 'd', before: null, after: null },
  ]);
  assert.deepEqual(d.map((e) => [e.path, e.kind]), [['a', 'added'], ['b', 'removed'], ['c', 'changed'], ['d', 'unchanged']]);
  assert.equal(d[1]!.after, null, 'an unrecorded side is null, not an empty string');
});

test('objects open into nested paths; JSON inside strings is decoded and marked', () => {
  const d = diffChanges([{ path: 'settings', before: '{"visibility":"private","owner":{"id":"1"}}', after: { visibility: 'public', owner: { id: '2' }, topic: 'x' } }]);
  assert.deepEqual(d.map((e) => [e.path, e.kind, e.before, e.after]), [
    ['settings.visibility', 'changed', 'private', 'public'],
    ['settings.owner.id', 'changed', '1', '2'],
    ['settings.topic', 'added', null, 'x'],
  ]);
  assert.ok(d.every((e) => e.decoded));
});

test('long values are kept whole', () => {
  const long = 'z'.repeat(200_000);
  const d = diffChanges([{ path: 'policy', before: long, after: `${long}!` }]);
  assert.equal(d[0]!.before!.length, 200_000);
  assert.equal(d[0]!.after!.length, 200_001);
});

test('M365 ModifiedProperties: values that were JSON inside strings display as JSON', () => {
  const rows = csvRows(corpus('m365-ual-csv/purview.csv'));
  const d = diffChanges(changesOf('m365-ual', rows));
  assert.ok(d.length > 0);
  // The mapper already decoded the JSON-in-string values; they display as JSON, not as CRLF-wrapped text.
  assert.ok(d.some((e) => e.after?.startsWith('[')), 'array values shown as JSON');
  assert.ok(d.every((e) => e.before === null || !/^\[\r\n/.test(e.before)), 'no raw CRLF-wrapped JSON strings left');
});

test('Jira changedValues: a missing changedFrom reads as added', () => {
  const d = diffChanges(changesOf('atlassian-audit', jsonLines(corpus('atlassian-jira-audit/test-audit-cloud.log'))));
  assert.ok(d.some((e) => e.kind === 'added'));
  assert.ok(d.some((e) => e.kind === 'changed'));
});

test('GitLab change/from/to, Google OLD_VALUE/NEW_VALUE and Slack previous_* give changed entries', () => {
  for (const [format, file] of [['gitlab-audit', 'gitlab-audit/test-audit.log'], ['google-workspace', 'google-workspace/test-admin-updated.log'], ['slack-audit', 'slack-audit/test-audit.log']] as const) {
    const d = diffChanges(changesOf(format, jsonLines(corpus(file))));
    assert.ok(d.some((e) => e.kind === 'changed' || e.kind === 'added'), `${format} has changes`);
  }
});

test('seed systems: back-office Before/After JSON cells and workspace details', () => {
  const bo = diffChanges(changesOf('backoffice-activity', csvRows(seedFixture('backoffice-activity.csv'))));
  assert.ok(bo.some((e) => e.kind === 'changed' && e.path.length > 0));
  const ws = diffChanges(changesOf('workspace-activity', jsonDocument(seedFixture('workspace-activity.json'))));
  assert.ok(ws.length > 0);
});

test('decodeNested leaves plain strings and broken JSON alone', () => {
  assert.deepEqual(decodeNested('hello'), { value: 'hello', decoded: false });
  assert.deepEqual(decodeNested('{"a":'), { value: '{"a":', decoded: false });
  assert.deepEqual(decodeNested(' [1] '), { value: [1], decoded: true });
});
