// Entity history on a case of the corpora and the seed fixtures: every event that touches the thing
// as entity or as target (whatever the event's own entity is), and its state at a chosen time folded
// from the recorded changes — values read from the files themselves (see the comments).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openCase, type CaseDb } from '../../electron/engine/db/openCase.ts';
import { runImport } from '../../electron/engine/import/importJob.ts';
import { entityHistory } from '../../electron/engine/query/index.ts';
import { requestSchemas } from '../../shared/contract.ts';
import type { EntityHistory } from '../../shared/contract.ts';
import { corporaDir, repoRoot, tempDir } from '../helpers/tmp.ts';

let db: CaseDb;
const seeds = join(repoRoot, 'test', 'fixtures', 'seeds');

before(async () => {
  const path = join(tempDir(), 'history.sqlite');
  db = openCase(path);
  await runImport(db, {
    paths: [join(corporaDir, 'atlassian-jira-audit'), join(corporaDir, 'gitlab-audit'), join(corporaDir, 'm365-ual-csv'),
      join(seeds, 'crm-activity.csv'), join(seeds, 'workspace-activity.json'), join(seeds, 'backoffice-activity.csv')],
  });
});
after(() => db.close());

function history(entityType: string | null, entityId: string, at?: string): EntityHistory {
  return entityHistory(db, requestSchemas['entity.history'].parse({ entityType, entityId, ...(at ? { at: Date.parse(at) } : {}) }) as never);
}
const actions = (h: EntityHistory) => h.events.map((e) => e.action);

test('a typed history keeps the events where the thing is the target and the event is about something else', () => {
  // Jira ids 11937-11939: "User created" (objectItem USER ug:2281b112…), then "User added to group"
  // twice, whose objectItem is the GROUP (confluence-users, jira-software-users) and whose
  // associatedItems name the user.
  const h = history('USER', 'ug:2281b112-0f77-4305-b779-66d30930eb83');
  assert.deepEqual(actions(h), ['User created', 'User added to group', 'User added to group']);
  assert.deepEqual(h.events.map((e) => e.entity), ['ug:2281b112-0f77-4305-b779-66d30930eb83', 'confluence-users', 'jira-software-users']);
  assert.deepEqual(h.events.map((e) => e.time), [Date.parse('2022-01-18T08:43:02.602Z'), Date.parse('2022-01-18T08:43:02.768Z'), Date.parse('2022-01-18T08:43:02.838Z')]);
  // Its state comes from its own event only: the groups' events carry no change of the user.
  assert.deepEqual(h.state, { 'Active / Inactive': 'Active' });
  assert.equal(h.truncated, false);
});

test('events about another entity are listed, but their changes are not folded into this one', () => {
  // ug:20aaaebb… is the "Component Lead" of 16 project components (ids 11864-11879), the "Project
  // lead" of project 10022 "Change Control" ("Project created", 11883) and was added to the group Eng Sys (11888); it
  // is never an objectItem itself.
  const h = history('USER', 'ug:20aaaebb-1ee5-400a-af76-d2550b6363b3');
  assert.equal(h.events.filter((e) => e.action === 'Project component created').length, 16);
  assert.deepEqual(h.events.filter((e) => e.action !== 'Project component created').map((e) => [e.action, e.entity]),
    [['Project created', 'Change Control'], ['User added to group', 'Eng Sys']]);
  assert.equal(h.events.length, 18);
  assert.deepEqual(h.state, {}, 'the components\' Name and Description are not the user\'s');
  assert.deepEqual(h.unknownBefore, []);
  // Untyped (the target's history in the app), the same events.
  assert.deepEqual(history(null, 'ug:20aaaebb-1ee5-400a-af76-d2550b6363b3').events.map((e) => e.id), h.events.map((e) => e.id));
});

