// CloudTrail mapping: the real sample files, LookupEvents wrappers, Insight events, failures, console
// sign-ins and EC2 state changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudtrailMapper } from '../../../electron/engine/import/mappers/cloudtrail.ts';
import { detectMapper } from '../../../electron/engine/import/mappers/index.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const corpora = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora', 'aws-cloudtrail');
type Rec = Record<string, unknown>;
const mapOne = (r: Rec) => {
  const events = cloudtrailMapper.map(r, {});
  assert.equal(events.length, 1);
  return events[0]!;
};

test('test.json (S3 Records shape): 29 events, all detected as CloudTrail', () => {
  const records = (JSON.parse(readFileSync(join(corpora, 'test.json'), 'utf8')) as { Records: Rec[] }).Records;
  assert.equal(records.length, 29);
  for (const r of records) assert.equal(detectMapper([r], { wrapperKey: 'Records' }).mapper.name, 'aws-cloudtrail');
  const events = records.flatMap((r) => cloudtrailMapper.map(r, {}));
  assert.equal(events.length, 29);
  assert.equal(new Set(events.map((e) => e.sourceEventId)).size, 29, 'eventID is the unique source id');

  const first = events[0]!;
  assert.equal(first.time.ms, Date.UTC(2021, 6, 5, 13, 3, 37));
  assert.equal(first.system, 'aws');
  assert.equal(first.action, 'ListBackupJobs');
  assert.equal(first.category, 'backup');
  assert.equal(first.outcome, 'success');
  assert.deepEqual(first.actor, {
    id: 'arn:aws:iam::015043439996:root', name: 'root', type: 'user', sourceType: 'Root', ip: '59.147.205.157',
    userAgent: first.actor.userAgent,
  });
  assert.equal(first.version, '1.08');
  assert.equal(first.sourceEventId, '78f457a5-6523-4407-a80a-e6253f9fd034');
  assert.deepEqual(first.changes, [], 'requestParameters are a request, not a diff');

  const guardduty = events.find((e) => e.actor.sourceType === 'AWSService')!;
  assert.equal(guardduty.action, 'AssumeRole');
  assert.equal(guardduty.actor.type, 'service');
  assert.equal(guardduty.actor.name, 'guardduty.amazonaws.com');
  assert.equal(guardduty.actor.ip, null, 'a service hostname is not an IP address');
  assert.equal(guardduty.entity.type, 'AWS::IAM::Role');
  assert.equal(guardduty.entity.name, 'AWSServiceRoleForAmazonGuardDuty');
});

test('account_change.raw (one bare record): CreateUser by an assumed role', () => {
  const r = JSON.parse(readFileSync(join(corpora, 'account_change.raw'), 'utf8')) as Rec;
  assert.equal(detectMapper([r], {}).mapper.name, 'aws-cloudtrail');
  const e = mapOne(r);
  assert.equal(e.action, 'CreateUser');
  assert.equal(e.category, 'iam');
  assert.equal(e.time.ms, Date.UTC(2023, 2, 17, 17, 7, 59));
  assert.equal(e.actor.id, 'arn:aws:sts::112233445566:assumed-role/Admin/Admin-user');
  assert.equal(e.actor.name, 'Admin/Admin-user');
  assert.equal(e.actor.type, 'user');
  assert.equal(e.actor.sourceType, 'AssumedRole');
  assert.equal(e.actor.ip, '52.95.4.21');
  assert.deepEqual(e.entity, { id: 'arn:aws:iam::112233445566:user/test_user2', name: 'test_user2', type: 'AWS::IAM::User' });
  assert.equal(e.target.name, 'test_user2');
  assert.equal(e.outcome, 'success');
  assert.equal(e.description, 'CreateUser on test_user2 by Admin/Admin-user');
});

const base: Rec = {
  eventVersion: '1.08', eventTime: '2024-01-02T03:04:05Z', eventSource: 's3.amazonaws.com', eventName: 'GetBucketAcl',
  awsRegion: 'us-east-1', eventID: 'e-1', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/alice', userName: 'alice' },
  sourceIPAddress: '203.0.113.9', requestParameters: { bucketName: 'logs' },
};

test('errorCode means failure, with the error in status and description', () => {
  const e = mapOne({ ...base, errorCode: 'AccessDenied', errorMessage: 'Access Denied' });
  assert.equal(e.outcome, 'failure');
  assert.equal(e.status, 'AccessDenied');
  assert.equal(e.description, 'GetBucketAcl on logs by alice (AccessDenied: Access Denied)');
  assert.deepEqual(e.entity, { id: null, name: 'logs', type: 'AWS::S3::Bucket' });
});

