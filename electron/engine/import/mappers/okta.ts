// Okta System Log LogEvent objects (API arrays, NDJSON from collectors). Okta lists everything an event
// touched in `target[]`: the first User-typed entry is the person acted on, the first other entry
// (AppInstance, UserGroup, PolicyRule...) the object. Okta writes its own sentence in displayMessage.
import type { ActorKind, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { isPlainObject } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { MapError } from '../types.ts';
import { at, firstText, noParty, obj, text, type Rec } from './recordFields.ts';
import { cleanIp, describeEvent } from './eventText.ts';

function detect(r: Rec): number {
  if (text(r['eventType']) === null || r['published'] === undefined) return 0;
  let c = 0.7;
  if (r['uuid'] !== undefined) c += 0.1;
  if (isPlainObject(r['actor'])) c += 0.05;
  if (r['displayMessage'] !== undefined || r['legacyEventType'] !== undefined) c += 0.05;
  if (isPlainObject(r['outcome']) || isPlainObject(r['client'])) c += 0.05;
  return Math.min(c, 0.95);
}

const ACTOR_KINDS: Readonly<Record<string, ActorKind>> = {
  User: 'user', SystemPrincipal: 'system', PublicClientApp: 'app', AppInstance: 'app', Client: 'app',
  ServicePrincipal: 'service', 'Api Token': 'service', ApiToken: 'service',
};

// Okta's outcome.result vocabulary: SUCCESS, FAILURE, ALLOW, DENY, CHALLENGE, SKIPPED, UNKNOWN.
const OUTCOMES: Readonly<Record<string, Outcome>> = {
  SUCCESS: 'success', ALLOW: 'success', FAILURE: 'failure', DENY: 'failure',
  CHALLENGE: 'in_progress', SKIPPED: 'unknown', UNKNOWN: 'unknown',
};

function partyOf(t: Rec): Party {
  return { id: text(t['id']), name: firstText(t['displayName'], t['alternateId']), type: text(t['type']) };
}

function targets(r: Rec): { target: Party; entity: Party } {
  let target: Party | null = null;
  let entity: Party | null = null;
  const list = r['target'];
  if (Array.isArray(list)) {
    for (const x of list) {
      const t = obj(x);
      if (!t) continue;
      if (text(t['type']) === 'User') target ??= partyOf(t);
      else entity ??= partyOf(t);
      if (target && entity) break;
    }
  }
  return { target: target ?? noParty(), entity: entity ?? noParty() };
}

function map(r: Rec): MappedEvent[] {
  if (!isPlainObject(r)) throw new MapError('an Okta System Log event must be a JSON object');
  const action = text(r['eventType']);
  if (action === null && r['published'] === undefined) throw new MapError('not an Okta System Log event: it has neither eventType nor published');
  const actor = obj(r['actor']);
  const actorType = text(actor?.['type']);
  const result = text(at(r, 'outcome', 'result'));
  const { target, entity } = targets(r);
  const actorName = firstText(actor?.['displayName'], actor?.['alternateId']);
  const reason = text(at(r, 'outcome', 'reason'));
  return [{
    time: parseTime(r['published']),
    system: 'okta',
    action,
    category: action === null ? null : action.split('.')[0]!,
    status: result,
    outcome: result === null ? 'unknown' : OUTCOMES[result.toUpperCase()] ?? 'unknown',
    actor: {
      id: text(actor?.['id']),
      name: actorName,
      type: actorType === null ? null : ACTOR_KINDS[actorType] ?? 'unknown',
      sourceType: actorType,
      ip: cleanIp(at(r, 'client', 'ipAddress')),
      userAgent: text(at(r, 'client', 'userAgent', 'rawUserAgent')),
    },
    target,
    entity,
    description: text(r['displayMessage']) ?? describeEvent(action, actorName, entity.name ?? target.name, reason),
    changes: [],
    version: text(r['version']),
    sourceEventId: text(r['uuid']),
  }];
}

export const oktaMapper: FormatMapper = {
  name: 'okta',
  label: 'Okta System Log',
  detect,
  map,
};
