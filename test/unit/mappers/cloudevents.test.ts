// CloudEvents structured JSON: the GCP audit-log corpus event (actor, method and resource come from
// the LogEntry payload) and plain envelopes whose meaning is only type, source and subject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudeventsMapper } from '../../../electron/engine/import/mappers/cloudevents.ts';
import { allCorpora, corpus, jsonDocument } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = cloudeventsMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

test('corpus: a BigQuery job-completed audit entry wrapped in a CloudEvent', () => {
  const [r] = jsonDocument(corpus('cloudevents/LogEntryData-bigqueryjobcompleted.json'));
  assert.ok(cloudeventsMapper.detect(r!, ctx) >= 0.9);
  const e = mapOne(r!);
  assert.equal(e.system, 'gcp');
  assert.equal(e.action, 'jobservice.jobcompleted');
  assert.equal(e.category, 'data_access');
  assert.deepEqual(e.actor, {
    id: 'robot@test-project.iam.gserviceaccount.com',
    name: 'robot@test-project.iam.gserviceaccount.com',
    type: 'service',
    sourceType: null,
    ip: '2620:15c:0:200:1a75:e914:115b:e970',
    userAgent: 'google-cloud-sdk357.0.0 (gzip),gzip(gfe)',
  });
  assert.deepEqual(e.entity, { id: 'projects/test-project/jobs/sample-job', name: 'sample-job', type: 'bigquery_resource' });
  assert.equal(e.outcome, 'success');
  // time has nanoseconds: the ms and the sub-ms digits are both kept.
  assert.equal(e.time.ms, Date.UTC(2021, 10, 25, 21, 56, 0, 653));
  assert.equal(e.time.subMsNanos, 866570);
  assert.equal(e.version, '1.0');
  assert.equal(
    e.sourceEventId,
    '//cloudaudit.googleapis.com/projects/test-project/logs/data_access#projects/test-project/logs/cloudaudit.googleapis.com%2Fdata_access1234567123456789',
  );
});

const auditEvent = (proto: Record<string, unknown>) => ({
  specversion: '1.0',
  id: 'abc-1',
  source: '//cloudaudit.googleapis.com/projects/p1/logs/activity',
  type: 'google.cloud.audit.log.v1.written',
  time: '2024-04-01T10:00:00Z',
  data: { logName: 'projects/p1/logs/cloudaudit.googleapis.com%2Factivity', protoPayload: proto, resource: { type: 'gcs_bucket' } },
});

test('a denied call is a failure with the status message; original state vs request become changes', () => {
  const denied = mapOne(auditEvent({
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    methodName: 'storage.setIamPermissions',
    resourceName: 'projects/_/buckets/finance',
    authenticationInfo: { principalEmail: 'mallory@example.com' },
    status: { code: 7, message: 'PERMISSION_DENIED: caller lacks storage.buckets.setIamPolicy' },
  }));
  assert.equal(denied.outcome, 'failure');
  assert.equal(denied.status, '7');
  assert.equal(denied.description, 'PERMISSION_DENIED: caller lacks storage.buckets.setIamPolicy');
  assert.equal(denied.actor.type, 'user');
  assert.equal(denied.category, 'activity');

  const updated = mapOne(auditEvent({
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    methodName: 'storage.buckets.update',
    resourceName: 'projects/_/buckets/finance',
    authenticationInfo: { principalEmail: 'ops@example.com' },
    resourceOriginalState: { '@type': 'type.googleapis.com/google.storage.v1.Bucket', labels: { env: 'dev' }, versioning: { enabled: true } },
    request: { '@type': 'type.googleapis.com/google.storage.v1.Bucket', labels: { env: 'prod' }, versioning: { enabled: true } },
    status: {},
  }));
  assert.equal(updated.outcome, 'success');
  assert.deepEqual(updated.changes, [{ path: 'labels.env', before: 'dev', after: 'prod' }]);
});

test('a plain envelope: system from the source host, action = type, entity = subject', () => {
  const r = {
    specversion: '1.0',
    type: 'com.github.pull_request.opened',
    source: 'https://github.com/cloudevents/spec/pull',
    subject: '123',
    id: 'A234-1234-1234',
    time: '2018-04-05T17:31:00Z',
    datacontenttype: 'application/json',
    data: { action: 'opened', number: 123 },
  };
  assert.ok(cloudeventsMapper.detect(r, ctx) >= 0.9);
  const e = mapOne(r);
  assert.equal(e.system, 'github.com');
  assert.equal(e.action, 'com.github.pull_request.opened');
  assert.deepEqual(e.entity, { id: '123', name: '123', type: null });
  assert.equal(e.outcome, 'unknown');
  assert.equal(e.time.ms, Date.UTC(2018, 3, 5, 17, 31, 0));
  assert.equal(e.sourceEventId, 'https://github.com/cloudevents/spec/pull#A234-1234-1234');

  const urn = mapOne({ ...r, source: 'urn:event:from:myapi/resource/123', data: { protoPayload: { '@type': 'type.example/Other' } } });
  assert.equal(urn.system, 'urn:event:from:myapi/resource/123');
});

test('claims no record of any other format', () => {
  for (const { format, file, records } of allCorpora()) {
    if (format === 'cloudevents') continue;
    for (const r of records) assert.equal(cloudeventsMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
