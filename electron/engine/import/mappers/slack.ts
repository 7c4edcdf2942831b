// Slack Audit Logs API entries (`entries[]` elements): epoch-second `date_create`, an actor with a
// user (or app) object, a polymorphic entity (`entity.type` names its sibling object) and a request
// context; `details` is action-specific (anomaly carries previous_ip_address / previous_ua / reason[]).
import type { Change, MappedEvent, Outcome, Party } from '../../../../shared/model.ts';
import { parseTime } from '../../../../shared/time.ts';
import { changesFromPrefixedKeys, isPlainObject, makeChange } from '../changes.ts';
import type { FormatMapper } from '../types.ts';
import { actorKind, at, firstIp, firstText, noParty, obj, party, text, type Rec } from './recordFields.ts';

function detect(r: Rec): number {
  if (r['date_create'] === undefined || !isPlainObject(r['actor'])) return 0;
  const entity = obj(r['entity']);
  if (entity && text(entity['type']) !== null) return 0.95;
  return text(r['action']) !== null ? 0.8 : 0.4;
}

/** The object an actor or entity of `type` keeps under the key of the same name. */
function sibling(holder: Rec | null, type: string | null): Rec | null {
  if (!holder || type === null) return null;
  return obj(at(holder, type));
}

function nameOf(o: Rec | null): string | null {
  if (!o) return null;
  return firstText(o['name'], o['title'], o['real_name'], o['email'], o['domain'], o['id']);
}

function entityOf(entity: Rec | null): Party {
  const type = text(entity?.['type']);
  const o = sibling(entity, type);
  if (type === null && !o) return noParty();
  return party(o?.['id'], nameOf(o), type);
}

// Slack records failures and alerts as their own actions.
function outcomeOf(action: string | null): Outcome {
  if (action === null) return 'unknown';
  if (/fail|denied|rejected/.test(action)) return 'failure';
  if (action === 'anomaly') return 'warning';
  return 'success';
}

/**
 * Anomaly details hold the earlier request context (`previous_ip_address`, `previous_ua`); the current
 * one lives in `context`, so it is lent to the pairing. Preference changes use previous_value/new_value.
 */
function changesOf(details: Rec | null, context: Rec | null): Change[] {
  if (!details) return [];
  const current: Rec = { ...details };
  if (context) {
    if (current['ip_address'] === undefined && context['ip_address'] !== undefined) current['ip_address'] = context['ip_address'];
    if (current['ua'] === undefined && context['ua'] !== undefined) current['ua'] = context['ua'];
  }
  return changesFromPrefixedKeys(current).map((c) => {
    if (c.after !== undefined) return c;
    const stem = c.path.replace(/^.*\./, '');
    const newer = details[`new_${stem}`] ?? details[`current_${stem}`];
    return newer === undefined ? c : makeChange(c.path, c.before, newer);
  });
}

function map(r: Rec): MappedEvent[] {
  const actorObj = obj(r['actor']);
  const actorType = text(actorObj?.['type']);
  // Actor objects are keyed by their type (`user`, `app`...); fall back to `user` for odd exports.
  const who = sibling(actorObj, actorType) ?? obj(actorObj?.['user']);
  const context = obj(r['context']);
  const details = obj(r['details']);
  const entityObj = obj(r['entity']);
  const entity = entityOf(entityObj);
  const action = text(r['action']);
  const actorName = firstText(who?.['name'], who?.['email'], who?.['id']);

  return [
    {
      time: parseTime(r['date_create'], { unit: 's' }),
      system: 'slack',
      action,
      category: entity.type ?? (action ? action.split('_')[0]! : null),
      status: null,
      outcome: outcomeOf(action),
      actor: {
        id: text(who?.['id']),
        name: firstText(who?.['name'], who?.['email']),
        type: actorKind(actorType),
        sourceType: actorType,
        ip: firstIp(context?.['ip_address']),
        userAgent: text(context?.['ua']),
      },
      // A user entity is the person the action was done to (created, deactivated, flagged).
      target: entity.type === 'user' ? entity : noParty(),
      entity,
      description: describe(actorName, action, entity, details),
      changes: changesOf(details, context),
      version: null,
      sourceEventId: text(r['id']),
    },
  ];
}

function describe(who: string | null, action: string | null, entity: Party, details: Rec | null): string | null {
  if (action === null) return null;
  const on = entity.name ? ` ${entity.type ?? ''} ${entity.name}`.replace(/\s+/g, ' ') : '';
  const reasons = Array.isArray(details?.['reason']) ? (details['reason'] as unknown[]).map(text).filter(Boolean).join(', ') : '';
  return `${who ?? 'Someone'}: ${action}${on ? ` —${on}` : ''}${reasons ? ` (reason: ${reasons})` : ''}`;
}

export const slackMapper: FormatMapper = {
  name: 'slack-audit',
  label: 'Slack audit logs',
  detect,
  map,
};
