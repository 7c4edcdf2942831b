// The fallback for any JSON object or CSV row no specific format claims: finds time, actor, action,
// status, description, entity, target and ip by their usual names (any case; snake, camel or dotted),
// and before/after from the common shapes. Everything else stays reachable through the raw record.
import type { Actor, Change, MappedEvent, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import {
  changesFromChangeFromTo,
  changesFromFieldMap,
  changesFromList,
  changesFromPrefixedKeys,
  decodeJsonString,
  diffObjects,
  isPlainObject,
  makeChange,
} from '../changes.ts';
import { MapError, type FormatMapper } from '../types.ts';
import { actorKind, firstIp, firstText, LooseKeys, noParty, obj, outcomeOf, party, text, type Rec } from './recordFields.ts';

const TIME = ['timestamp', 'time', '@timestamp', 'created_at', 'event_time', 'occurred_at', 'date', 'published', 'datetime', 'event_date', 'logged_at', 'ts'];
const ACTOR = ['actor', 'user', 'username', 'user_name', 'user_id', 'principal', 'initiator', 'performed_by', 'author', 'email', 'user_email', 'actor_name', 'actor_id', 'caller'];
const ACTION = ['action', 'event', 'event_type', 'event_name', 'operation', 'activity', 'type', 'name', 'verb'];
const STATUS = ['status', 'result', 'outcome', 'success'];
const DESCRIPTION = ['description', 'message', 'msg', 'summary', 'details', 'detail', 'text'];
const IP = ['ip', 'ip_address', 'client_ip', 'source_ip', 'src_ip', 'remote_addr', 'remote_address', 'remote_ip', 'caller_ip', 'ipaddr'];
const USER_AGENT = ['user_agent', 'ua', 'useragent', 'http_user_agent'];
const ENTITY = ['entity', 'resource', 'object', 'subject', 'item', 'record'];
const TARGET = ['target', 'recipient', 'target_user', 'affected_user'];
const SYSTEM = ['source', 'system', 'service', 'app', 'application', 'product'];
const ID = ['id', 'uuid', 'event_id', 'eventid', '_id', 'log_id', 'guid'];
const CATEGORY = ['category', 'event_category', 'kind', 'group'];
const VERSION = ['version', 'schema_version', 'event_version'];

function detect(): number {
  return 0.05;
}

/** A value that may be an object describing a person or thing: reads its id and name. */
function describeObject(o: Rec): { id: string | null; name: string | null; type: string | null } {
  return {
    id: firstText(o['id'], o['uid'], o['uuid'], o['user_id'], o['userId'], o['key'], o['email'], o['login']),
    name: firstText(o['name'], o['display_name'], o['displayName'], o['username'], o['login'], o['email'], o['title'], o['label']),
    type: firstText(o['type'], o['kind'], o['role']),
  };
}

/** Action-like values can be objects ({value, localizedValue}, {type, name}). */
function scalarOrField(v: unknown, ...keys: string[]): string | null {
  const o = obj(v);
  if (!o) return text(v);
  return firstText(...keys.map((k) => o[k]));
}

function actorOf(k: LooseKeys): Actor {
  const v = k.get(...ACTOR);
  const o = obj(v);
  const ip = firstIp(k.get(...IP), o?.['ip'], o?.['ip_address'], o?.['ipAddress']);
  const userAgent = k.text(...USER_AGENT) ?? (o ? firstText(o['user_agent'], o['userAgent']) : null);
  if (o) {
    const p = describeObject(o);
    return { id: p.id, name: p.name, type: actorKind(p.type) ?? 'unknown', sourceType: p.type, ip, userAgent };
  }
  const name = text(v);
  const sourceType = k.text('actor_type', 'user_type', 'principal_type');
  const id = k.text('actor_id', 'user_id', 'principal_id') ?? name;
  if (name === null && id === null) return { id: null, name: null, type: actorKind(sourceType), sourceType, ip, userAgent };
  return { id, name, type: actorKind(sourceType) ?? (name !== null && /^system$/i.test(name) ? 'system' : 'unknown'), sourceType, ip, userAgent };
}

function partyOf(k: LooseKeys, names: string[], prefix: string[]): Party {
  const v = k.get(...names);
  const o = obj(v);
  if (o) {
    const p = describeObject(o);
    return party(p.id, p.name, p.type);
  }
  const id = k.text(...prefix.map((p) => `${p}_id`));
  const type = k.text(...prefix.map((p) => `${p}_type`));
  const name = text(v) ?? k.text(...prefix.map((p) => `${p}_name`));
  if (id === null && type === null && name === null) return noParty();
  return party(id, name, type);
}

function changesOf(r: Rec, k: LooseKeys): Change[] {
  const before = decodeJsonString(k.get('before', 'old', 'old_value', 'old_values', 'previous', 'original'));
  const after = decodeJsonString(k.get('after', 'new', 'new_value', 'new_values', 'current', 'updated'));
  if (isPlainObject(before) || isPlainObject(after)) {
    return diffObjects(isPlainObject(before) ? before : undefined, isPlainObject(after) ? after : undefined);
  }
  if (before !== undefined || after !== undefined) {
    const field = k.text('field', 'field_name', 'property', 'attribute', 'change') ?? 'value';
    return before === after ? [] : [makeChange(field, before, after)];
  }
  const changes = decodeJsonString(k.get('changes', 'changed_values', 'modified_properties', 'diff'));
  if (isPlainObject(changes)) return changesFromFieldMap(changes);
  if (Array.isArray(changes)) {
    const first = obj(changes[0]) ?? {};
    const pick = (...keys: string[]) => keys.find((x) => Object.hasOwn(first, x)) ?? keys[0]!;
    return changesFromList(changes, {
      path: pick('field', 'path', 'name', 'Name', 'key', 'fieldName', 'property'),
      before: pick('old_value', 'from', 'old', 'before', 'oldValue', 'OldValue', 'changedFrom'),
      after: pick('new_value', 'to', 'new', 'after', 'newValue', 'NewValue', 'changedTo'),
    });
  }
  const fromTo = changesFromChangeFromTo(r);
  return fromTo.length > 0 ? fromTo : changesFromPrefixedKeys(r);
}

function map(record: Record<string, unknown>): MappedEvent[] {
  if (!isPlainObject(record)) {
    throw new MapError(`Expected a JSON object or CSV row, got ${Array.isArray(record) ? 'an array' : record === null ? 'null' : typeof record}`);
  }
  const k = new LooseKeys(record);
  const action = scalarOrField(k.get(...ACTION), 'value', 'name', 'type', 'action');
  const statusValue = k.get(...STATUS);
  const status = scalarOrField(statusValue, 'value', 'result', 'status', 'code');
  const description = scalarOrField(k.get(...DESCRIPTION), 'message', 'text', 'description', 'summary');
  const actor = actorOf(k);
  const system = scalarOrField(k.get(...SYSTEM), 'name', 'id', 'type');
  const who = actor.name ?? actor.id;
  return [
    {
      time: parseTime(k.get(...TIME)),
      system: system ?? 'unknown',
      action,
      category: scalarOrField(k.get(...CATEGORY), 'value', 'name'),
      status,
      outcome: outcomeOf(typeof statusValue === 'boolean' ? statusValue : status),
      actor,
      target: partyOf(k, TARGET, ['target', 'recipient']),
      entity: partyOf(k, ENTITY, ['entity', 'resource', 'object']),
      description: description ?? (action !== null ? `${who ?? 'Someone'}: ${action}` : null),
      changes: changesOf(record, k),
      version: text(k.get(...VERSION)),
      sourceEventId: text(k.get(...ID)),
    },
  ];
}

export const genericMapper: FormatMapper = {
  name: 'generic',
  label: 'Generic activity records',
  detect,
  map,
};
