// Field values, through the real importer and the query API the app uses (events.page / events.count /
// events.get), for the corpora that importCorpora.test.ts does not read field by field: Azure Activity
// (both shapes), GitHub audit, Google Workspace, OCSF (both classes) and CloudEvents. Expected values are
// read from the corpus records themselves; what this file states is the mapping (which source field
// becomes which column) and that searching by those columns and by raw paths finds exactly those events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseDb } from '../../electron/engine/db/openCase.ts';
import { countEvents, getEvent, pageEvents } from '../../electron/engine/query/index.ts';
import { requestSchemas, type EventDetail } from '../../shared/contract.ts';
import { corporaDir } from '../helpers/tmp.ts';
import { importedCase } from '../helpers/importedCase.ts';

// Parsed corpus JSON: its shape is what each test states.
type Rec = Record<string, any>;

let db: CaseDb;

// The whole folder, as a reviewer would drop it: terms (actors…) are shared across formats.
before(async () => { db = await importedCase([corporaDir]); });
after(() => db.close());

const q = <M extends keyof typeof requestSchemas>(m: M, r: unknown) => requestSchemas[m].parse(r) as never;

/** Ids a query finds (sorted), asking as the app does; the count agrees with the page. */
function find(query: string): string[] {
  const page = pageEvents(db, q('events.page', { query, from: 0, to: 100 }));
  assert.equal(countEvents(db, q('events.count', { query })).total, page.total, `count vs page for ${query}`);
  return page.rows.map((r) => r.id).sort();
}

/** EventDetail's normalized fields: what two encodings of one event must agree on (not id, place in file, raw). */
const NORMALIZED = ['time', 'timeNanos', 'timeText', 'timeFlag', 'system', 'action', 'category', 'status', 'outcome', 'actor', 'actorId',
  'actorType', 'actorIp', 'userAgent', 'target', 'targetId', 'entityType', 'entity', 'entityId', 'description', 'version',
  'sourceEventId', 'hasChanges', 'changes'] as const satisfies readonly (keyof EventDetail)[];

const ids = (events: EventDetail[]) => events.map((e) => e.id).sort();

/** The events imported from one corpus file, in full (events.get), in file order. */
function eventsOf(file: string): EventDetail[] {
  const rows = pageEvents(db, q('events.page', { query: `source:${file.split('/').pop()}`, from: 0, to: 100 })).rows;
  return rows.map((r) => getEvent(db, r.id)).sort((a, b) => a.recordNo - b.recordNo);
}

/** The records of a corpus file: one JSON document (array or object), or one JSON value a line. */
function recordsOf(file: string, shape: 'json' | 'ndjson'): Rec[] {
  const text = readFileSync(join(corporaDir, file), 'utf8');
  if (shape === 'ndjson') return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Rec);
  const doc = JSON.parse(text) as Rec | Rec[];
  return Array.isArray(doc) ? doc : [doc];
}

