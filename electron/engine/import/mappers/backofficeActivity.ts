// Back-office activity log (seed 003), exported as CSV or JSON with headers in any case: Time, Type
// (USER_ACTION | BACKGROUND_JOB | WEBHOOK | SYSTEM_EVENT), Actor (a team member, `system`, or an
// external sender like Stripe), Event (`Contact updated · Alex Chen`), Status (SUCCESS | IN_PROGRESS |
// WARNING | FAILED), and the detail view's Entity, Before/After, Metadata and Error.
import type { Actor, ActorKind, Change, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { decodeJsonString, diffObjects, isPlainObject, makeChange } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { firstIp, firstLine, LooseKeys, noParty, party, text, type Rec } from './recordFields.ts';

const TYPES = new Set(['USER_ACTION', 'BACKGROUND_JOB', 'WEBHOOK', 'SYSTEM_EVENT']);
const STATUSES: Readonly<Record<string, Outcome>> = {
  SUCCESS: 'success',
  IN_PROGRESS: 'in_progress',
  WARNING: 'warning',
  FAILED: 'failure',
};

const TIME_KEYS = ['Time', 'Timestamp', 'Date', 'Created At', 'Occurred At'];
const EVENT_KEYS = ['Event', 'Action', 'Activity'];

function upper(v: unknown): string | null {
  return text(v)?.toUpperCase().replace(/[\s-]+/g, '_') ?? null;
}

function detect(r: Rec): number {
  const k = new LooseKeys(r);
  const type = upper(k.get('Type', 'Activity Type'));
  const status = upper(k.get('Status'));
  const typeOk = type !== null && TYPES.has(type);
  const statusOk = status !== null && Object.hasOwn(STATUSES, status);
  if (typeOk && statusOk) return 0.9;
  if (typeOk && (k.has('Event') || k.has('Actor'))) return 0.6;
  return 0;
}

/** `Contact updated · Alex Chen` → action and the entity it names. Mis-decoded exports show `·` as `Â·` or `ยท`. */
const EVENT_SEPARATOR = /\s+(?:·|Â·|ยท|•)\s+/;

function splitEvent(event: string | null): { action: string | null; subject: string | null } {
  if (event === null) return { action: null, subject: null };
  const parts = event.split(EVENT_SEPARATOR);
  if (parts.length < 2) return { action: event, subject: null };
  return { action: parts[0]!.trim() || null, subject: parts.slice(1).join(' · ').trim() || null };
}

/** The seed's detail view names three kinds of actor: team member, system, external (Stripe, Square). */
function actorOf(k: LooseKeys, type: string | null): Actor {
  const name = k.text('Actor', 'User', 'Performed By');
  const ip = firstIp(k.get('IP', 'IP Address'));
  let kind: ActorKind | null;
  let sourceType: string | null;
  if (name === null) {
    kind = type === 'BACKGROUND_JOB' || type === 'SYSTEM_EVENT' ? 'system' : null;
    sourceType = kind === 'system' ? 'system' : null;
  } else if (/^system$/i.test(name)) {
    kind = 'system';
    sourceType = 'system';
  } else if (type === 'WEBHOOK') {
    kind = 'service';
    sourceType = 'external';
  } else {
    kind = 'user';
    sourceType = 'team member';
  }
  return {
    id: k.text('Actor Id', 'User Id', 'Actor Email', 'User Email'),
    name,
    type: kind,
    sourceType,
    ip,
    userAgent: k.text('User Agent'),
  };
}

/** Entity columns when present; else the part of Event after the separator, typed by its first word. */
function entityOf(k: LooseKeys, action: string | null, subject: string | null): Party {
  const entityType = k.text('Entity Type');
  const entity = k.text('Entity', 'Entity Name');
  const entityId = k.text('Entity Id');
  // `Entity` is a type word when a separate type column is absent and a name came from Event.
  const entityIsType = entityType === null && entity !== null && subject !== null && !/\s/.test(entity);
  const type = entityType ?? (entityIsType ? entity : null) ?? typeFromAction(action, subject);
  const name = (entityIsType ? null : entity) ?? subject;
  if (type === null && name === null && entityId === null) return noParty();
  return party(entityId, name, type);
}

/** `Contact updated` names a contact; job and webhook codes (`PROCESS_RELEASE_PAYMENTS`) name nothing. */
function typeFromAction(action: string | null, subject: string | null): string | null {
  if (action === null || subject === null) return null;
  const m = /^([A-Z][a-z]+)\s+[a-z]/.exec(action);
  return m ? m[1]!.toLowerCase() : null;
}

/** Before/After cells hold JSON objects (a field diff) or plain values (one field, named by Field if given). */
function changesOf(k: LooseKeys): Change[] {
  const rawBefore = k.get('Before', 'Old Value', 'Previous');
  const rawAfter = k.get('After', 'New Value');
  if (rawBefore === undefined && rawAfter === undefined) return [];
  const before = decodeJsonString(rawBefore);
  const after = decodeJsonString(rawAfter);
  if (isPlainObject(before) || isPlainObject(after)) {
    return diffObjects(isPlainObject(before) ? before : undefined, isPlainObject(after) ? after : undefined);
  }
  if (before === after) return [];
  return [makeChange(k.text('Field', 'Property', 'Attribute') ?? 'value', before, after)];
}

function map(r: Rec): MappedEvent[] {
  const k = new LooseKeys(r);
  const type = upper(k.get('Type', 'Activity Type'));
  const statusWord = k.text('Status');
  const status = upper(statusWord);
  const event = k.text(...EVENT_KEYS);
  const { action, subject } = splitEvent(event);
  const error = k.text('Error', 'Error Message');
  const description =
    k.text('Description', 'Message', 'Summary') ?? (error !== null ? `${event ?? 'Failed'}: ${firstLine(error)}` : event);
  return [
    {
      time: parseTime(k.get(...TIME_KEYS)),
      system: k.text('System', 'Source') ?? 'backoffice',
      action,
      category: type ?? k.text('Type'),
      status: statusWord,
      outcome: status !== null && Object.hasOwn(STATUSES, status) ? STATUSES[status]! : 'unknown',
      actor: actorOf(k, type),
      target: noParty(),
      entity: entityOf(k, action, subject),
      description,
      changes: changesOf(k),
      version: null,
      sourceEventId: k.text('Id', 'Entry Id', 'Activity Id', 'Log Id'),
    },
  ];
}

export const backofficeActivityMapper: FormatMapper = {
  name: 'backoffice-activity',
  label: 'Back-office activity log',
  detect,
  map,
};
