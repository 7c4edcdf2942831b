// Google Workspace Reports mapping: the real collector-split sample (events as one object), native
// activities with an events[] array, typed parameters and OLD_VALUE/NEW_VALUE changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { googleWorkspaceMapper } from '../../../electron/engine/import/mappers/googleWorkspace.ts';
import { detectMapper } from '../../../electron/engine/import/mappers/index.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const corpora = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora', 'google-workspace');
type Rec = Record<string, unknown>;

test('test-admin-updated.log: 6 split lines → 6 events without source ids, detected as Workspace', () => {
  const records = readFileSync(join(corpora, 'test-admin-updated.log'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Rec);
  assert.equal(records.length, 6);
  for (const r of records) assert.equal(detectMapper([r], {}).mapper.name, 'google-workspace');
  const events = records.flatMap((r) => googleWorkspaceMapper.map(r, {}));
  assert.equal(events.length, 6);
  // The same uniqueQualifier carries different events here, so it cannot be the dedupe key.
  assert.ok(events.every((e) => e.sourceEventId === null));

  const create = events[0]!;
  assert.equal(create.time.ms, Date.UTC(2025, 10, 14, 12, 37, 29, 480));
  assert.equal(create.system, 'google_workspace');
  assert.equal(create.action, 'CREATE_APPLICATION_SETTING');
  assert.equal(create.category, 'APPLICATION_SETTINGS');
  assert.equal(create.outcome, 'success');
  assert.deepEqual(create.actor, { id: '113316239944706535444', name: 'user@email.io', type: 'user', sourceType: 'USER', ip: '175.16.199.0', userAgent: null });
  assert.deepEqual(create.entity, { id: null, name: 'ContentCompliance rules[7] content_compliance_info', type: 'setting' });
  assert.deepEqual(create.changes, [{ path: 'ContentCompliance rules[7] content_compliance_info', after: 'REDACTED' }]);

  const change = events[2]!;
  assert.equal(change.action, 'CHANGE_APPLICATION_SETTING');
  assert.deepEqual(change.changes, [{ path: 'ExternalSharing external_sharing_mode', before: 'ALLOWED', after: 'ALLOWLISTED_DOMAINS' }]);
  assert.equal(change.description, 'CHANGE_APPLICATION_SETTING on ExternalSharing external_sharing_mode (Drive and Docs) by user@email.io (ALLOWED → ALLOWLISTED_DOMAINS)');
});

const activity: Rec = {
  kind: 'admin#reports#activity',
  id: { time: '2024-06-01T08:00:00.000Z', uniqueQualifier: '-123456789012345678901', applicationName: 'admin', customerId: 'C1' },
  actor: { callerType: 'KEY', key: 'SYSTEM', profileId: '1' },
  ipAddress: '2001:db8::1',
  events: [
    { type: 'USER_SETTINGS', name: 'CREATE_USER', parameters: [{ name: 'USER_EMAIL', value: 'new@x.com' }] },
    { type: 'GROUP_SETTINGS', name: 'ADD_GROUP_MEMBER', parameters: [{ name: 'USER_EMAIL', value: 'new@x.com' }, { name: 'GROUP_EMAIL', value: 'team@x.com' }] },
    {
      type: 'DOCUMENT', name: 'change_document_visibility',
      parameters: [
        { name: 'doc_id', value: 'd1' }, { name: 'doc_title', value: 'Plan' }, { name: 'doc_type', value: 'document' },
        { name: 'old_value', multiValue: ['private'] }, { name: 'new_value', multiValue: ['people_with_link'] },
        { name: 'owner_is_team_drive', boolValue: false }, { name: 'size', intValue: '9007199254740993' },
      ],
    },
  ],
};

test('an events[] array yields one event per element, keyed uniqueQualifier#index', () => {
  assert.equal(detectMapper([activity], { wrapperKey: 'items' }).mapper.name, 'google-workspace');
  const events = googleWorkspaceMapper.map(activity, {});
  assert.equal(events.length, 3);
  assert.deepEqual(events.map((e) => e.sourceEventId), ['-123456789012345678901#0', '-123456789012345678901#1', '-123456789012345678901#2']);
  const [create, add, doc] = events as [typeof events[0], typeof events[0], typeof events[0]];
  assert.equal(create.actor.type, 'service', 'callerType KEY is a service key');
  assert.equal(create.actor.name, 'SYSTEM');
  assert.equal(create.actor.ip, '2001:db8::1');
  assert.deepEqual(create.target, { id: null, name: 'new@x.com', type: 'user' });
  assert.deepEqual(create.entity, { id: null, name: 'new@x.com', type: 'user' });
  assert.deepEqual(add.target, { id: null, name: 'new@x.com', type: 'user' });
  assert.deepEqual(add.entity, { id: null, name: 'team@x.com', type: 'group' });
  assert.deepEqual(doc.entity, { id: 'd1', name: 'Plan', type: 'document' });
  assert.deepEqual(doc.changes, [{ path: 'value', before: ['private'], after: ['people_with_link'] }]);
});

test('login failures are failures; nested messageValue parameters do not confuse targets', () => {
  const e = googleWorkspaceMapper.map({
    id: { time: '2024-06-01T08:00:00Z', applicationName: 'login', uniqueQualifier: '7' },
    actor: { email: 'a@x.com' },
    events: [{ type: 'login', name: 'login_failure', parameters: [{ name: 'login_type', value: 'google_password' }, { name: 'meta', messageValue: { parameter: [{ name: 'USER_EMAIL', value: 'nested@x.com' }] } }] }],
  }, {})[0]!;
  assert.equal(e.outcome, 'failure');
  assert.equal(e.actor.type, 'user');
  assert.deepEqual(e.target, { id: null, name: null, type: null });
});

test('an activity with no events still yields the activity itself', () => {
  const e = googleWorkspaceMapper.map({ id: { time: '2024-01-01T00:00:00Z', uniqueQualifier: '9' }, events: [] }, {});
  assert.equal(e.length, 1);
  assert.equal(e[0]!.action, null);
  assert.equal(e[0]!.sourceEventId, '9');
});

test('not an activity: refused; detection stays quiet', () => {
  assert.throws(() => googleWorkspaceMapper.map({ events: [] }, {}), MapError);
  assert.equal(googleWorkspaceMapper.detect({ id: 'x', time: 1 }, {}), 0);
});
