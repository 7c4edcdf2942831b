// CRM organization activity log (seed 004): the CSV fixture across categories, entity types from the
// action's noun, and `from "X" to "Y"` descriptions read as before/after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crmActivityMapper } from '../../../electron/engine/import/mappers/crmActivity.ts';
import { allCorpora, csvRows, seedFixture } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = crmActivityMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

const rows = csvRows(seedFixture('crm-activity.csv'));
const events = rows.map((r) => mapOne(r));
const first = (action: string) => events.find((e) => e.action === action)!;

test('fixture: every row recognised, categories kept, times with offsets parsed', () => {
  assert.equal(rows.length, 17);
  for (const r of rows) assert.ok(crmActivityMapper.detect(r, ctx) >= 0.9);
  assert.deepEqual([...new Set(events.map((e) => e.category))].sort(), ['API Keys', 'Clients', 'Files', 'Leads', 'Members', 'Subscription', 'Tasks']);
  assert.ok(events.every((e) => e.system === 'crm' && e.time.flag === 'ok' && e.actor.type === 'user'));
  assert.equal(first('Lead Status Changed').time.ms, Date.UTC(2025, 10, 3, 13, 5, 17)); // +01:00
});

test('Lead Status Changed: a Lead entity and a status change from the description', () => {
  const e = first('Lead Status Changed');
  assert.deepEqual(e.entity, { id: null, name: 'Acme Logistics', type: 'Lead' });
  assert.deepEqual(e.changes, [{ path: 'status', before: 'New', after: 'Contacted' }]);
  assert.equal(e.actor.name, 'Marco Bianchi');
  assert.equal(e.description, 'Changed status of lead "Acme Logistics" from "New" to "Contacted"');
  assert.equal(e.outcome, 'success');
});

test('other entity types and changes: roles, plans, seats, API keys, clients', () => {
  assert.deepEqual(first('Member Role Changed').changes, [{ path: 'role', before: 'Member', after: 'Admin' }]);
  assert.deepEqual(first('Member Role Changed').entity, { id: null, name: 'Jamal Wright', type: 'Member' });
  assert.deepEqual(first('Plan Changed').changes, [{ path: 'plan', before: 'Starter', after: 'Growth' }]);
  assert.equal(first('Plan Changed').entity.type, 'Subscription');
  assert.deepEqual(first('Seats Updated').changes, [{ path: 'seats', before: '5', after: '8' }]);
  assert.deepEqual(first('API Key Revoked').entity, { id: null, name: 'Zapier sync', type: 'API Key' });
  assert.deepEqual(first('Client Created').entity, { id: null, name: 'Acme Logistics GmbH', type: 'Client' });
  assert.deepEqual(first('Lead Bulk Deleted').changes, []);
});

test('only the AI failure event is a failure', () => {
  assert.deepEqual(events.filter((e) => e.outcome === 'failure').map((e) => e.action), ['File Embedding Failed']);
});

test('JSON records with other key spellings', () => {
  const e = mapOne({ action: 'Task Bulk Assignee Changed', category: 'Tasks', user: 'Ana', date: '2025-12-01T08:00:00Z', description: 'Changed assignee of 3 tasks from Ana to Ben', id: 'log_1' });
  assert.equal(e.sourceEventId, 'log_1');
  assert.deepEqual(e.changes, [{ path: 'assignee', before: 'Ana', after: 'Ben' }]);
  assert.equal(e.entity.type, 'Task');
});

test('claims no record of any other format (a Jira record is not CRM activity)', () => {
  for (const { format, file, records } of allCorpora()) {
    if (format === 'crm-activity') continue;
    for (const r of records) assert.equal(crmActivityMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