/** `…T00:13:46.3554259Z` read without the product's parser: epoch ms, and the nanoseconds below it (null when unwritten). */
function isoTime(s: string): { ms: number; nanos: number | null } {
  const m = /^(.+T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(s);
  assert.ok(m, `an ISO time with Z: ${s}`);
  const frac = m[2] ?? '';
  return { ms: Date.parse(`${m[1]}.${frac.slice(0, 3).padEnd(3, '0')}Z`), nanos: frac.length > 3 ? Number(frac.slice(3, 9).padEnd(6, '0')) : null };
}

/** An ARM resourceId names its entity: `…/providers/Ns/t1/n1/t2/n2` is a `Ns/t1/t2` named `n2`. */
function armEntity(resourceId: string): { type: string; name: string | null } {
  const parts = resourceId.split('/').filter((p) => p !== '');
  const [ns, ...rest] = parts.slice(parts.findLastIndex((p) => /^providers$/i.test(p)) + 1);
  return { type: [ns, ...rest.filter((_, i) => i % 2 === 0)].join('/'), name: rest.length > 0 && rest.length % 2 === 0 ? rest.at(-1)! : null };
}

test('Azure Activity, REST/Graph array: operationName.value, caller + claims name, eventDataId, 7-digit times to the ns', () => {
  const recs = recordsOf('azure-activity/azure_graph_api_format.json', 'json');
  const events = eventsOf('azure-activity/azure_graph_api_format.json');
  assert.equal(events.length, recs.length);
  events.forEach((ev, i) => {
    const r = recs[i]!;
    assert.equal(ev.system, 'azure');
    assert.equal(ev.action, r.operationName.value);
    assert.equal(ev.category, r.category.value);
    assert.equal(ev.status, r.status.value);
    assert.equal(ev.outcome, 'success'); // status Succeeded
    // caller (the UPN) identifies; the token's display name labels it.
    assert.equal(ev.actorId, r.caller);
    assert.equal(ev.actor, r.claims.name);
    assert.equal(ev.actorType, 'user'); // claims.idtyp
    // No httpRequest in this export: the token's ipaddr claim is the caller's address.
    assert.equal(r.httpRequest, undefined);
    assert.equal(ev.actorIp, r.claims.ipaddr);
    assert.deepEqual({ ms: ev.time, nanos: ev.timeNanos }, isoTime(r.eventTimestamp));
    assert.equal(ev.timeText, r.eventTimestamp);
    assert.equal(ev.timeFlag, 'ok');
    assert.equal(ev.sourceEventId, r.eventDataId);
    assert.equal(ev.entityId, r.resourceId);
    assert.deepEqual({ type: ev.entityType, name: ev.entity }, armEntity(r.resourceId));
    assert.deepEqual(ev.changes, []); // the REST shape carries no before/after
  });
  assert.deepEqual(find('actor:' + recs[0]!.caller), ids(events));
  assert.deepEqual(find(`actor:"${recs[0]!.claims.name}"`), ids(events), 'the label is searchable too');
  assert.deepEqual(find(`"${recs[0]!.claims.name}"`), ids(events), 'non-ASCII free text');
  assert.deepEqual(find(`ip:${recs[0]!.claims.ipaddr}`), ids(events), 'an IPv6 value');
  assert.deepEqual(find(`operationName.value:${recs[0]!.operationName.value}`), [events[0]!.id], 'a raw path into the {value, localizedValue} object');
});

test('Azure Activity, diagnostic export: operationName kept as written (UPPERCASE), resultType, callerIpAddress, claims', () => {
  const recs = recordsOf('azure-activity/test-activitylogs-raw.log', 'ndjson');
  const events = eventsOf('azure-activity/test-activitylogs-raw.log');
  assert.equal(events.length, 3);
  const [ev, r] = [events[0]!, recs[0]!];
  assert.equal(ev.system, 'azure');
  assert.equal(ev.action, r.operationName);
  assert.equal(ev.category, r.category);
  assert.equal(ev.status, r.resultType);
  assert.equal(ev.outcome, 'in_progress'); // resultType Start
  // An app token: no name claims, so the object id identifies (and labels) the service principal.
  assert.equal(ev.actorId, r.identity.claims['http://schemas.microsoft.com/identity/claims/objectidentifier']);
  assert.equal(ev.actor, ev.actorId);
  assert.equal(ev.actorType, 'service'); // identity.authorization.evidence.principalType ServicePrincipal
  assert.equal(ev.actorIp, r.callerIpAddress);
  assert.deepEqual({ ms: ev.time, nanos: ev.timeNanos }, isoTime(r.time));
  assert.equal(ev.sourceEventId, null); // the export shape has no eventDataId: deduplicated by content
  assert.equal(ev.entityId, r.resourceId);
  assert.deepEqual({ type: ev.entityType, name: ev.entity }, armEntity(r.resourceId));

  // Qualifier values match case-insensitively, whatever case the exporter used.
  assert.deepEqual(find(`action:${r.operationName.toLowerCase()}`), [ev.id]);
  assert.deepEqual(find(`ip:${r.callerIpAddress} system:azure`), [ev.id]);
  assert.deepEqual(find('outcome:in_progress system:azure'), [ev.id]);
  // The 7-digit time, found by a one-millisecond window around it.
  const ms = new Date(ev.time!).toISOString();
  assert.deepEqual(find(`after:${ms} before:${new Date(ev.time! + 1).toISOString()} system:azure`), [ev.id]);
  assert.deepEqual(find('system:azure'), ids([...events, ...eventsOf('azure-activity/azure_graph_api_format.json')]));
});

test('Azure requestBody/responseBody as JSON-in-a-string (event 2) and as objects (event 3): both import, alike, and raw paths reach into both', () => {
  const recs = recordsOf('azure-activity/test-activitylogs-raw.log', 'ndjson');
  assert.equal(typeof recs[1]!.properties.requestBody, 'string');
  assert.equal(typeof recs[2]!.properties.requestBody, 'object');
  const [, asString, asObject] = eventsOf('azure-activity/test-activitylogs-raw.log');
  assert.ok(asString && asObject, 'both stored (not taken for duplicates)');
  const normalized = (e: EventDetail) => Object.fromEntries(NORMALIZED.map((k) => [k, e[k]]));
  assert.deepEqual(normalized(asString), normalized(asObject));
  assert.equal(asString.action, recs[1]!.operationName);
  assert.equal(asString.category, 'ResourceHealth');
  assert.equal(asString.status, recs[1]!.resultType);
  assert.equal(asString.outcome, 'unknown'); // ResourceHealth "Updated" is not an outcome
  assert.equal(asString.actorId, null); // no caller, identity or claims in these records
  assert.equal(asString.time, isoTime(recs[1]!.time).ms);
  assert.equal(asString.timeNanos, null); // `.22`: nothing below the millisecond
  // A request body is what was asked for, not a diff: no changes (formats.md §9).
  assert.deepEqual(asString.changes, []);
  const both = [asString.id, asObject.id].sort();
  assert.deepEqual(find('properties.requestBody.testData.myTest:123'), both);
  assert.deepEqual(find('properties.responseBody.skuTest.myName:Standard_LRS'), both);
  assert.deepEqual(find('Standard_LRS'), both, 'free text reaches the string-encoded body');
  assert.deepEqual(find('category:ResourceHealth'), both);
});

test('GitHub audit: action and its category prefix, actor login labels actor_id, epoch-ms @timestamp, _document_id, repo/business entity', () => {
  const recs = recordsOf('github-audit/test-enterprise-audit-eventhub.log', 'ndjson');
  const events = eventsOf('github-audit/test-enterprise-audit-eventhub.log');
  assert.equal(events.length, recs.length);
  events.forEach((ev, i) => {
    const r = recs[i]!;
    assert.equal(ev.system, 'github');
    assert.equal(ev.action, r.action);
    assert.equal(ev.category, r.action.split('.')[0]);
    assert.equal(ev.outcome, 'success'); // the audit log records what happened
    assert.equal(ev.actorId, String(r.actor_id));
    assert.equal(ev.actor, r.actor);
    assert.equal(ev.actorType, r.actor_is_bot ? 'bot' : 'user');
    assert.equal(ev.userAgent, r.user_agent);
    assert.equal(ev.actorIp, null); // no actor_ip: IP disclosure is off in this enterprise
    assert.equal(r['@timestamp'], r.created_at);
    assert.equal(ev.time, r['@timestamp']);
    assert.equal(ev.timeFlag, 'ok');
    assert.equal(ev.sourceEventId, r._document_id);
    const entity = r.repo !== undefined ? { type: 'repo', id: String(r.repo_id), name: r.repo } : { type: 'business', id: String(r.business_id), name: r.business };
    assert.deepEqual({ type: ev.entityType, id: ev.entityId, name: ev.entity }, entity);
    assert.deepEqual(ev.changes, []); // no old_* / *_was keys in these lines
    assert.deepEqual(find(`id:${r._document_id}`), [ev.id]);
  });
  assert.deepEqual(find('system:github'), ids(events));
  assert.deepEqual(find('actor:user-sample'), ids(events.filter((e) => e.actor === 'user-sample')));
  assert.deepEqual(find(`action:${recs[0]!.action}`), [events[0]!.id]);
  assert.deepEqual(find('entity_type:business system:github'), [events[2]!.id]);
  assert.deepEqual(find('actor_location.country_code:IN system:github'), ids(events), 'a raw nested path');
  assert.deepEqual(find('secrets_updated:"Connection String"'), [events[2]!.id], 'a raw array of strings');
});

test('Google Workspace: events.name/type, actor email labels profileId, ipAddress, SETTING_NAME entity, OLD_VALUE/NEW_VALUE as the change', () => {
  const lines = recordsOf('google-workspace/test-admin-updated.log', 'ndjson');
  const events = eventsOf('google-workspace/test-admin-updated.log');
  // Lines 5 and 6 repeat lines 1 and 2 (importCorpora.test.ts counts them as duplicates).
  assert.equal(events.length, 4);
  events.forEach((ev) => {
    const r = lines[ev.recordNo - 1]!;
    const param = (name: string) => (r.events.parameters as Rec[]).find((p) => p.name === name)?.value as string | undefined;
    assert.equal(ev.system, 'google_workspace');
    assert.equal(ev.action, r.events.name);
    assert.equal(ev.category, r.events.type);
    assert.equal(ev.actorId, r.actor.profileId);
    assert.equal(ev.actor, r.actor.email);
    assert.equal(ev.actorType, 'user'); // callerType USER
    assert.equal(ev.actorIp, r.ipAddress);
    assert.equal(ev.time, isoTime(r.id.time).ms);
    // A collector split the events[] array, so uniqueQualifier repeats across different events: no
    // source id (an index into the lost array would be a guess); duplicates are caught by content.
    assert.equal(ev.sourceEventId, null);
    assert.deepEqual({ type: ev.entityType, name: ev.entity }, { type: 'setting', name: param('SETTING_NAME') });
    const change: Rec = { path: param('SETTING_NAME') };
    if (param('OLD_VALUE') !== undefined) change['before'] = param('OLD_VALUE');
    change['after'] = param('NEW_VALUE');
    assert.deepEqual(ev.changes, [change]);
    assert.equal(ev.hasChanges, true);
  });
  const changed = events.filter((e) => e.changes[0]!.before !== undefined);
  assert.equal(changed.length, 2, 'two lines carry an OLD_VALUE');
  assert.deepEqual(changed[0]!.changes[0], { path: 'ExternalSharing external_sharing_mode', before: 'ALLOWED', after: 'ALLOWLISTED_DOMAINS' });
  assert.deepEqual(find('system:google_workspace'), ids(events));
  assert.deepEqual(find(`actor:${lines[0]!.actor.email}`), ids(events));
  assert.deepEqual(find(`ip:${lines[0]!.ipAddress}`), ids(events));
  assert.deepEqual(find('action:CHANGE_APPLICATION_SETTING'), ids(changed));
  assert.deepEqual(find('entity:"ExternalSharing external_sharing_mode"'), ids(changed));
  assert.deepEqual(find('events.parameters.name:OLD_VALUE'), ids(changed), 'a raw path fanning out over parameters[]');
  assert.deepEqual(find('ALLOWLISTED_DOMAINS'), ids(changed));
  assert.deepEqual(find('id.applicationName:admin'), ids(events), 'a dotted path that starts like the id qualifier is a raw path');
});

test('OCSF: activity_name (api.operation), class_name, status_id, actor.user, target user, src_endpoint.ip, epoch-ms time, metadata.uid', () => {
  const files = ['ocsf/1_1_0_OCSF_account_change.ocsf', 'ocsf/1_1_0_OCSF_authentication.ocsf'];
  const all: EventDetail[] = [];
  for (const file of files) {
    const [r] = recordsOf(file, 'json'); // the authentication file starts with a blank line
    const events = eventsOf(file);
    assert.equal(events.length, 1, file);
    const ev = events[0]!;
    all.push(ev);
    assert.equal(ev.system, 'ocsf');
    assert.equal(ev.action, `${r!.activity_name} (${r!.api.operation})`);
    assert.equal(ev.category, r!.class_name);
    assert.equal(ev.status, r!.status ?? null);
    assert.equal(ev.outcome, r!.status_id === 1 ? 'success' : 'unknown'); // account change has no status
    assert.equal(ev.actorId, r!.actor.user.uid);
    assert.equal(ev.actorType, 'user');
    assert.equal(ev.actorIp, r!.src_endpoint.ip);
    assert.equal(ev.userAgent, r!.http_request.user_agent);
    assert.equal(ev.targetId, r!.user.uid);
    assert.equal(ev.target, r!.user.name ?? r!.user.uid);
    assert.deepEqual({ type: ev.entityType, name: ev.entity }, { type: 'service', name: r!.api.service.name });
    assert.equal(ev.time, r!.time);
    assert.equal(ev.time, Date.parse(r!.time_dt), 'the sample\'s time and time_dt agree');
    assert.equal(ev.version, r!.metadata.version);
    assert.equal(ev.sourceEventId, r!.metadata.uid);
    assert.deepEqual(ev.changes, []);
    assert.deepEqual(find(`class_uid:${r!.class_uid}`), [ev.id], 'a raw numeric field compares as its text');
    assert.deepEqual(find(`action:"${ev.action}"`), [ev.id]);
  }
  const [change, auth] = all as [EventDetail, EventDetail];
  assert.equal(auth.actor, 'anaya');
  assert.deepEqual(find('system:ocsf'), ids(all));
  assert.deepEqual(find('version:1.1.0'), ids(all));
  assert.deepEqual(find('actor:anaya'), [auth.id]);
  assert.deepEqual(find('outcome:success system:ocsf'), [auth.id]);
  // The account change is the OCSF mapping of aws-cloudtrail/account_change.raw: one principal, one actor.
  const cloudTrail = eventsOf('aws-cloudtrail/account_change.raw')[0]!;
  assert.deepEqual(find(`actor:"${change.actorId}"`), [change.id, cloudTrail.id].sort());
  assert.deepEqual(find('target:test_user2'), [change.id, cloudTrail.id].sort());
});

test('CloudEvents wrapping a GCP audit LogEntry: methodName, principalEmail, callerIp, resourceName, ns time, source#id', () => {
  const [r] = recordsOf('cloudevents/LogEntryData-bigqueryjobcompleted.json', 'json') as [Rec];
  const proto = r.data.protoPayload;
  const [ev] = eventsOf('cloudevents/LogEntryData-bigqueryjobcompleted.json');
  assert.ok(ev);
  // The envelope's type (google.cloud.audit.log.v1.written) is too coarse: the payload names system and action.
  assert.equal(ev.system, 'gcp');
  assert.equal(ev.action, proto.methodName);
  assert.equal(ev.category, 'data_access'); // the audit log kind at the end of data.logName
  assert.ok(r.data.logName.endsWith('%2Fdata_access'));
  assert.deepEqual(proto.status, {});
  assert.equal(ev.status, null);
  assert.equal(ev.outcome, 'success'); // an empty google.rpc.Status is OK
  assert.equal(ev.actorId, proto.authenticationInfo.principalEmail);
  assert.equal(ev.actorType, 'service'); // a gserviceaccount.com principal
  assert.equal(ev.actorIp, proto.requestMetadata.callerIp);
  assert.equal(ev.userAgent, proto.requestMetadata.callerSuppliedUserAgent);
  assert.equal(ev.entityId, proto.resourceName);
  assert.equal(ev.entity, proto.resourceName.split('/').pop());
  assert.equal(ev.entityType, r.data.resource.type);
  // The envelope time (formats.md §12), kept to the nanosecond: ms in `time`, the rest in timeNanos.
  assert.deepEqual({ ms: ev.time, nanos: ev.timeNanos }, isoTime(r.time));
  assert.equal(ev.timeText, r.time);
  assert.equal(ev.version, r.specversion);
  assert.equal(ev.sourceEventId, `${r.source}#${r.id}`); // id is unique only together with source
  assert.deepEqual(ev.changes, []); // no resourceOriginalState to compare the request with

  assert.deepEqual(find('system:gcp'), [ev.id]);
  assert.deepEqual(find(`action:${proto.methodName}`), [ev.id]);
  assert.deepEqual(find(`actor:${proto.authenticationInfo.principalEmail}`), [ev.id]);
  assert.deepEqual(find(`ip:${proto.requestMetadata.callerIp}`), [ev.id]);
  assert.deepEqual(find(`entity:${ev.entity}`), [ev.id]);
  // Raw paths start at the record's root, the envelope: the payload is under data.
  assert.deepEqual(find(`data.protoPayload.methodName:${proto.methodName}`), [ev.id]);
  assert.deepEqual(find(`methodName:${r.methodName}`), [ev.id], 'the envelope\'s extension attribute');
  // `type` is the action qualifier's alias; `$.` reaches the envelope's own type key.
  assert.deepEqual(find(`$.type:${r.type}`), [ev.id]);
  assert.deepEqual(find(`after:${new Date(ev.time!).toISOString()} before:${new Date(ev.time! + 1).toISOString()}`), [ev.id]);
});

test('an event in full carries exactly the fields the contract declares (no stored detail JSON or provenance twice)', () => {
  const [ev] = eventsOf('okta/system-log.ndjson');
  const row = ['id', 'time', 'timeText', 'timeFlag', 'system', 'action', 'category', 'status', 'outcome', 'actor', 'actorId', 'target',
    'entityType', 'entity', 'description', 'source', 'recordNo', 'hasChanges'];
  const detail = ['timeNanos', 'actorType', 'actorIp', 'userAgent', 'targetId', 'entityId', 'version', 'sourceEventId', 'changes', 'raw', 'provenance'];
  assert.deepEqual(Object.keys(ev!).sort(), [...row, ...detail].sort());
  assert.deepEqual(Object.keys(ev!.provenance).sort(), ['byteOffset', 'format', 'line', 'path', 'recordNo', 'sha256', 'sourceId']);
});
