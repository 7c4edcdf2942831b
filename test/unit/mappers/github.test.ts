// GitHub audit log mapping: current streaming lines (the real sample), legacy nested exports and CSV
// rows with dotted headers, bots, and old_* / *_were changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { githubMapper } from '../../../electron/engine/import/mappers/github.ts';
import { detectMapper } from '../../../electron/engine/import/mappers/index.ts';
import { MapError } from '../../../electron/engine/import/types.ts';

const corpora = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpora', 'github-audit');
type Rec = Record<string, unknown>;
const mapOne = (r: Rec) => githubMapper.map(r, {})[0]!;

test('enterprise stream sample: 3 events, detected as GitHub, real values', () => {
  const records = readFileSync(join(corpora, 'test-enterprise-audit-eventhub.log'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Rec);
  assert.equal(records.length, 3);
  for (const r of records) assert.equal(detectMapper([r], {}).mapper.name, 'github-audit');
  const events = records.flatMap((r) => githubMapper.map(r, {}));
  assert.equal(events.length, 3);

  const [create, merge, stream] = events as [typeof events[0], typeof events[0], typeof events[0]];
  assert.equal(create.time.ms, 1741611463961);
  assert.equal(create.action, 'repo.create');
  assert.equal(create.category, 'repo');
  assert.equal(create.outcome, 'success');
  assert.deepEqual(create.actor, {
    id: '11111', name: 'user_actor', type: 'user', sourceType: null, ip: null,
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36',
  });
  assert.deepEqual(create.entity, { id: '4444444', name: 'user-delete/private-repo', type: 'repo' });
  assert.equal(create.sourceEventId, 'Nm4EoecTsz6kAS-87bAEfA');
  assert.equal(create.description, 'repo.create on user-delete/private-repo by user_actor');

  assert.equal(merge.action, 'repo.change_merge_setting');
  assert.equal(stream.category, 'audit_log_streaming');
  assert.deepEqual(stream.entity, { id: '3333', name: 'user-enterprise', type: 'business' }, 'no repo or org: the enterprise');
});

test('legacy export: only created_at, details nested in data{}, no document id', () => {
  const e = mapOne({
    action: 'hook.events_changed', actor: 'octocat', created_at: 1506616416000, org: 'acme', repo: 'acme/web',
    data: { hook_id: 42, events: ['push', 'pull_request'], events_were: ['push'] },
  });
  assert.equal(detectMapper([{ action: 'hook.events_changed', actor: 'octocat', created_at: 1506616416000, org: 'acme' }], {}).mapper.name, 'github-audit');
  assert.equal(e.time.ms, 1506616416000);
  assert.equal(e.sourceEventId, null, 'deduplicated by content');
  assert.equal(e.entity.name, 'acme/web');
  assert.deepEqual(e.changes, [{ path: 'events', before: ['push'], after: ['push', 'pull_request'] }]);
});

test('CSV export rows: dotted headers, text cells, empty cells absent', () => {
  const csv = [
    'action,actor,actor_is_bot,user,org,repo,created_at,data.old_user,data.team,data.events,data.events_were,actor_location.country_code',
    'org.rename_member,dependabot[bot],true,newname,acme,,1700000000123,oldname,,,,US',
    'hook.events_changed,octocat,false,,acme,acme/web,1700000000456,,,"[""push"",""issues""]","[""push""]",',
  ].join('\n');
  const rows = Papa.parse<Rec>(csv, { header: true }).data;
  assert.equal(detectMapper(rows, {}).mapper.name, 'github-audit');
  const [rename, hook] = rows.map(mapOne) as [ReturnType<typeof mapOne>, ReturnType<typeof mapOne>];
  assert.equal(rename.time.ms, 1700000000123);
  assert.equal(rename.actor.type, 'bot');
  assert.equal(rename.actor.name, 'dependabot[bot]');
  assert.deepEqual(rename.target, { id: null, name: 'newname', type: 'user' });
  assert.deepEqual(rename.entity, { id: null, name: 'acme', type: 'org' });
  assert.deepEqual(rename.changes, [{ path: 'user', before: 'oldname', after: 'newname' }]);
  assert.equal(hook.actor.type, 'user', '"false" in a CSV cell is false');
  assert.deepEqual(hook.changes, [{ path: 'events', before: ['push'], after: ['push', 'issues'] }]);
});

test('bots are recognised by actor_is_bot or the [bot] suffix', () => {
  assert.equal(mapOne({ action: 'workflows.completed_workflow_run', actor: 'ci', actor_is_bot: true, '@timestamp': 1 }).actor.type, 'bot');
  assert.equal(mapOne({ action: 'pull_request.merge', actor: 'github-actions[bot]', '@timestamp': 1 }).actor.type, 'bot');
});

test('failures: refusal actions and HTTP status codes', () => {
  assert.equal(mapOne({ action: 'protected_branch.rejected_ref_update', actor: 'a', '@timestamp': 1 }).outcome, 'failure');
  const api = mapOne({ action: 'api.request', actor: 'a', '@timestamp': 1, status_code: 403 });
  assert.equal(api.outcome, 'failure');
  assert.equal(api.status, '403');
  assert.equal(mapOne({ action: 'api.request', actor: 'a', '@timestamp': 1, status_code: 200 }).outcome, 'success');
});

test('previous_* and *_was keys pair with their current value', () => {
  const e = mapOne({ action: 'repo.access', actor: 'a', '@timestamp': 1, previous_visibility: 'private', visibility: 'public' });
  assert.deepEqual(e.changes, [{ path: 'visibility', before: 'private', after: 'public' }]);
  assert.equal(e.actor.ip, null);
  assert.equal(mapOne({ action: 'repo.access', actor: 'a', '@timestamp': 1, actor_ip: '192.0.2.7' }).actor.ip, '192.0.2.7');
});

test('records with neither action nor time are refused; other shapes are not detected', () => {
  assert.throws(() => githubMapper.map({ actor: 'x' }, {}), MapError);
  assert.equal(githubMapper.detect({ action: 'issue.updated', actor_id: 'u1', created_at: '2024-01-01T00:00:00Z' }, {}), 0, 'ISO created_at without org/repo is not GitHub');
  assert.equal(githubMapper.detect({ action: 'user_login', date_create: 1 }, {}), 0);
});
