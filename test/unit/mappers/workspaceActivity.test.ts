// Workspace/agent platform activity (seed 002): the REST-shaped fixture (people and AI agents creating
// and updating issues) and the client shape with before/after or a changes list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workspaceActivityMapper } from '../../../electron/engine/import/mappers/workspaceActivity.ts';
import { allCorpora, jsonDocument, seedFixture } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = workspaceActivityMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

const records = jsonDocument(seedFixture('workspace-activity.json'));
const events = records.map((r) => mapOne(r));

test('fixture: twelve entries by people and agents, all recognised', () => {
  assert.equal(records.length, 12);
  for (const r of records) assert.ok(workspaceActivityMapper.detect(r, ctx) >= 0.9);
  assert.equal(events.filter((e) => e.actor.type === 'agent').length, 6);
  assert.equal(events.filter((e) => e.actor.type === 'user').length, 6);
  assert.deepEqual([...new Set(events.map((e) => e.action))].sort(), ['issue.created', 'issue.updated']);
  assert.ok(events.every((e) => e.category === 'issue' && e.entity.type === 'issue' && e.outcome === 'success'));
  assert.equal(events[2]!.time.ms, Date.UTC(2025, 0, 13, 8, 15, 3, 900)); // +01:00
});

test('issue.created names the issue by its identifier and records no changes', () => {
  const created = events[0]!;
  assert.deepEqual(created.entity, { id: 'iss_7d21e0', name: 'ISS-101', type: 'issue' });
  assert.deepEqual(created.actor, { id: 'usr_hannah_k', name: null, type: 'user', sourceType: 'user', ip: null, userAgent: null });
  assert.deepEqual(created.changes, []);
  assert.equal(created.sourceEventId, '8b0f3c1e-5a7d-4c2e-9f14-0d6a1b2c3e01');
});

test('issue.updated details are new values only: changes carry `after` and no `before`', () => {
  const triage = events[1]!;
  assert.equal(triage.actor.type, 'agent');
  assert.equal(triage.actor.id, 'agt_triage');
  assert.deepEqual(triage.changes, [
    { path: 'priority', after: 'urgent' },
    { path: 'labels', after: ['bug', 'payments', 'eu'] },
  ]);
  assert.ok(triage.changes.every((c) => !('before' in c)));
  assert.match(triage.description ?? '', /^Agent agt_triage updated issue/);
  // An explicit null (unassigned) is kept as null, not dropped.
  assert.deepEqual(events[11]!.changes, [{ path: 'status', after: 'done' }, { path: 'assignee_id', after: null }]);
  assert.deepEqual(events[2]!.target, { id: 'agt_code_reviewer', name: null, type: null });
});

test('client shape: actor object, resource, description, before/after diff', () => {
  const r = {
    id: 'act_77',
    timestamp: '2025-01-20T10:00:00Z',
    actor: { id: 'user-123', name: 'John Smith', role: 'admin', ip_address: '192.0.2.44' },
    action: 'updated',
    resource_type: 'issue',
    resource_id: 'ISS-123',
    description: "Updated issue status to 'done'",
    before: { status: 'in_review', assignee: 'john' },
    after: { status: 'done', assignee: 'john' },
  };
  assert.ok(workspaceActivityMapper.detect(r, ctx) >= 0.8);
  const e = mapOne(r);
  assert.equal(e.action, 'issue.updated');
  assert.equal(e.category, 'issue');
  assert.equal(e.description, "Updated issue status to 'done'");
  assert.deepEqual(e.actor, { id: 'user-123', name: 'John Smith', type: 'user', sourceType: null, ip: '192.0.2.44', userAgent: null });
  assert.deepEqual(e.entity, { id: 'ISS-123', name: null, type: 'issue' });
  assert.deepEqual(e.changes, [{ path: 'status', before: 'in_review', after: 'done' }]);
});

test('client shape: agent actors and `changes` given as a map or a list', () => {
  const base = { timestamp: '2025-01-21T09:00:00Z', resource_type: 'issue', resource_id: 'ISS-9', description: 'x' };
  const failed = mapOne({ ...base, action: 'agent_failed', actor: { id: 'agt_1', name: 'Code Reviewer', type: 'agent' } });
  assert.equal(failed.actor.type, 'agent');
  assert.equal(failed.outcome, 'failure');
  const map = mapOne({ ...base, action: 'updated', actor: { name: 'Sarah' }, changes: { status: { from: 'todo', to: 'done' } } });
  assert.deepEqual(map.changes, [{ path: 'status', before: 'todo', after: 'done' }]);
  const list = mapOne({ ...base, action: 'updated', actor: { name: 'Sarah' }, changes: [{ field: 'priority', old_value: 'low', new_value: 'high' }] });
  assert.deepEqual(list.changes, [{ path: 'priority', before: 'low', after: 'high' }]);
});

test('claims no record of any other format', () => {
  for (const { format, file, records: recs } of allCorpora()) {
    if (format === 'workspace-activity') continue;
    for (const r of recs) assert.equal(workspaceActivityMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
