// Atlassian audit records in their four shapes: Jira Cloud (`created` +0000, `summary`,
// authorAccountId, objectItem, changedValues{fieldName,changedFrom,changedTo}), Jira/Confluence Data
// Center (`timestamp`, author{}, type{category,action}, affectedObjects[], changedValues{key,from,to}),
// Confluence Cloud (`creationDate` epoch ms, changedValues{name,oldValue,newValue}) and the
// organization audit API's JSON:API elements ({id, type:'events', attributes{time,action,actor,…}}).
import type { Actor, Change, MappedEvent, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { changesFromList, isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { actorKind, firstIp, firstText, noParty, obj, party, text, type Rec } from './recordFields.ts';

type Shape = 'jira-cloud' | 'datacenter' | 'confluence-cloud' | 'org';

function shapeOf(r: Rec): { shape: Shape; confidence: number } | null {
  const attrs = obj(r['attributes']);
  if (r['type'] === 'events' && attrs && attrs['action'] !== undefined && attrs['time'] !== undefined) {
    return { shape: 'org', confidence: 0.95 };
  }
  const type = obj(r['type']);
  if (r['timestamp'] !== undefined && type && (type['action'] !== undefined || type['actionI18nKey'] !== undefined)) {
    const strong = isPlainObject(r['author']) || Array.isArray(r['affectedObjects']) || type['categoryI18nKey'] !== undefined;
    return { shape: 'datacenter', confidence: strong ? 0.92 : 0.7 };
  }
  if (r['creationDate'] !== undefined && r['summary'] !== undefined) {
    const strong = isPlainObject(r['author']) || isPlainObject(r['affectedObject']) || r['category'] !== undefined;
    return { shape: 'confluence-cloud', confidence: strong ? 0.9 : 0.6 };
  }
  if (r['created'] !== undefined && r['summary'] !== undefined) {
    let c = 0.5;
    if (r['category'] !== undefined) c += 0.15;
    if (isPlainObject(r['objectItem'])) c += 0.2;
    if (r['authorAccountId'] !== undefined || r['authorKey'] !== undefined || r['eventSource'] !== undefined) c += 0.1;
    if (Array.isArray(r['changedValues']) || Array.isArray(r['associatedItems'])) c += 0.05;
    return { shape: 'jira-cloud', confidence: Math.min(c, 0.95) };
  }
  return null;
}

function detect(r: Rec): number {
  return shapeOf(r)?.confidence ?? 0;
}

function item(o: unknown, typeKey: string): Party {
  const i = obj(o);
  if (!i) return noParty();
  return party(i['id'], firstText(i['name'], i['displayName']), i[typeKey]);
}

/** The first USER-typed related object: the person added to a group, the new project lead... */
function firstUser(list: unknown, typeKey: string): Party {
  if (!Array.isArray(list)) return noParty();
  for (const o of list) {
    const p = item(o, typeKey);
    if (p.type !== null && /^user$/i.test(p.type)) return p;
  }
  return noParty();
}

/** Only successful changes are audited; a summary naming a failure is the exception. */
function outcomeOf(action: string | null): 'success' | 'failure' {
  return action !== null && /\bfail(ed|ure)?\b/i.test(action) ? 'failure' : 'success';
}

function event(fields: {
  time: MappedEvent['time'];
  system: string;
  action: string | null;
  category: string | null;
  actor: Actor;
  target: Party;
  entity: Party;
  description: string | null;
  changes: Change[];
  id: unknown;
}): MappedEvent {
  const subject = fields.actor.name ?? fields.actor.id ?? (fields.actor.type === 'system' ? 'System' : 'Someone');
  const on = fields.entity.name ?? fields.entity.id;
  return {
    time: fields.time,
    system: fields.system,
    action: fields.action,
    category: fields.category,
    status: null,
    outcome: outcomeOf(fields.action),
    actor: fields.actor,
    target: fields.target,
    entity: fields.entity,
    description: fields.description ?? (fields.action ? `${subject}: ${fields.action}${on ? ` (${on})` : ''}` : null),
    changes: fields.changes,
    version: null,
    sourceEventId: text(fields.id),
  };
}

function systemActor(ip: string | null): Actor {
  return { id: null, name: null, type: 'system', sourceType: null, ip, userAgent: null };
}

function mapJiraCloud(r: Rec): MappedEvent {
  const accountId = firstText(r['authorAccountId'], r['authorKey']);
  const ip = firstIp(r['remoteAddress']);
  return event({
    time: parseTime(r['created']),
    system: 'jira',
    action: text(r['summary']),
    category: text(r['category']),
    // No author means Jira itself did it (directory sync, project deletion cascades).
    actor: accountId === null ? systemActor(ip) : { id: accountId, name: null, type: 'user', sourceType: null, ip, userAgent: null },
    target: firstUser(r['associatedItems'], 'typeName'),
    entity: item(r['objectItem'], 'typeName'),
    description: text(r['description']),
    changes: changesFromList(r['changedValues'], { path: 'fieldName', before: 'changedFrom', after: 'changedTo' }),
    id: r['id'],
  });
}

function authorActor(author: Rec | null, ip: string | null): Actor {
  if (!author) return systemActor(ip);
  const sourceType = text(author['type']);
  const id = firstText(author['accountId'], author['id'], author['userKey'], author['key'], author['username']);
  const name = firstText(author['displayName'], author['publicName'], author['name'], author['username']);
  if (id === null && name === null) return { ...systemActor(ip), sourceType };
  return { id, name, type: actorKind(sourceType) ?? 'user', sourceType, ip, userAgent: null };
}

function isConfluence(r: Rec, type: Rec): boolean {
  const hints = [type['categoryI18nKey'], type['actionI18nKey'], r['system'], obj(r['author'])?.['uri']];
  return hints.some((h) => typeof h === 'string' && /confluence/i.test(h));
}

function mapDataCenter(r: Rec): MappedEvent {
  const type = obj(r['type']) ?? {};
  const affected = Array.isArray(r['affectedObjects']) ? r['affectedObjects'] : [];
  return event({
    time: parseTime(r['timestamp']),
    system: isConfluence(r, type) ? 'confluence' : 'jira',
    action: firstText(type['action'], type['actionI18nKey']),
    category: firstText(type['category'], type['categoryI18nKey'], type['area']),
    // DC `source` is the forwarding chain; its first address is the client.
    actor: authorActor(obj(r['author']), firstIp(r['source'])),
    target: firstUser(affected, 'type'),
    entity: item(affected[0], 'type'),
    description: text(r['description']),
    changes: changesFromList(r['changedValues'], { path: 'key', before: 'from', after: 'to' }),
    id: r['id'],
  });
}

function mapConfluenceCloud(r: Rec): MappedEvent {
  const affected = obj(r['affectedObject']);
  return event({
    time: parseTime(r['creationDate'], { unit: 'ms' }),
    system: 'confluence',
    action: text(r['summary']),
    category: text(r['category']),
    actor: authorActor(obj(r['author']), firstIp(r['remoteAddress'])),
    target: firstUser(r['associatedObjects'], 'objectType'),
    entity: affected ? party(affected['id'], affected['name'], affected['objectType']) : noParty(),
    description: text(r['description']),
    changes: changesFromList(r['changedValues'], { path: 'name', before: 'oldValue', after: 'newValue' }),
    id: r['id'],
  });
}

/** Org events name what they touched in `context[]` (users, groups, policies) and where in `container[]`. */
function contextParty(list: unknown): Party {
  if (!Array.isArray(list)) return noParty();
  for (const o of list) {
    const c = obj(o);
    if (!c) continue;
    const attrs = obj(c['attributes']);
    return party(c['id'], firstText(attrs?.['name'], attrs?.['displayName'], attrs?.['email'], attrs?.['siteName'], c['key'], c['value']), c['type']);
  }
  return noParty();
}

function mapOrg(r: Rec): MappedEvent {
  const a = obj(r['attributes']) ?? {};
  const actorObj = obj(a['actor']);
  const ip = firstIp(obj(a['location'])?.['ip']);
  const sourceType = text(actorObj?.['type']);
  const actor: Actor = actorObj
    ? { id: text(actorObj['id']), name: text(actorObj['name']), type: actorKind(sourceType) ?? 'user', sourceType, ip, userAgent: null }
    : systemActor(ip);
  const entity = contextParty(a['context']);
  const container = contextParty(a['container']);
  const message = firstText(obj(a['message'])?.['content'], obj(r['message'])?.['content'], a['message']);
  return event({
    time: parseTime(a['time']),
    system: 'atlassian',
    action: text(a['action']),
    category: text(a['category']) ?? container.type,
    actor,
    target: entity.type !== null && /user/i.test(entity.type) ? entity : noParty(),
    entity: entity.type !== null || entity.id !== null ? entity : container,
    description: message,
    changes: [],
    id: r['id'],
  });
}

function map(r: Rec): MappedEvent[] {
  const shape = shapeOf(r)?.shape ?? 'jira-cloud';
  if (shape === 'org') return [mapOrg(r)];
  if (shape === 'datacenter') return [mapDataCenter(r)];
  if (shape === 'confluence-cloud') return [mapConfluenceCloud(r)];
  return [mapJiraCloud(r)];
}

export const jiraMapper: FormatMapper = {
  name: 'atlassian-audit',
  label: 'Atlassian (Jira / Confluence) audit log',
  detect,
  map,
};
