// Okta System Log mapping: the real NDJSON sample and the target[] / outcome edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { oktaMapper } from '../../../electron/engine/import/mappers/okta.ts';
import { detectMapper } from '../../../electron/engine/import/mappers/index.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const corpora = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora', 'okta');
type Rec = Record<string, unknown>;
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Rec);

test('system-log.ndjson: 14 events, every one detected as Okta and mapped', () => {
  const records = lines(join(corpora, 'system-log.ndjson'));
  assert.equal(records.length, 14);
  assert.equal(detectMapper(records, {}).mapper.name, 'okta');
  for (const r of records) assert.equal(detectMapper([r], {}).mapper.name, 'okta');
  const events = records.flatMap((r) => oktaMapper.map(r, {}));
  assert.equal(events.length, 14);
  assert.equal(new Set(events.map((e) => e.action)).size, 14, '14 distinct event types');
  assert.ok(events.every((e) => e.system === 'okta' && e.time.flag === 'ok' && e.sourceEventId !== null));

  const login = events[0]!;
  assert.equal(login.action, 'user.session.start');
  assert.equal(login.category, 'user');
  assert.equal(login.time.ms, Date.UTC(2026, 1, 10, 16, 19, 37, 769));
  assert.equal(login.status, 'SUCCESS');
  assert.equal(login.outcome, 'success');
  assert.equal(login.description, 'User login to Okta');
  assert.deepEqual(login.actor, {
    id: 'syn00000001', name: 'Jane Doe', type: 'user', sourceType: 'User', ip: '198.51.100.1',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Mobile/15E148 Safari/604.1',
  });
  // target[] = [AuthenticatorEnrollment, AppInstance, User]: the User is the target, the first other the entity.
  assert.deepEqual(login.target, { id: 'syn00000001', name: 'Jane Doe', type: 'User' });
  assert.deepEqual(login.entity, { id: 'syn00000002', name: 'Okta Verify', type: 'AuthenticatorEnrollment' });
  assert.equal(login.sourceEventId, '00000000-0000-0000-0000-000000000004');
  assert.equal(login.version, '0');

  const sso = events[1]!;
  assert.deepEqual(sso.entity, { id: 'syn00000008', name: 'Slack', type: 'AppInstance' });
  assert.deepEqual(sso.target, { id: null, name: null, type: null }, 'AppUser is not a User');

  const failed = events.find((e) => e.action === 'user.lifecycle.create')!;
  assert.equal(failed.outcome, 'failure');
  assert.equal(failed.actor.type, 'system');
  assert.equal(failed.actor.sourceType, 'SystemPrincipal');

  const allow = events.find((e) => e.status === 'ALLOW')!;
  assert.equal(allow.outcome, 'success');
});

const minimal: Rec = { uuid: 'u-1', published: '2024-05-01T10:00:00.000Z', eventType: 'user.account.lock', version: '0' };

test('outcome words: DENY fails, CHALLENGE is in progress, SKIPPED and missing are unknown', () => {
  const outcome = (result: unknown) => oktaMapper.map({ ...minimal, outcome: { result } }, {})[0]!.outcome;
  assert.equal(outcome('DENY'), 'failure');
  assert.equal(outcome('CHALLENGE'), 'in_progress');
  assert.equal(outcome('SKIPPED'), 'unknown');
  assert.equal(oktaMapper.map(minimal, {})[0]!.outcome, 'unknown');
});

test('null target, null client and no displayMessage still map, with a synthesized description', () => {
  const e = oktaMapper.map({ ...minimal, target: null, client: null, actor: { id: 'a1', type: 'User', alternateId: 'x@y.z' } }, {})[0]!;
  assert.deepEqual(e.target, { id: null, name: null, type: null });
  assert.deepEqual(e.entity, { id: null, name: null, type: null });
  assert.equal(e.actor.name, 'x@y.z', 'alternateId stands in for a missing displayName');
  assert.equal(e.actor.ip, null);
  assert.equal(e.description, 'user.account.lock by x@y.z');
});

test('app actors are apps; the source word is kept', () => {
  const e = oktaMapper.map({ ...minimal, actor: { id: 'c1', type: 'PublicClientApp', displayName: 'CLI' } }, {})[0]!;
  assert.equal(e.actor.type, 'app');
  assert.equal(e.actor.sourceType, 'PublicClientApp');
  const odd = oktaMapper.map({ ...minimal, actor: { id: 'c2', type: 'Martian' } }, {})[0]!;
  assert.equal(odd.actor.type, 'unknown');
});

test('records that are not Okta events are refused with a reason', () => {
  assert.throws(() => oktaMapper.map({ foo: 1 }, {}), MapError);
  assert.equal(oktaMapper.detect({ foo: 1 }, {}), 0);
});
