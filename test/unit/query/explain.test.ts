// The query in words, for representative queries: what a person reads under the search box.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainQuery } from '../../../shared/query/index.ts';
import { parseOk } from './helpers.ts';

const explain = (q: string) => explainQuery(parseOk(q));

test('the brief\'s example', () => {
  assert.equal(
    explain('action:post.* -status:SUCCESS "token revoked" after:2024-05-05'),
    'Events whose action matches post.* and whose status is not SUCCESS, containing the phrase “token revoked”, from 5 May 2024 (UTC)',
  );
});

test('empty query', () => {
  assert.equal(explain(''), 'All events');
});

test('fields, grouped values and raw paths', () => {
  assert.equal(explain('actor:alice'), 'Events whose actor is alice');
  assert.equal(explain('type:post.created'), 'Events whose action is post.created');
  assert.equal(explain('status:(FAILED OR WARNING)'), 'Events whose status is FAILED or WARNING');
  assert.equal(explain('status:(A OR B OR C)'), 'Events whose status is one of A, B, C');
  assert.equal(explain('-status:(A OR B)'), 'Events whose status is neither A nor B');
  assert.equal(explain('-status:(A OR B OR C)'), 'Events whose status is none of A, B, C');
  assert.equal(explain('action:(login OR user.session.*)'), 'Events whose action is login or matches user.session.*');
  assert.equal(explain('NOT action:(login OR user.*)'), 'Events whose action is not login and does not match user.*');
  assert.equal(explain('entity:"Quarterly plan"'), 'Events whose entity is “Quarterly plan”');
  assert.equal(explain('actor:* -target:*'), 'Events with any actor and without any target');
  assert.equal(explain('ip:10.0.* entity_type:repo'), 'Events whose IP address matches 10.0.* and whose entity type is repo');
  assert.equal(explain('id:abc source:*.gz'), 'Events whose event id is abc and whose source file matches *.gz');
  assert.equal(explain('userIdentity.type:Root'), 'Events whose raw field userIdentity.type is Root');
});

test('text', () => {
  assert.equal(explain('admin'), 'Events containing the word “admin”');
  assert.equal(explain('adm* "token rev"*'), 'Events containing a word starting with “adm” and a phrase starting with “token rev”');
  assert.equal(explain('"admin"'), 'Events containing the word “admin”');
  assert.equal(explain('-admin -"dry run"'), 'Events not containing the word “admin” or the phrase “dry run”');
  assert.equal(explain('NOT (a OR b)'), 'Events containing neither the word “a” nor the word “b”');
});

test('time', () => {
  assert.equal(explain('after:2024-05'), 'Events from May 2024 (UTC)');
  assert.equal(explain('before:2024'), 'Events before 2024 (UTC)');
  assert.equal(explain('on:2024-05-05'), 'Events on 5 May 2024 (UTC)');
  assert.equal(explain('on:2024-05'), 'Events in May 2024 (UTC)');
  assert.equal(explain('on:2024'), 'Events in 2024 (UTC)');
  assert.equal(explain('on:2024-05-05T10:30+02:00'), 'Events at 08:30 on 5 May 2024 (UTC)');
  assert.equal(explain('after:2024-05-05T10:30:05.25Z'), 'Events from 10:30:05.250 on 5 May 2024 (UTC)');
  assert.equal(explain('after:2024-01-01 before:2024-02-01'), 'Events from 1 January 2024 and before 1 February 2024 (UTC)');
  assert.equal(explain('after:-7d'), 'Events in the last 7 days');
  assert.equal(explain('after:-1h before:-30m'), 'Events in the last hour and more than 30 minutes ago');
  assert.equal(explain('after:-3mo'), 'Events in the last 3 months');
  assert.equal(explain('on:today'), 'Events today (UTC)');
  assert.equal(explain('after:yesterday'), 'Events from yesterday (UTC)');
  assert.equal(explain('before:now'), 'Events before now');
  assert.equal(explain('on:-7d'), 'Events on the day 7 days ago (UTC)');
  assert.equal(explain('on:-1h'), 'Events on the day 1 hour ago (UTC)');
  assert.equal(explain('on:now'), 'Events today (UTC)');
});

test('OR, NOT and nesting keep their structure', () => {
  assert.equal(explain('a OR b'), 'Events either containing the word “a” or containing the word “b”');
  assert.equal(explain('actor:bob OR (status:FAILED login)'), 'Events either whose actor is bob or (whose status is FAILED, containing the word “login”)');
  assert.equal(explain('system:okta (a OR actor:x)'), 'Events whose system is okta, (either containing the word “a” or whose actor is x)');
  assert.equal(explain('NOT (actor:bob login)'), 'Events not (whose actor is bob, containing the word “login”)');
  assert.equal(explain('-after:2024'), 'Events not from 2024 (UTC)');
});
