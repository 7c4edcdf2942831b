// Community activity log (seeds 000/001): the project's hand-written fixture plus in-memory edge
// cases — Postgres-style times, failed logins, awards with recipients, edits with earlier values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { communityActivityMapper } from '../../../electron/engine/import/mappers/communityActivity.ts';
import { allCorpora, jsonLines, seedFixture } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = communityActivityMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

const records = jsonLines(seedFixture('community-activity.jsonl'));
const events = records.map((r) => mapOne(r));
const byId = (suffix: string) => events.find((e) => e.sourceEventId?.endsWith(suffix))!;

test('fixture: every activity is recognised and keeps its type, version and id', () => {
  assert.equal(records.length, 21);
  for (const r of records) assert.ok(communityActivityMapper.detect(r, ctx) >= 0.9);
  assert.ok(events.every((e) => e.time.flag === 'ok' && e.time.ms !== null));
  assert.ok(events.every((e) => e.system === 'Northwind Makers'));
  assert.equal(new Set(events.map((e) => e.action)).size, 19);
  assert.deepEqual(
    [...new Set(events.map((e) => e.category))].sort(),
    ['award', 'badge', 'calendar_event', 'comment', 'credential', 'journey', 'poll', 'post', 'site.auth', 'slack_message', 'slack_reaction', 'workspace'],
  );
});

test('Postgres-style created_at keeps its microseconds', () => {
  const joined = byId('XA1BC');
  assert.equal(joined.time.text, '2024-02-01 04:04:39.198523+00');
  assert.equal(joined.time.ms, Date.UTC(2024, 1, 1, 4, 4, 39, 198));
  assert.equal(joined.time.subMsNanos, 523000);
  assert.equal(byId('9J0K1L2M3N4P').time.ms, Date.UTC(2024, 1, 2, 22, 41, 58, 310)); // `.31+00`
  assert.equal(byId('1B2C3D4E5F6G7H8J9K').time.ms, Date.UTC(2024, 1, 3, 7, 20, 5, 671)); // +01:00
});

test('failed logins are failures, with or without a known initiator', () => {
  const failures = events.filter((e) => e.outcome === 'failure');
  assert.equal(failures.length, 2);
  assert.ok(failures.every((e) => e.action === 'site.auth.login_failure'));
  const anonymous = byId('4X5Y6Z7A8B9C');
  assert.equal(anonymous.actor.id, null);
  assert.equal(anonymous.actor.type, 'unknown');
  assert.equal(anonymous.actor.ip, '198.51.100.77');
  assert.equal(anonymous.description, 'An authentication attempt on the companion site failed: “makers.northwind.example”');
  assert.equal(failures.find((e) => e.actor.name === 'Tom Okafor')?.actor.id, 'prof_5Tk1Ok');
});

test('awards name the member who received them and the award as it was called then', () => {
  const award = events.find((e) => e.action === 'award.given')!;
  assert.deepEqual(award.actor, { id: 'prof_0SwAdm', name: 'Sam Whitaker', type: 'user', sourceType: 'admin', ip: null, userAgent: null });
  assert.deepEqual(award.target, { id: 'prof_9Dp4Lr', name: 'Dev Patel', type: 'member' });
  assert.deepEqual(award.entity, { id: 'awd_helpful', name: 'Helpful Hero', type: 'award' });
  assert.equal(award.description, 'An award was given to a member: “Helpful Hero”');
  assert.equal(award.version, '2');
});

test('post.edited shows the earlier title beside the current one', () => {
  const edited = events.find((e) => e.action === 'post.edited')!;
  assert.deepEqual(edited.entity, { id: 'post_6HsQ2k', name: 'Laser cutter booking: new rules from March', type: 'post' });
  assert.deepEqual(edited.changes, [
    { path: 'post_title', before: 'Laser cutter booking rules', after: 'Laser cutter booking: new rules from March' },
  ]);
});

test('Slack messages and reactions point at the message in its channel', () => {
  const reaction = events.find((e) => e.action === 'slack_reaction.added')!;
  assert.deepEqual(reaction.entity, { id: '1706781831.018900', name: '#introductions', type: 'slack_message' });
  const comment = events.find((e) => e.action === 'comment.created')!;
  assert.deepEqual(comment.entity, { id: 'cmt_88aX1q', name: null, type: 'comment' });
  assert.equal(comment.description, 'A member commented on a post: “Welcome! Introduce yourself here”');
});

test('in-memory: initiator as a bare id, `timestamp` key, undocumented dotted type', () => {
  const r = { id: 42, type: 'space.archived', version: '3', initiator: 'prof_x', timestamp: '2024-03-01T00:00:00Z', metadata: { space_id: 'sp_1', space_name: 'Old Projects' } };
  assert.ok(communityActivityMapper.detect(r, ctx) >= 0.7);
  const e = mapOne(r);
  assert.equal(e.sourceEventId, '42');
  assert.equal(e.actor.id, 'prof_x');
  assert.equal(e.actor.type, 'user');
  assert.equal(e.system, 'community');
  assert.deepEqual(e.entity, { id: 'sp_1', name: 'Old Projects', type: 'space' });
  assert.equal(e.description, 'space archived: “Old Projects”');
  assert.equal(e.time.ms, Date.UTC(2024, 2, 1));
});

test('dotted `type` alone is not enough: CloudEvents, Okta and others are not claimed', () => {
  assert.equal(communityActivityMapper.detect({ type: 'com.github.pull_request.opened', id: '1', source: 'x', specversion: '1.0' }, ctx), 0);
  for (const { format, file, records: recs } of allCorpora()) {
    if (format === 'community-activity') continue;
    for (const r of recs) assert.equal(communityActivityMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
