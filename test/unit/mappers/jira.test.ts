// Atlassian audit records: the Jira Cloud corpus (82 records) plus in-memory Data Center, Confluence
// Cloud and organization (JSON:API) events, checked for what the table and detail view show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jiraMapper } from '../../../electron/engine/import/mappers/jira.ts';
import { allCorpora, corpus, jsonLines } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = jiraMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

const records = jsonLines(corpus('atlassian-jira-audit/test-audit-cloud.log'));
const byId = (id: number) => mapOne(records.find((r) => r['id'] === id)!);

test('Jira Cloud corpus: every record recognised, ids as text, +0000 times parsed', () => {
  assert.equal(records.length, 82);
  const events = records.map((r) => {
    assert.ok(jiraMapper.detect(r, ctx) >= 0.85, `record ${String(r['id'])}`);
    return mapOne(r);
  });
  assert.ok(events.every((e) => e.system === 'jira' && typeof e.sourceEventId === 'string' && e.time.flag === 'ok'));
  // Records without authorAccountId/authorKey were done by Jira itself.
  assert.equal(events.filter((e) => e.actor.type === 'system').length, 31);
  assert.equal(events.filter((e) => e.actor.type === 'user').length, 51);
  assert.equal(events.filter((e) => e.changes.length > 0).length, 50);
  assert.equal(new Set(events.map((e) => e.category)).size, 7);

  const deleted = byId(11959);
  assert.equal(deleted.sourceEventId, '11959');
  assert.equal(deleted.time.ms, Date.UTC(2022, 0, 24, 8, 48, 5, 645));
  assert.equal(deleted.action, 'Project deleted');
  assert.equal(deleted.category, 'projects');
  assert.deepEqual(deleted.entity, { id: '10000', name: 'Test', type: 'PROJECT' });
  assert.equal(deleted.outcome, 'success');
});

test('Jira Cloud changedValues become before/after; a missing changedFrom leaves no before', () => {
  assert.deepEqual(byId(11957).changes, [
    { path: 'Field Configuration', before: 'Default Field Configuration', after: '' },
    { path: 'Issue Type', before: 'Subtask', after: '' },
  ]);
  const created = byId(11937);
  assert.equal(created.action, 'User created');
  assert.deepEqual(created.changes, [{ path: 'Active / Inactive', after: 'Active' }]);
  assert.equal('before' in created.changes[0]!, false);
  assert.deepEqual(byId(11893).changes, [
    { path: 'Customer access', before: 'Anyone with an account', after: 'Customers my team adds to the project' },
  ]);
  assert.equal(byId(11893).description, 'Update who can access the portal and send requests');
});

test('Jira Cloud author, address and the user an action was about', () => {
  const workflow = byId(11932);
  assert.equal(workflow.actor.id, '5ff328f2a9d0300107c045a6');
  assert.equal(workflow.actor.type, 'user');
  assert.equal(workflow.actor.ip, '10.83.76.139');

  const added = byId(11939);
  assert.equal(added.action, 'User added to group');
  assert.deepEqual(added.entity, { id: null, name: 'jira-software-users', type: 'GROUP' });
  assert.deepEqual(added.target, {
    id: 'ug:2281b112-0f77-4305-b779-66d30930eb83',
    name: 'ug:2281b112-0f77-4305-b779-66d30930eb83',
    type: 'USER',
  });
  assert.equal(added.actor.type, 'system');
});

test('Jira Data Center event: type{category,action}, author, affected objects and {key,from,to}', () => {
  const r = {
    author: { name: 'admin', type: 'user', id: '10000', uri: 'http://jira.example.com/secure/ViewProfile.jspa?name=admin' },
    type: { categoryI18nKey: 'jira.auditing.category.usermanagement', category: 'User management', actionI18nKey: 'jira.auditing.user.updated', action: 'User updated', area: 'USER_MANAGEMENT', level: 'BASE' },
    affectedObjects: [{ name: 'jdoe', type: 'USER', id: 'JIRAUSER10100' }],
    changedValues: [{ key: 'Email', i18nKey: 'common.words.email', from: 'jdoe@old.example.com', to: 'jdoe@example.com' }],
    source: '203.0.113.8, 10.0.0.1',
    system: 'http://jira.example.com',
    method: 'Browser',
    timestamp: '2023-05-02T09:30:00.123Z',
    id: 4521,
  };
  assert.ok(jiraMapper.detect(r, ctx) >= 0.9);
  const e = mapOne(r);
  assert.equal(e.system, 'jira');
  assert.equal(e.action, 'User updated');
  assert.equal(e.category, 'User management');
  assert.deepEqual(e.actor, { id: '10000', name: 'admin', type: 'user', sourceType: 'user', ip: '203.0.113.8', userAgent: null });
  assert.deepEqual(e.entity, { id: 'JIRAUSER10100', name: 'jdoe', type: 'USER' });
  assert.deepEqual(e.changes, [{ path: 'Email', before: 'jdoe@old.example.com', after: 'jdoe@example.com' }]);
  assert.equal(e.time.ms, Date.UTC(2023, 4, 2, 9, 30, 0, 123));
  assert.equal(e.sourceEventId, '4521');
});

