// OCSF events of any class: epoch-ms `time`, activity_name (+ the source's api.operation), class and
// category names, actor.user / actor.app_name, src_endpoint.ip, http_request.user_agent, the target
// `user` (Account Change, Authentication), resources[] and status/status_id.
import type { Actor, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { actorKind, at, firstIp, firstText, noParty, obj, outcomeOf, party, text, type Rec } from './recordFields.ts';

function detect(r: Rec): number {
  const hasClass = r['class_uid'] !== undefined || r['type_uid'] !== undefined;
  if (!hasClass) return 0;
  const metadata = obj(r['metadata']);
  const hasActivity = r['activity_id'] !== undefined || r['activity_name'] !== undefined;
  if (metadata && hasActivity && (r['time'] !== undefined || r['time_dt'] !== undefined)) {
    return metadata['version'] !== undefined || isPlainObject(metadata['product']) ? 0.95 : 0.85;
  }
  return metadata || hasActivity ? 0.6 : 0.3;
}

// OCSF status_id: 0 Unknown, 1 Success, 2 Failure, 99 Other.
function outcome(r: Rec): Outcome {
  const id = text(r['status_id']);
  if (id === '1') return 'success';
  if (id === '2') return 'failure';
  return outcomeOf(r['status']);
}

function actorOf(r: Rec): Actor {
  const actor = obj(r['actor']);
  const user = obj(actor?.['user']);
  const ip = firstIp(at(r, 'src_endpoint', 'ip'), at(r, 'device', 'ip'));
  const userAgent = text(at(r, 'http_request', 'user_agent'));
  if (user) {
    const sourceType = text(user['type']);
    // user.type_id 3 is System; source-specific words (AssumedRole, IAMUser) are still people or roles.
    const isSystem = text(user['type_id']) === '3' || actorKind(sourceType) === 'system';
    return {
      id: firstText(user['uid'], user['uid_alt'], user['email_addr']),
      name: firstText(user['name'], user['email_addr']),
      type: isSystem ? 'system' : 'user',
      sourceType,
      ip,
      userAgent,
    };
  }
  const app = firstText(actor?.['app_name'], at(actor, 'app', 'name'), actor?.['invoked_by']);
  if (app !== null) return { id: text(at(actor, 'app', 'uid')), name: app, type: 'app', sourceType: null, ip, userAgent };
  return { id: null, name: null, type: null, sourceType: null, ip, userAgent };
}

function entityOf(r: Rec): Party {
  const resources = Array.isArray(r['resources']) ? r['resources'] : [];
  const first = obj(resources[0]);
  if (first) return party(first['uid'], firstText(first['name'], first['uid']), first['type']);
  const entity = obj(r['entity']);
  if (entity) return party(entity['uid'], entity['name'], entity['type']);
  const service = text(at(r, 'api', 'service', 'name'));
  if (service !== null) return party(null, service, 'service');
  return noParty();
}

function map(r: Rec): MappedEvent[] {
  const activity = text(r['activity_name']);
  const operation = text(at(r, 'api', 'operation'));
  const action = activity && operation ? `${activity} (${operation})` : (activity ?? operation ?? text(r['type_name']));
  const user = obj(r['user']);
  const actor = actorOf(r);
  const entity = entityOf(r);
  const className = text(r['class_name']);
  const targetName = firstText(user?.['name'], user?.['email_addr']);
  const status = text(r['status']) ?? text(r['status_code']);
  return [
    {
      time: r['time'] !== undefined ? parseTime(r['time'], { unit: 'ms' }) : parseTime(r['time_dt']),
      system: 'ocsf',
      action,
      category: className ?? text(r['category_name']),
      status,
      outcome: outcome(r),
      actor,
      target: user ? party(firstText(user['uid'], user['uid_alt']), targetName, firstText(user['type'], 'user')) : noParty(),
      entity,
      description:
        text(r['message']) ??
        (action ? `${actor.name ?? actor.id ?? 'Someone'}: ${className ? `${className} — ` : ''}${action}${targetName ? ` (${targetName})` : ''}` : null),
      changes: [],
      version: text(at(r, 'metadata', 'version')),
      sourceEventId: text(at(r, 'metadata', 'uid')),
    },
  ];
}

export const ocsfMapper: FormatMapper = {
  name: 'ocsf',
  label: 'OCSF events',
  detect,
  map,
};
