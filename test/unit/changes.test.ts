// Before/after normalization: one case per source shape, plus the bounds hostile input meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  changesFromChangeFromTo, changesFromFieldMap, changesFromList, changesFromPrefixedKeys, decodeJsonString, diffObjects,
} from '../../electron/engine/import/changes.ts';

test('decodeJsonString parses JSON objects and arrays hidden in strings', () => {
  assert.deepEqual(decodeJsonString('[\r\n  true\r\n]'), [true]); // M365 ModifiedProperties value
  assert.deepEqual(decodeJsonString(' {"a":{"b":[1,2]}} '), { a: { b: [1, 2] } });
  assert.deepEqual(decodeJsonString('{"id":12345678901234567890}'), { id: '12345678901234567890' }, 'big integers keep their digits');
});

test('decodeJsonString leaves everything else alone', () => {
  for (const v of ['plain', '', 'true', '42', '"quoted"', '{not json}', '[1,2', '{"a":1} trailing', 7, null, undefined, { a: 1 }]) {
    assert.deepEqual(decodeJsonString(v), v);
  }
  const huge = '[' + '1,'.repeat(600_000) + '1]';
  assert.equal(decodeJsonString(huge), huge, 'over 1 MB stays a string');
});

test('diffObjects reports changed, added and removed leaves with dotted paths', () => {
  const before = { name: 'a', settings: { visibility: 'private', tags: ['x'], gone: 1 }, same: { deep: true } };
  const after = { name: 'b', settings: { visibility: 'public', tags: ['x', 'y'], added: null }, same: { deep: true } };
  assert.deepEqual(diffObjects(before, after), [
    { path: 'name', before: 'a', after: 'b' },
    { path: 'settings.visibility', before: 'private', after: 'public' },
    { path: 'settings.tags', before: ['x'], after: ['x', 'y'] },
    { path: 'settings.gone', before: 1 },
    { path: 'settings.added', after: null },
  ]);
});

