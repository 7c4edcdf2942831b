// Slack Audit Logs API entries: epoch-second times, the polymorphic entity, request context, and the
// anomaly details that a reviewer reads as "the IP and browser changed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slackMapper } from '../../../electron/engine/import/mappers/slack.ts';
import { allCorpora, corpus, jsonLines } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = slackMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

test('corpus: four entries with actors, entities, context and anomaly changes', () => {
  const records = jsonLines(corpus('slack-audit/test-audit.log'));
  assert.equal(records.length, 4);
  for (const r of records) assert.ok(slackMapper.detect(r, ctx) >= 0.9);
  const [login, created, download, anomaly] = records.map(mapOne);

  assert.equal(login!.system, 'slack');
  assert.equal(login!.time.ms, 1521214343 * 1000); // date_create is seconds
  assert.equal(login!.action, 'user_login');
  assert.deepEqual(login!.actor, {
    id: 'W123AB456',
    name: 'Charlie Parker',
    type: 'user',
    sourceType: 'user',
    ip: '81.2.69.143',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/64.0.3282.186 Safari/537.36',
  });
  assert.equal(login!.sourceEventId, '0123a45b-6c7d-8900-e12f-3456789gh0i1');
  assert.equal(login!.outcome, 'success');

  assert.equal(created!.actor.name, 'roy');
  assert.deepEqual(created!.entity, { id: 'asdfasdf', name: 'Joe Bob', type: 'user' });
  assert.deepEqual(created!.target, { id: 'asdfasdf', name: 'Joe Bob', type: 'user' });

  assert.deepEqual(download!.entity, { id: '7edc4c42-f925-47af-979a-22c10e1fefed', name: 'image.png', type: 'file' });
  assert.equal(download!.category, 'file');
  assert.equal(download!.actor.ip, '81.2.69.144');
  assert.equal(download!.actor.userAgent, 'com.tinyspeck.chatlyio/23.04.40 (iPhone; iOS 1.4.1; Scale/3.00)');
  assert.deepEqual(download!.target, { id: null, name: null, type: null });

  assert.equal(anomaly!.action, 'anomaly');
  assert.equal(anomaly!.outcome, 'warning');
  assert.deepEqual(anomaly!.changes, [
    { path: 'ip_address', before: '175.16.199.64', after: '81.2.69.143' },
    { path: 'ua', before: '', after: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:23.0) Gecko/20131011 Firefox/23.0' },
  ]);
  assert.match(anomaly!.description ?? '', /reason: asn, ip_address/);
});

test('channel entities, preference changes and failed actions', () => {
  const base = {
    id: 'e1',
    date_create: 1700000000,
    actor: { type: 'user', user: { id: 'U1', name: 'Ada', email: 'ada@example.com' } },
    context: { ip_address: '192.0.2.9', ua: 'Slack/4.0', location: { type: 'workspace', id: 'T1', name: 'Acme', domain: 'acme' } },
  };
  const renamed = mapOne({
    ...base,
    action: 'channel_renamed',
    entity: { type: 'channel', channel: { id: 'C1', name: 'incident-42', privacy: 'private', is_shared: false } },
    details: { previous_name: 'incident-tmp', new_name: 'incident-42' },
  });
  assert.deepEqual(renamed.entity, { id: 'C1', name: 'incident-42', type: 'channel' });
  assert.deepEqual(renamed.changes, [{ path: 'name', before: 'incident-tmp', after: 'incident-42' }]);

  const pref = mapOne({
    ...base,
    action: 'pref.allow_message_deletion',
    entity: { type: 'workspace', workspace: { id: 'T1', name: 'Acme', domain: 'acme' } },
    details: { previous_value: 'true', new_value: 'false' },
  });
  assert.deepEqual(pref.changes, [{ path: 'value', before: 'true', after: 'false' }]);
  assert.equal(pref.entity.name, 'Acme');

  const failed = mapOne({ ...base, action: 'user_login_failed', entity: { type: 'user', user: { id: 'U1', name: 'Ada' } } });
  assert.equal(failed.outcome, 'failure');
});

test('odd entries stay readable: missing entity and context', () => {
  const e = mapOne({ id: 'x', date_create: '1700000000', action: 'app_installed', actor: { type: 'user', user: { id: 'U9' } } });
  assert.equal(e.time.ms, 1700000000000);
  assert.equal(e.actor.id, 'U9');
  assert.deepEqual(e.entity, { id: null, name: null, type: null });
  assert.equal(e.category, 'app');
  assert.deepEqual(e.changes, []);
});

test('claims no record of any other format', () => {
  for (const { format, file, records } of allCorpora()) {
    if (format === 'slack-audit') continue;
    for (const r of records) assert.equal(slackMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
