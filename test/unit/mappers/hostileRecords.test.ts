// Archive content is hostile: the part-B mappers must turn odd, wrongly-typed or prototype-named
// records into events (or a MapError), never crash with a TypeError or run away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backofficeActivityMapper } from '../../../electron/engine/import/mappers/backofficeActivity.ts';
import { cloudeventsMapper } from '../../../electron/engine/import/mappers/cloudevents.ts';
import { communityActivityMapper } from '../../../electron/engine/import/mappers/communityActivity.ts';
import { crmActivityMapper } from '../../../electron/engine/import/mappers/crmActivity.ts';
import { genericMapper } from '../../../electron/engine/import/mappers/generic.ts';
import { gitlabMapper } from '../../../electron/engine/import/mappers/gitlab.ts';
import { jiraMapper } from '../../../electron/engine/import/mappers/jira.ts';
import { ocsfMapper } from '../../../electron/engine/import/mappers/ocsf.ts';
import { slackMapper } from '../../../electron/engine/import/mappers/slack.ts';
import { workspaceActivityMapper } from '../../../electron/engine/import/mappers/workspaceActivity.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const partB = [
  gitlabMapper, slackMapper, jiraMapper, ocsfMapper, cloudeventsMapper, communityActivityMapper,
  workspaceActivityMapper, backofficeActivityMapper, crmActivityMapper, genericMapper,
];

const long = 'A'.repeat(200_000);
const odd: Record<string, unknown>[] = [
  {},
  { type: 'constructor', initiator: {}, metadata: { constructor: 'x' } },
  { type: '__proto__.x', initiator: 'p', metadata: JSON.parse('{"__proto__": {"id": "evil"}}') },
  { actor: 'not-an-object', entity: { type: '__proto__' }, date_create: 'soon', context: [], details: 'str' },
  { actor: { type: 'toString' }, entity: { type: 'hasOwnProperty' }, date_create: 1e400 },
  { id: [], summary: {}, created: [], objectItem: 'x', changedValues: 'nope', associatedItems: {} },
  { type: { action: 5 }, timestamp: {}, author: [], affectedObjects: [null, 1, 'x'], changedValues: [null, 1] },
  { type: 'events', attributes: { time: 'x', action: {}, actor: 1, context: 'c', container: [1] } },
  { class_uid: 'x', activity_name: [], time: 'not-a-time', actor: { user: [] }, resources: {}, metadata: [] },
  { specversion: '1.0', id: {}, source: 7, type: [], data: { protoPayload: { status: 'x', request: [], resourceOriginalState: 1 } } },
  { actor_type: 'agent', actor_id: {}, action: 'issue.updated', details: [1, 2], issue_id: null },
  { actor: {}, action: 'updated', resource_type: 'issue', before: 'x', after: [1], changes: 'y' },
  { Type: 'USER_ACTION', Status: 'TOSTRING', Event: ` · ${long}`, Before: '{"a":', After: '[1,2' },
  { Action: 'Constructor Changed', Category: 'Leads', Description: `from ${long} to`, Date: long },
  { author_id: {}, entity_id: [], entity_type: 'User', details: { change: {}, from: [], to: {} }, created_at: 12 },
  { action: long, user: { id: { nested: true } }, changes: [{ field: {}, old: 1 }], before: { a: { b: { c: {} } } } },
];

test('odd records map to events without throwing anything but MapError', () => {
  for (const mapper of partB) {
    for (const r of odd) {
      try {
        const events = mapper.map(r, {});
        assert.ok(Array.isArray(events) && events.length >= 1, mapper.name);
        for (const e of events) {
          assert.ok(typeof e.system === 'string' && e.system.length > 0, `${mapper.name} system`);
          assert.ok(e.action === null || e.action.length <= 4000, `${mapper.name} action bounded`);
        }
      } catch (err) {
        assert.ok(err instanceof MapError, `${mapper.name} threw ${String(err)} on ${JSON.stringify(r).slice(0, 120)}`);
      }
      const c = mapper.detect(r, {});
      assert.ok(Number.isFinite(c) && c >= 0 && c <= 1, `${mapper.name} detect`);
    }
  }
});