test('Confluence Data Center events are told apart from Jira by their i18n keys', () => {
  const e = mapOne({
    author: { name: 'Confluence admin', type: 'user', id: '8a7f808a' },
    type: { categoryI18nKey: 'atlassian.audit.event.category.spaces', category: 'Spaces', actionI18nKey: 'confluence.audit.space.created', action: 'Space created' },
    affectedObjects: [{ name: 'Engineering', type: 'Space', id: '98305' }],
    changedValues: [],
    timestamp: '2023-05-02T10:00:00Z',
  });
  assert.equal(e.system, 'confluence');
  assert.deepEqual(e.entity, { id: '98305', name: 'Engineering', type: 'Space' });
});

test('Confluence Cloud record: epoch-ms creationDate and {name,oldValue,newValue}', () => {
  const r = {
    author: { type: 'user', displayName: 'Grace Hopper', accountId: '5b10a2844c20165700ede21g', operations: null },
    remoteAddress: '198.51.100.4',
    creationDate: 1684000000000,
    summary: 'Space permission added',
    description: '',
    category: 'Permissions',
    sysAdmin: false,
    affectedObject: { name: 'Marketing', objectType: 'Space' },
    changedValues: [{ name: 'Permission', oldValue: '', newValue: 'VIEWSPACE', hiddenOldValue: '', hiddenNewValue: '' }],
    associatedObjects: [{ name: 'Ada Lovelace', objectType: 'User' }],
  };
  assert.ok(jiraMapper.detect(r, ctx) >= 0.9);
  const e = mapOne(r);
  assert.equal(e.system, 'confluence');
  assert.equal(e.time.ms, 1684000000000);
  assert.deepEqual(e.actor, { id: '5b10a2844c20165700ede21g', name: 'Grace Hopper', type: 'user', sourceType: 'user', ip: '198.51.100.4', userAgent: null });
  assert.deepEqual(e.entity, { id: null, name: 'Marketing', type: 'Space' });
  assert.deepEqual(e.target, { id: null, name: 'Ada Lovelace', type: 'User' });
  assert.deepEqual(e.changes, [{ path: 'Permission', before: '', after: 'VIEWSPACE' }]);
  assert.equal(e.sourceEventId, null);
});

test('organization audit event (JSON:API element)', () => {
  const r = {
    id: '1e6a1c3b-7c4f-4f0a-9a53-3b1b3f0c2d11',
    type: 'events',
    attributes: {
      time: '2024-02-20T11:22:33.444Z',
      action: 'user_removed_from_group',
      actor: { id: '712020:abc', name: 'Org Admin', links: { self: 'https://api.atlassian.com/users/712020:abc/manage/profile' } },
      context: [{ id: '557058:def', type: 'users', attributes: { name: 'Ada Lovelace', email: 'ada@example.com' } }],
      container: [{ id: 'site-1', type: 'sites', attributes: { siteHostName: 'acme.atlassian.net', siteName: 'acme' } }],
      location: { ip: '203.0.113.50', geo: 'Sydney, Australia' },
    },
    links: { self: 'https://api.atlassian.com/admin/v1/orgs/o1/events/1e6a1c3b' },
  };
  assert.ok(jiraMapper.detect(r, ctx) >= 0.9);
  const e = mapOne(r);
  assert.equal(e.system, 'atlassian');
  assert.equal(e.action, 'user_removed_from_group');
  assert.equal(e.actor.name, 'Org Admin');
  assert.equal(e.actor.ip, '203.0.113.50');
  assert.deepEqual(e.target, { id: '557058:def', name: 'Ada Lovelace', type: 'users' });
  assert.equal(e.time.ms, Date.UTC(2024, 1, 20, 11, 22, 33, 444));
  assert.equal(e.sourceEventId, '1e6a1c3b-7c4f-4f0a-9a53-3b1b3f0c2d11');
});

test('a Jira id beyond 2^53 (kept as text by the parser) stays exact', () => {
  const e = mapOne({ id: '90071992547409931', summary: 'Project created', created: '2024-01-01T00:00:00.000+0000', category: 'projects', objectItem: { id: '1', name: 'X', typeName: 'PROJECT' } });
  assert.equal(e.sourceEventId, '90071992547409931');
});

test('claims no record of any other format', () => {
  for (const { format, file, records: recs } of allCorpora()) {
    if (format === 'atlassian-audit') continue;
    for (const r of recs) assert.equal(jiraMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
