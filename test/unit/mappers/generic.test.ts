// The generic fallback: any JSON object or CSV row gets its time, actor, action, status, description,
// entity and ip found by their usual names, so an unknown export is still browsable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { genericMapper } from '../../../electron/engine/import/mappers/generic.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const ctx = {};
const mapOne = (r: Record<string, unknown>) => {
  const events = genericMapper.map(r, ctx);
  assert.equal(events.length, 1);
  return events[0]!;
};

test('detects everything with the same small confidence so any specific format wins', () => {
  assert.equal(genericMapper.detect({}, ctx), 0.05);
  assert.equal(genericMapper.detect({ action: 'x', timestamp: 1 }, ctx), 0.05);
});

test('snake_case JSON: the usual names', () => {
  const e = mapOne({
    id: 'evt_1',
    created_at: '2025-06-01T12:00:00Z',
    user_name: 'alice',
    event_type: 'document.shared',
    result: 'SUCCESS',
    message: 'alice shared Q2 plan with bob',
    ip_address: '192.0.2.10',
    user_agent: 'curl/8.0',
    source: 'docs-app',
    version: 2,
  });
  assert.equal(e.time.ms, Date.UTC(2025, 5, 1, 12));
  assert.equal(e.actor.name, 'alice');
  assert.equal(e.actor.ip, '192.0.2.10');
  assert.equal(e.actor.userAgent, 'curl/8.0');
  assert.equal(e.action, 'document.shared');
  assert.equal(e.status, 'SUCCESS');
  assert.equal(e.outcome, 'success');
  assert.equal(e.description, 'alice shared Q2 plan with bob');
  assert.equal(e.system, 'docs-app');
  assert.equal(e.version, '2');
  assert.equal(e.sourceEventId, 'evt_1');
});

test('camelCase and CSV headers in other cases; @timestamp; epoch ms', () => {
  const e = mapOne({ '@timestamp': 1717243200000, userId: 'u-7', eventName: 'Login', Outcome: 'Failed', ClientIP: '198.51.100.3' });
  assert.equal(e.time.ms, 1717243200000);
  assert.equal(e.actor.id, 'u-7');
  assert.equal(e.action, 'Login');
  assert.equal(e.outcome, 'failure');
  assert.equal(e.actor.ip, '198.51.100.3');
  assert.equal(e.system, 'unknown');

  const row = mapOne({ 'Event Time': '2025-01-02 03:04:05', 'Performed By': 'ops-bot', Activity: 'Backup finished', Status: 'ok', 'Remote Addr': '10.1.1.1' });
  assert.equal(row.time.flag, 'no_zone');
  assert.equal(row.actor.name, 'ops-bot');
  assert.equal(row.action, 'Backup finished');
  assert.equal(row.outcome, 'success');
  assert.equal(row.actor.ip, '10.1.1.1');
});

test('actor, entity and target objects; entity_* columns', () => {
  const e = mapOne({
    timestamp: '2025-02-02T00:00:00Z',
    actor: { id: 'U1', name: 'Ada', type: 'user', ip: '203.0.113.1' },
    action: 'member.removed',
    target: { id: 'U2', name: 'Bob', type: 'user' },
    entity_type: 'team',
    entity_id: 'T9',
    entity_name: 'Platform',
    success: false,
  });
  assert.deepEqual(e.actor, { id: 'U1', name: 'Ada', type: 'user', sourceType: 'user', ip: '203.0.113.1', userAgent: null });
  assert.deepEqual(e.target, { id: 'U2', name: 'Bob', type: 'user' });
  assert.deepEqual(e.entity, { id: 'T9', name: 'Platform', type: 'team' });
  assert.equal(e.outcome, 'failure');
});

test('before/after in the common shapes', () => {
  assert.deepEqual(mapOne({ action: 'u', before: { a: 1, b: 2 }, after: { a: 1, b: 3 } }).changes, [{ path: 'b', before: 2, after: 3 }]);
  assert.deepEqual(mapOne({ action: 'u', old_value: 'x', new_value: 'y', field: 'color' }).changes, [{ path: 'color', before: 'x', after: 'y' }]);
  assert.deepEqual(mapOne({ action: 'u', changes: { title: { from: 'A', to: 'B' } } }).changes, [{ path: 'title', before: 'A', after: 'B' }]);
  assert.deepEqual(mapOne({ action: 'u', changes: [{ field: 'role', old: 'member', new: 'admin' }] }).changes, [{ path: 'role', before: 'member', after: 'admin' }]);
  assert.deepEqual(mapOne({ action: 'u', before: '{"x":"1"}', after: '{"x":"2"}' }).changes, [{ path: 'x', before: '1', after: '2' }]);
  assert.deepEqual(mapOne({ action: 'u', previous_visibility: 'private', visibility: 'public' }).changes, [{ path: 'visibility', before: 'private', after: 'public' }]);
});

test('a record with nothing recognisable still maps, with a missing time', () => {
  const e = mapOne({ foo: 'bar' });
  assert.equal(e.time.flag, 'missing');
  assert.equal(e.action, null);
  assert.equal(e.system, 'unknown');
  assert.equal(e.outcome, 'unknown');
});

test('a non-object is a MapError with a readable reason', () => {
  assert.throws(() => genericMapper.map([1, 2] as unknown as Record<string, unknown>, ctx), (e: unknown) => e instanceof MapError && /array/.test(e.message));
  assert.throws(() => genericMapper.map(null as unknown as Record<string, unknown>, ctx), (e: unknown) => e instanceof MapError && /null/.test(e.message));
  assert.throws(() => genericMapper.map('x' as unknown as Record<string, unknown>, ctx), MapError);
});