test('diffObjects handles a missing side, a prefix, type changes and equal inputs', () => {
  assert.deepEqual(diffObjects(undefined, { a: { b: 1 } }, 'resource'), [{ path: 'resource.a.b', after: 1 }]);
  assert.deepEqual(diffObjects({ a: 1 }, undefined), [{ path: 'a', before: 1 }]);
  assert.deepEqual(diffObjects({ a: { b: 1 } }, { a: 'flat' }), [{ path: 'a', before: { b: 1 }, after: 'flat' }]);
  assert.deepEqual(diffObjects({}, { a: {} }), [{ path: 'a', after: {} }]);
  assert.deepEqual(diffObjects({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), []);
  assert.deepEqual(diffObjects('x', 'y'), [{ path: 'value', before: 'x', after: 'y' }]);
});

test('diffObjects survives absurd nesting without walking forever', () => {
  let deep: Record<string, unknown> = { leaf: 1 };
  for (let i = 0; i < 500; i++) deep = { n: deep };
  const changes = diffObjects({}, deep);
  assert.equal(changes.length, 1);
});

test('M365 ModifiedProperties: JSON-in-string values decoded, pseudo entry skipped', () => {
  const list = [
    { Name: 'AccountEnabled', NewValue: '[\r\n  true\r\n]', OldValue: '[\r\n  false\r\n]' },
    { Name: 'DisplayName', NewValue: '["New"]', OldValue: '[]' },
    { Name: 'Included Updated Properties', NewValue: 'AccountEnabled, DisplayName', OldValue: '' },
    { Name: 'Folder', NewValue: 'Inbox', OldValue: '' },
  ];
  assert.deepEqual(changesFromList(list, { path: 'Name', before: 'OldValue', after: 'NewValue' }), [
    { path: 'AccountEnabled', before: [false], after: [true] },
    { path: 'DisplayName', before: [], after: ['New'] },
    { path: 'Folder', before: '', after: 'Inbox' },
  ]);
});

test('Jira Cloud changedValues: a missing changedFrom means no before', () => {
  const list = [
    { fieldName: 'Name', changedTo: 'Project X' },
    { fieldName: 'Lead', changedFrom: 'alice', changedTo: 'bob' },
  ];
  assert.deepEqual(changesFromList(list, { path: 'fieldName', before: 'changedFrom', after: 'changedTo' }), [
    { path: 'Name', after: 'Project X' },
    { path: 'Lead', before: 'alice', after: 'bob' },
  ]);
});

test('Jira DC {key,from,to} and Confluence {name,oldValue,newValue}', () => {
  assert.deepEqual(changesFromList([{ key: 'jira.field.status', from: 'Open', to: 'Done' }], { path: 'key', before: 'from', after: 'to' }),
    [{ path: 'jira.field.status', before: 'Open', after: 'Done' }]);
  assert.deepEqual(
    changesFromList([{ name: 'Title', oldValue: 'Old', newValue: 'New', hiddenOldValue: '' }], { path: 'name', before: 'oldValue', after: 'newValue' }),
    [{ path: 'Title', before: 'Old', after: 'New' }]);
});

test('changesFromList ignores junk entries and non-lists', () => {
  const keys = { path: 'Name', before: 'OldValue', after: 'NewValue' };
  assert.deepEqual(changesFromList([null, 'x', 3, { OldValue: 'a' }, { Name: '', NewValue: 'b' }, { Name: 'only-name' }], keys), []);
  assert.deepEqual(changesFromList({ Name: 'x' }, keys), []);
  assert.deepEqual(changesFromList(undefined, keys), []);
});

test('field maps: {from,to}, {old,new} and [old,new]', () => {
  assert.deepEqual(changesFromFieldMap({
    status: { from: 'open', to: 'closed' },
    title: { old: 'A', new: 'B' },
    size: [1, 2],
    created: { to: 'now' },
    note: 'not a change',
    triple: [1, 2, 3],
  }), [
    { path: 'status', before: 'open', after: 'closed' },
    { path: 'title', before: 'A', after: 'B' },
    { path: 'size', before: 1, after: 2 },
    { path: 'created', after: 'now' },
  ]);
  assert.deepEqual(changesFromFieldMap(null), []);
});

test('prefixed keys: GitHub *_were / old_* / previous_*, Slack lone previous_*', () => {
  assert.deepEqual(changesFromPrefixedKeys({
    action: 'hook.events_changed', events: ['push', 'pull_request'], events_were: ['push'],
  }), [{ path: 'events', before: ['push'], after: ['push', 'pull_request'] }]);
  assert.deepEqual(changesFromPrefixedKeys({ old_user: 'alice', user: 'bob' }), [{ path: 'user', before: 'alice', after: 'bob' }]);
  assert.deepEqual(changesFromPrefixedKeys({ previous_visibility: 'private', visibility: 'public' }),
    [{ path: 'visibility', before: 'private', after: 'public' }]);
  assert.deepEqual(changesFromPrefixedKeys({ previous_ip_address: '1.2.3.4', reason: ['new_ip'] }), [{ path: 'ip_address', before: '1.2.3.4' }]);
  assert.deepEqual(changesFromPrefixedKeys({ name_was: 'x', name: 'y' }), [{ path: 'name', before: 'x', after: 'y' }]);
});

test('prefixed keys in flattened CSV headers pair within their dotted parent', () => {
  assert.deepEqual(changesFromPrefixedKeys({ 'data.old_user': 'alice', 'data.user': 'bob', user: 'someone-else' }),
    [{ path: 'data.user', before: 'alice', after: 'bob' }]);
});

test('prefixed keys: keys that merely contain the words are not changes', () => {
  assert.deepEqual(changesFromPrefixedKeys({ threshold: 1, oldest: 2, was: 3, _was: 4, old_: 5 }), []);
});

test('GitLab change/from/to at top level and under details', () => {
  assert.deepEqual(changesFromChangeFromTo({ change: 'visibility', from: 'Private', to: 'Public' }),
    [{ path: 'visibility', before: 'Private', after: 'Public' }]);
  assert.deepEqual(changesFromChangeFromTo({ details: { change: 'access_level', from: 'Developer', to: 'Maintainer' } }),
    [{ path: 'access_level', before: 'Developer', after: 'Maintainer' }]);
  assert.deepEqual(changesFromChangeFromTo({ details: { change: 'email', to: 'a@b.c' } }), [{ path: 'email', after: 'a@b.c' }]);
  assert.deepEqual(changesFromChangeFromTo({ details: { custom_message: 'x' } }), []);
  assert.deepEqual(changesFromChangeFromTo('nope'), []);
});
