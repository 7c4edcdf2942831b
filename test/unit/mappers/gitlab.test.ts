// GitLab audit events: the self-managed audit_json.log corpus (2018 and 2024 generations) plus the
// REST API and streaming shapes, as a reviewer would see them in the table and detail view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gitlabMapper } from '../../../electron/engine/import/mappers/gitlab.ts';
import { allCorpora, corpus, jsonLines } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = gitlabMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

test('audit_json.log corpus: both generations are recognised and mapped', () => {
  const records = jsonLines(corpus('gitlab-audit/test-audit.log'));
  assert.equal(records.length, 2);
  for (const r of records) assert.ok(gitlabMapper.detect(r, ctx) >= 0.9);

  const login = mapOne(records[0]!);
  assert.equal(login.system, 'gitlab');
  assert.equal(login.time.ms, Date.UTC(2024, 4, 10, 17, 46, 49, 58)); // created_at, not the later `time`
  assert.equal(login.time.text, '2024-05-10T17:46:49.058+00:00');
  assert.deepEqual(login.actor, { id: '1', name: 'Administrator', type: 'user', sourceType: null, ip: '208.58.198.174', userAgent: null });
  assert.equal(login.action, 'authentication');
  assert.equal(login.category, 'User');
  assert.deepEqual(login.entity, { id: '1', name: 'Administrator', type: 'User' });
  assert.equal(login.outcome, 'success');
  assert.equal(login.description, 'Administrator signed in (standard)');
  assert.equal(login.sourceEventId, null);

  const visibility = mapOne(records[1]!);
  assert.equal(visibility.time.ms, Date.UTC(2018, 9, 17, 17, 38, 22, 523)); // only `time` exists in 2018
  assert.equal(visibility.actor.name, 'John Doe4');
  assert.equal(visibility.action, 'change visibility');
  assert.deepEqual(visibility.entity, { id: '2', name: 'namespace2/project2', type: 'Project' });
  assert.deepEqual(visibility.changes, [{ path: 'visibility', before: 'Private', after: 'Public' }]);
  assert.match(visibility.description ?? '', /changed visibility of namespace2\/project2 from Private to Public/);
});

test('REST API entry: details carry the author, ip, message and entity path; id is the source id', () => {
  const e = mapOne({
    id: 1,
    author_id: 1,
    entity_id: 6,
    entity_type: 'Project',
    details: {
      custom_message: 'Project archived',
      author_name: 'Administrator',
      author_email: 'admin@example.com',
      target_id: 'flightjs/flight',
      target_type: 'Project',
      target_details: 'flightjs/flight',
      ip_address: '127.0.0.1',
      entity_path: 'flightjs/flight',
    },
    created_at: '2019-08-30T07:00:41.885Z',
  });
  assert.equal(e.sourceEventId, '1');
  assert.equal(e.action, 'Project archived');
  assert.equal(e.description, 'Project archived');
  assert.equal(e.actor.name, 'Administrator');
  assert.equal(e.actor.ip, '127.0.0.1');
  assert.deepEqual(e.entity, { id: '6', name: 'flightjs/flight', type: 'Project' });
  assert.equal(e.time.ms, Date.UTC(2019, 7, 30, 7, 0, 41, 885));
});

test('streaming event: event_type is the action and change/from/to under details become a change', () => {
  const r = {
    id: '9007199254740993', // beyond 2^53, already text from the JSON parser
    author_id: 1,
    author_name: 'Administrator',
    entity_id: 24,
    entity_type: 'Project',
    entity_path: 'gitlab-org/gitlab',
    event_type: 'merge_requests_author_approval_updated',
    details: { author_class: 'User', change: 'prevent merge request approval from authors', from: false, to: true, ip_address: '10.0.0.5' },
    target_id: 24,
    target_type: 'Project',
    target_details: 'gitlab-org/gitlab',
    created_at: '2024-03-01T12:00:00Z',
  };
  assert.ok(gitlabMapper.detect(r, ctx) >= 0.9);
  const e = mapOne(r);
  assert.equal(e.sourceEventId, '9007199254740993');
  assert.equal(e.action, 'merge_requests_author_approval_updated');
  assert.deepEqual(e.changes, [{ path: 'prevent merge request approval from authors', before: false, after: true }]);
  assert.equal(e.actor.ip, '10.0.0.5');
});

test('non-user authors: deploy tokens are services, unauthenticated authors unknown', () => {
  const base = { entity_id: 2, entity_type: 'Project', created_at: '2024-01-01T00:00:00Z' };
  const token = mapOne({ ...base, author_id: -2, details: { author_class: 'Gitlab::Audit::DeployTokenAuthor', author_name: 'deploy-token-7' } });
  assert.equal(token.actor.type, 'service');
  assert.equal(token.actor.sourceType, 'Gitlab::Audit::DeployTokenAuthor');
  const anon = mapOne({ ...base, author_id: -1, event_type: 'login_failed_with_standard_authentication', author_name: 'An unauthenticated user' });
  assert.equal(anon.actor.type, 'unknown');
  assert.equal(anon.outcome, 'failure');
});

test('claims no record of any other format', () => {
  for (const { format, file, records } of allCorpora()) {
    if (format === 'gitlab-audit') continue;
    for (const r of records) assert.equal(gitlabMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
