// Back-office activity log (seed 003): the CSV fixture with all four types and statuses, JSON
// Before/After cells, a multi-line error, and in-memory JSON records with other header spellings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backofficeActivityMapper } from '../../../electron/engine/import/mappers/backofficeActivity.ts';
import { allCorpora, csvRows, seedFixture } from './corpusFiles.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = backofficeActivityMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

const rows = csvRows(seedFixture('backoffice-activity.csv'));
const events = rows.map((r) => mapOne(r));
const byId = (id: string) => events.find((e) => e.sourceEventId === id)!;

test('fixture: twenty rows, every type and status, read as category and outcome', () => {
  assert.equal(rows.length, 20);
  for (const r of rows) assert.ok(backofficeActivityMapper.detect(r, ctx) >= 0.9);
  assert.deepEqual([...new Set(events.map((e) => e.category))].sort(), ['BACKGROUND_JOB', 'SYSTEM_EVENT', 'USER_ACTION', 'WEBHOOK']);
  const outcomes = Object.fromEntries(events.map((e) => [e.status, e.outcome]));
  assert.deepEqual(outcomes, { SUCCESS: 'success', IN_PROGRESS: 'in_progress', WARNING: 'warning', FAILED: 'failure' });
  assert.ok(events.every((e) => e.system === 'backoffice' && e.time.flag === 'ok'));
  assert.equal(byId('act_20260310_0005').time.ms, Date.UTC(2026, 2, 10, 7, 30, 0)); // +01:00
});

test('Event splits into the action and the entity it names', () => {
  const job = byId('act_20260310_0006');
  assert.equal(job.action, 'PROCESS_RELEASE_PAYMENTS');
  assert.deepEqual(job.entity, { id: 'rel_2026_spring_reds', name: 'Spring 2026 Reds', type: 'release' });
  assert.equal(job.description, 'PROCESS_RELEASE_PAYMENTS · Spring 2026 Reds');
  const contact = byId('act_20260309_0002');
  assert.equal(contact.action, 'Contact updated');
  assert.deepEqual(contact.entity, { id: 'con_5521', name: 'Alex Chen', type: 'contact' });
  const webhook = byId('act_20260310_0007');
  assert.equal(webhook.action, 'payment_intent.succeeded');
  assert.deepEqual(webhook.entity, { id: 'pi_3OzQk2LkdIwHu7ix0Yq1Ab9c', name: null, type: 'payment' });
});

test('actors: team members are users, `system` is the system, webhook senders are external services', () => {
  assert.deepEqual(byId('act_20260309_0002').actor, { id: null, name: 'Riley Park', type: 'user', sourceType: 'team member', ip: null, userAgent: null });
  assert.equal(byId('act_20260309_0003').actor.type, 'system');
  const stripe = byId('act_20260310_0008').actor;
  assert.equal(stripe.name, 'Stripe');
  assert.equal(stripe.type, 'service');
  assert.equal(stripe.sourceType, 'external');
});

test('Before/After JSON cells (quotes and commas inside) become field changes', () => {
  assert.deepEqual(byId('act_20260309_0002').changes, [{ path: 'tags', before: [], after: ['VIP', 'Wine Club, Reds'] }]);
  assert.deepEqual(byId('act_20260309_0001').changes.map((c) => c.path), ['name', 'email', 'status', 'tags']);
  assert.ok(byId('act_20260309_0001').changes.every((c) => !('before' in c)));
  assert.deepEqual(byId('act_20260310_0010').changes.find((c) => c.path === 'modification.reason'), {
    path: 'modification.reason',
    after: 'Out of stock, "vintage" substitution',
  });
  assert.deepEqual(byId('act_20260311_0014').changes, [
    { path: 'email', before: 'maria.g@example.net', after: 'maria.gonzalez@example.net' },
    { path: 'phone', before: null, after: '+1 707 555 0142' },
  ]);
  // Plain values: one change for the field the row is about.
  assert.deepEqual(byId('act_20260312_0017').changes, [{ path: 'value', before: '3', after: '5' }]);
});

test('a failed job shows the first line of its multi-line error', () => {
  const failed = byId('act_20260309_0004');
  assert.equal(failed.outcome, 'failure');
  assert.equal(failed.description, 'SYNC_SQUARE_STOCK: SquareApiError: 429 Too Many Requests');
});

test('JSON records with lower-case keys, a mis-decoded separator and a Field column', () => {
  const r = {
    timestamp: '2026-04-01T12:00:00Z',
    type: 'user_action',
    status: 'success',
    actor: 'Alex Morgan',
    event: 'Product updated Â· Pinot Noir 2022',
    field: 'price',
    before: '34.00',
    after: '36.50',
    id: 'a-1',
  };
  assert.ok(backofficeActivityMapper.detect(r, ctx) >= 0.9);
  const e = mapOne(r);
  assert.equal(e.action, 'Product updated');
  assert.deepEqual(e.entity, { id: null, name: 'Pinot Noir 2022', type: 'product' });
  assert.equal(e.category, 'USER_ACTION');
  assert.equal(e.outcome, 'success');
  assert.deepEqual(e.changes, [{ path: 'price', before: '34.00', after: '36.50' }]);
});

test('claims no record of any other format', () => {
  for (const { format, file, records } of allCorpora()) {
    if (format === 'backoffice-activity') continue;
    for (const r of records) assert.equal(backofficeActivityMapper.detect(r, ctx), 0, `${file} claimed`);
  }
});
