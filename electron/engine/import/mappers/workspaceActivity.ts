// Workspace/agent-platform activity (seed 002) in its two documented shapes: the REST entry
// {id, workspace_id, issue_id, actor_type user|agent, actor_id, action "issue.updated", details{},
// created_at} and the client shape {timestamp, actor{name,…}, action, resource_type, resource_id,
// description, before/after or changes}. AI agents are first-class actors.
import type { Actor, Change, MappedEvent, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { changesFromFieldMap, changesFromList, diffObjects, isPlainObject, makeChange } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { actorKind, firstIp, firstText, noParty, obj, party, text, type Rec } from './recordFields.ts';

const ACTOR_TYPES = new Set(['user', 'agent', 'system']);

function isRestShape(r: Rec): boolean {
  const t = text(r['actor_type'])?.toLowerCase();
  return t !== undefined && ACTOR_TYPES.has(t) && r['actor_id'] !== undefined && text(r['action']) !== null;
}

function isClientShape(r: Rec): boolean {
  return isPlainObject(r['actor']) && text(r['action']) !== null && text(r['resource_type']) !== null;
}

function detect(r: Rec): number {
  if (isRestShape(r)) {
    return r['workspace_id'] !== undefined || r['issue_id'] !== undefined ? 0.9 : 0.6;
  }
  if (isClientShape(r)) {
    const timed = r['timestamp'] !== undefined || r['created_at'] !== undefined;
    return timed && (r['resource_id'] !== undefined || r['description'] !== undefined) ? 0.85 : 0.5;
  }
  return 0;
}

/** Client-shape `changes`: a field map ({status:{from,to}}) or a list ([{field,old_value,new_value}]). */
function changesFromChangesValue(v: unknown): Change[] {
  if (isPlainObject(v)) return changesFromFieldMap(v);
  if (!Array.isArray(v)) return [];
  const first = obj(v[0]);
  if (!first) return [];
  const pick = (...keys: string[]) => keys.find((k) => Object.hasOwn(first, k)) ?? keys[0]!;
  return changesFromList(v, {
    path: pick('field', 'path', 'name', 'key', 'attribute'),
    before: pick('old_value', 'from', 'old', 'before', 'previous'),
    after: pick('new_value', 'to', 'new', 'after', 'value'),
  });
}

/** `issue.updated` details are the changed fields with their new values only (no earlier values). */
function afterOnly(details: Rec): Change[] {
  return Object.entries(details).map(([field, value]) => makeChange(field, undefined, value));
}

function targetOf(details: Rec | null): Party {
  if (!details) return noParty();
  const id = firstText(details['assignee_id'], details['assigned_to'], details['member_id'], details['agent_id']);
  const name = firstText(details['assignee_name'], details['assignee'], details['member_name'], details['agent_name']);
  if (id === null && name === null) return noParty();
  // An assignee may be a person or an agent; only say which when the payload does.
  const type = firstText(details['assignee_type'], details['agent_id'] !== undefined ? 'agent' : null);
  return party(id, name, type);
}

function mapRest(r: Rec): MappedEvent {
  const action = text(r['action']);
  const details = obj(r['details']);
  const actorType = text(r['actor_type']);
  const family = action?.includes('.') ? action.split('.')[0]! : null;
  const issueId = text(r['issue_id']);
  // The identifier (ISS-101) names an issue; a title in update details is a changed value, not its name.
  const created = action !== null && /\.created$/.test(action);
  const entityName = firstText(details?.['identifier'], created ? details?.['title'] : null, created ? details?.['name'] : null);
  const entity = issueId !== null ? party(issueId, entityName, 'issue') : family ? party(details?.[`${family}_id`], entityName, family) : noParty();
  const actor: Actor = {
    id: text(r['actor_id']),
    name: firstText(r['actor_name']),
    type: actorKind(actorType),
    sourceType: actorType,
    ip: null,
    userAgent: null,
  };
  const changes = action !== null && /\.updated$/.test(action) && details ? afterOnly(details) : [];
  return {
    time: parseTime(r['created_at'] ?? r['timestamp']),
    system: firstText(r['system']) ?? 'workspace',
    action,
    category: family,
    status: null,
    outcome: action !== null && /fail/.test(action) ? 'failure' : 'success',
    actor,
    target: targetOf(details),
    entity,
    description: firstText(r['description']) ?? describeRest(actor, action, entity, changes),
    changes,
    version: null,
    sourceEventId: text(r['id']),
  };
}

function describeRest(actor: Actor, action: string | null, entity: Party, changes: Change[]): string | null {
  if (action === null) return null;
  const who = `${actor.type === 'agent' ? 'Agent' : 'User'} ${actor.name ?? actor.id ?? '?'}`;
  const verb = action.split('.').pop()!.replace(/_/g, ' ');
  const what = entity.type ? `${entity.type} ${entity.name ?? entity.id ?? ''}`.trim() : action;
  const fields = changes.length > 0 ? `: ${changes.map((c) => c.path).join(', ')}` : '';
  return `${who} ${verb} ${what}${fields}`;
}

function mapClient(r: Rec): MappedEvent {
  const actorObj = obj(r['actor']) ?? {};
  const resourceType = text(r['resource_type']);
  const verb = text(r['action']);
  // Client entries say `created` + resource_type `issue`; join them so both shapes read `issue.created`.
  const action = verb !== null && resourceType !== null && !verb.includes('.') ? `${resourceType}.${verb}` : verb;
  const sourceType = firstText(actorObj['type'], r['actor_type']);
  const before = r['before'];
  const after = r['after'];
  const changes =
    isPlainObject(before) || isPlainObject(after)
      ? diffObjects(isPlainObject(before) ? before : undefined, isPlainObject(after) ? after : undefined)
      : changesFromChangesValue(r['changes']);
  const metadata = obj(r['metadata']);
  return {
    time: parseTime(r['timestamp'] ?? r['created_at']),
    system: firstText(r['system']) ?? 'workspace',
    action,
    category: resourceType,
    status: null,
    outcome: verb !== null && /fail/.test(verb) ? 'failure' : 'success',
    actor: {
      id: firstText(actorObj['id'], r['actor_id']),
      name: firstText(actorObj['name'], actorObj['email']),
      type: actorKind(sourceType) ?? 'user',
      sourceType,
      ip: firstIp(actorObj['ip_address'], actorObj['ip'], r['ip_address']),
      userAgent: firstText(actorObj['user_agent'], r['user_agent']),
    },
    target: targetOf(obj(r['details']) ?? metadata),
    entity: party(r['resource_id'], firstText(r['resource_name'], metadata?.['name'], metadata?.['title']), resourceType),
    description: text(r['description']),
    changes,
    version: null,
    sourceEventId: text(r['id']),
  };
}

function map(r: Rec): MappedEvent[] {
  return [isRestShape(r) || !isClientShape(r) ? mapRest(r) : mapClient(r)];
}

export const workspaceActivityMapper: FormatMapper = {
  name: 'workspace-activity',
  label: 'Workspace / agent platform activity',
  detect,
  map,
};
