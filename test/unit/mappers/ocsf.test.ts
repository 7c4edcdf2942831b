// OCSF events: the two CloudTrail-derived corpus files (Account Change, Authentication — the second
// starts with a blank line) and in-memory variants for status, resources and app actors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ocsfMapper } from '../../../electron/engine/import/mappers/ocsf.ts';
import { allCorpora, corpus, jsonDocument } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = ocsfMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

test('Account Change (3001): CreateUser with the target user and the IAM service', () => {
  const [r] = jsonDocument(corpus('ocsf/1_1_0_OCSF_account_change.ocsf'));
  assert.ok(ocsfMapper.detect(r!, ctx) >= 0.9);
  const e = mapOne(r!);
  assert.equal(e.system, 'ocsf');
  assert.equal(e.time.ms, 1679072879000);
  assert.equal(e.action, 'Create (CreateUser)');
  assert.equal(e.category, 'Account Change');
  assert.deepEqual(e.actor, {
    id: 'arn:aws:sts::112233445566:assumed-role/Admin/Admin-user',
    name: null,
    type: 'user',
    sourceType: 'AssumedRole',
    ip: '52.95.4.21',
    userAgent: 'AWS Internal',
  });
  assert.deepEqual(e.target, { id: 'AROA2W7SOKHEXAMPLE:Admin-user', name: 'test_user2', type: 'user' });
  assert.deepEqual(e.entity, { id: null, name: 'iam.amazonaws.com', type: 'service' });
  assert.equal(e.outcome, 'unknown'); // the record carries no status
  assert.equal(e.version, '1.1.0');
  assert.equal(e.sourceEventId, '7dd15a89-ae0f-4340-8e6c-example');
});

test('Authentication (3002): a successful console logon', () => {
  const [r] = jsonDocument(corpus('ocsf/1_1_0_OCSF_authentication.ocsf'));
  assert.ok(ocsfMapper.detect(r!, ctx) >= 0.9);
  const e = mapOne(r!);
  assert.equal(e.time.ms, 1699633474000);
  assert.equal(e.action, 'Logon (ConsoleLogin)');
  assert.equal(e.category, 'Authentication');
  assert.equal(e.status, 'Success');
  assert.equal(e.outcome, 'success');
  assert.equal(e.actor.name, 'anaya');
  assert.equal(e.actor.ip, '192.0.2.0');
  assert.match(e.actor.userAgent ?? '', /^Mozilla\/5\.0 \(Macintosh/);
  assert.equal(e.sourceEventId, 'fed06f42-cb12-4764-8c69-example');
});

test('status_id 2 is a failure, resources name the entity, message is the description', () => {
  const e = mapOne({
    class_uid: 6003,
    class_name: 'API Activity',
    category_name: 'Application Activity',
    activity_id: 3,
    activity_name: 'Update',
    time: 1710000000123,
    status_id: 2,
    status: 'Failure',
    message: 'AccessDenied when updating bucket policy',
    actor: { user: { uid: 'u-1', name: 'bob', type_id: 1, type: 'User' } },
    resources: [{ uid: 'arn:aws:s3:::finance-reports', name: 'finance-reports', type: 'AWS::S3::Bucket' }],
    metadata: { version: '1.3.0', uid: 'evt-9', product: { name: 'CloudTrail', vendor_name: 'AWS' } },
  });
  assert.equal(e.outcome, 'failure');
  assert.equal(e.description, 'AccessDenied when updating bucket policy');
  assert.deepEqual(e.entity, { id: 'arn:aws:s3:::finance-reports', name: 'finance-reports', type: 'AWS::S3::Bucket' });
  assert.equal(e.action, 'Update');
  assert.equal(e.time.ms, 1710000000123);
});

test('an application actor without a user, and a system user', () => {
  const app = mapOne({ class_uid: 3005, activity_id: 1, activity_name: 'Assign Privileges', time: 1, metadata: { version: '1.1.0' }, actor: { app_name: 'okta-sync' } });
  assert.equal(app.actor.type, 'app');
  assert.equal(app.actor.name, 'okta-sync');
  const sys = mapOne({ class_uid: 3002, activity_id: 1, time: 1, metadata: { version: '1.1.0' }, actor: { user: { uid: 'S-1-5-18', name: 'SYSTEM', type_id: 3 } } });
  assert.equal(sys.actor.type, 'system');
});

test('claims no record of any other format', () => {
  for (const { format, file, records } of allCorpora()) {
    if (format === 'ocsf') continue;
    for (const r of records) assert.equal(ocsfMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