test('console sign-in outcome comes from responseElements.ConsoleLogin', () => {
  const signIn = { ...base, eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', requestParameters: null };
  const failed = mapOne({ ...signIn, responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication' });
  assert.equal(failed.outcome, 'failure');
  assert.equal(failed.status, 'Failure');
  const ok = mapOne({ ...signIn, responseElements: { ConsoleLogin: 'Success' } });
  assert.equal(ok.outcome, 'success');
  assert.equal(ok.status, 'Success');
});

test('LookupEvents elements: the CloudTrailEvent string is the record', () => {
  const inner = { ...base, eventName: 'DeleteBucket' };
  const lookup: Rec = {
    EventId: 'e-1', EventName: 'DeleteBucket', ReadOnly: 'false', EventTime: '2024-01-02T03:04:05+00:00', Username: 'alice',
    Resources: [{ ResourceType: 'AWS::S3::Bucket', ResourceName: 'logs' }], CloudTrailEvent: JSON.stringify(inner),
  };
  assert.equal(detectMapper([lookup], {}).mapper.name, 'aws-cloudtrail');
  const e = mapOne(lookup);
  assert.equal(e.action, 'DeleteBucket');
  assert.equal(e.actor.id, 'arn:aws:iam::1:user/alice');
  assert.equal(e.actor.ip, '203.0.113.9');
  assert.equal(e.sourceEventId, 'e-1');
  assert.equal(e.time.ms, Date.UTC(2024, 0, 2, 3, 4, 5));
});

test('LookupEvents element with a broken CloudTrailEvent still maps from its summary fields', () => {
  const e = mapOne({ EventId: 'e-9', EventName: 'StopInstances', EventTime: 1704164645, Username: 'bob', CloudTrailEvent: '{"truncated' });
  assert.equal(e.action, 'StopInstances');
  assert.equal(e.actor.name, 'bob');
  assert.equal(e.time.ms, 1704164645000);
  assert.equal(e.sourceEventId, 'e-9');
});

test('Insight events have no userIdentity and no outcome', () => {
  const e = mapOne({
    eventVersion: '1.08', eventTime: '2024-01-02T03:04:00Z', awsRegion: 'us-east-1', eventID: 'i-1',
    eventType: 'AwsCloudTrailInsight', eventSource: 'ssm.amazonaws.com', eventName: 'UpdateInstanceAssociationStatus',
    insightDetails: { state: 'Start', insightType: 'ApiCallRateInsight' }, eventCategory: 'Insight',
  });
  assert.equal(e.actor.type, 'system');
  assert.equal(e.actor.id, null);
  assert.equal(e.outcome, 'unknown');
  assert.equal(e.description, 'ApiCallRateInsight Start for UpdateInstanceAssociationStatus');
});

test('EC2 previousState/currentState become changes', () => {
  const e = mapOne({
    ...base, eventSource: 'ec2.amazonaws.com', eventName: 'StopInstances', requestParameters: { instancesSet: { items: [{ instanceId: 'i-0abc' }] } },
    responseElements: { instancesSet: { items: [{ instanceId: 'i-0abc', currentState: { code: 64, name: 'stopping' }, previousState: { code: 16, name: 'running' } }] } },
  });
  assert.deepEqual(e.entity, { id: 'i-0abc', name: 'i-0abc', type: 'AWS::EC2::Instance' });
  assert.deepEqual(e.changes, [
    { path: 'state.code', before: 16, after: 64 },
    { path: 'state.name', before: 'running', after: 'stopping' },
  ]);
});

test('resources[] names the entity before requestParameters do', () => {
  const e = mapOne({ ...base, resources: [{ ARN: 'arn:aws:s3:::logs/key.txt', type: 'AWS::S3::Object', accountId: '1' }] });
  assert.deepEqual(e.entity, { id: 'arn:aws:s3:::logs/key.txt', name: 'key.txt', type: 'AWS::S3::Object' });
});

test('missing optional fields never throw; a record with nothing of CloudTrail does', () => {
  const e = mapOne({ eventName: 'GetObject', eventSource: 's3.amazonaws.com' });
  assert.equal(e.time.flag, 'missing');
  assert.equal(e.actor.type, null);
  assert.equal(e.sourceEventId, null);
  assert.throws(() => cloudtrailMapper.map({ hello: 'world' }, {}), MapError);
});

test('detection is confident for CloudTrail and quiet for other shapes', () => {
  assert.equal(cloudtrailMapper.detect(base, {}), 0.95);
  assert.equal(cloudtrailMapper.detect({ action: 'repo.create', actor: 'x' }, {}), 0);
});