test('a typed history leaves out a target of another recorded type, and an id is not matched as a name', () => {
  // GitLab's 2018 line: "change visibility" of Project 2 (namespace2/project2), Private → Public.
  const project = history('Project', '2');
  assert.deepEqual(actions(project), ['change visibility']);
  assert.deepEqual(project.state, { visibility: 'Public' });
  assert.deepEqual(history('User', '2').events, [], 'no GitLab user 2: the project\'s events are not its history');
  // An M365 inbox rule is named "2" (its id is the long Exchange path): the id 2 must not pull it in.
  const untyped = history(null, '2');
  assert.deepEqual(untyped.events.map((e) => e.system), ['gitlab']);
});

test('state at a time between two changes has the earlier value, after the later one the later value', () => {
  // crm-activity.csv: lead "Acme Logistics" status New → Contacted at 2025-11-03T14:05:17+01:00,
  // Contacted → Qualified at 2025-11-04T10:22:39+01:00.
  const atBetween = history('Lead', 'Acme Logistics', '2025-11-03T18:00:00Z');
  assert.equal(atBetween.events.length, 4, 'created, assigned, two status changes');
  assert.deepEqual(atBetween.state, { status: 'Contacted' });
  assert.deepEqual(history('Lead', 'Acme Logistics', '2025-11-04T09:22:39Z').state, { status: 'Qualified' }, 'at the instant of the change');
  assert.deepEqual(history('Lead', 'Acme Logistics', '2025-11-04T09:22:38.999Z').state, { status: 'Contacted' }, 'a millisecond before it');
  assert.deepEqual(history('Lead', 'Acme Logistics').state, { status: 'Qualified' }, 'after the last event');
  // Before the first change its before-value is the state, and nothing is unknown.
  const early = history('Lead', 'Acme Logistics', '2025-11-03T10:00:00Z');
  assert.deepEqual(early.state, { status: 'New' });
  assert.deepEqual(early.unknownBefore, []);
});

test('a source that records only new values: the state folds them, and what is not known yet is named', () => {
  // workspace-activity.json, issue iss_7d21e0 (ISS-101): priority/labels at 08:02:40.019Z, assignee
  // and status in_progress at 09:15:03.900+01:00, status in_review + description at 11:30Z, status
  // done on the 14th — each entry holds only the new values.
  const mid = history('issue', 'iss_7d21e0', '2025-01-13T10:00:00Z');
  assert.equal(mid.events.length, 5);
  assert.deepEqual(mid.state, { priority: 'urgent', labels: ['bug', 'payments', 'eu'], assignee_id: 'agt_code_reviewer', status: 'in_progress' });
  assert.deepEqual(mid.unknownBefore, ['description'], 'first recorded at 11:30 with no earlier value');
  const later = history('issue', 'iss_7d21e0', '2025-01-13T12:00:00Z');
  assert.equal(later.state['status'], 'in_review');
  assert.match(String(later.state['description']), /^Root cause: synchronous call to the tax service/);
  assert.deepEqual(later.unknownBefore, []);
  assert.equal(history('issue', 'iss_7d21e0').state['status'], 'done');
  // Before the first update nothing about these fields is known, and the history says so.
  const first = history('issue', 'iss_7d21e0', '2025-01-13T08:02:20Z');
  assert.deepEqual(first.state, {});
  assert.deepEqual(first.unknownBefore.sort(), ['assignee_id', 'description', 'labels', 'priority', 'status']);
});

test('a value known at the time is never also called unknown', () => {
  // backoffice-activity.csv: contact con_5521 created with name/email/status/tags (no before-values),
  // then tags [] → ["VIP", "Wine Club, Reds"].
  const h = history('contact', 'con_5521');
  assert.deepEqual(h.state['tags'], ['VIP', 'Wine Club, Reds']);
  assert.equal(h.state['name'], 'Alex Chen');
  assert.deepEqual(h.unknownBefore, [], 'every field has a value after the creation');
  const between = history('contact', 'con_5521', '2026-03-09T14:03:00Z');
  assert.deepEqual(between.state['tags'], []);
  for (const path of between.unknownBefore) assert.ok(!(path in between.state), path);
});
